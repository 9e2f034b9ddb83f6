/** Validation of `reply_markup` like the Bot API does it. */
import { badRequest } from './errors.js';
import { getJson } from './params.js';
import type { Params } from './types.js';

const INLINE_BUTTON_KINDS = [
  'url',
  'callback_data',
  'web_app',
  'login_url',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat',
  'copy_text',
  'callback_game',
  'pay',
] as const;

const MAX_BUTTONS = 100;
const MARKUP_JSON_ERROR = "can't parse reply keyboard markup JSON object";

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

export function isValidButtonUrl(url: unknown): boolean {
  if (typeof url !== 'string' || !/^(https?|tg):\/\//i.test(url)) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'tg:' || parsed.hostname !== '';
  } catch {
    return false;
  }
}

function inlineButtonError(what: string): Error {
  return badRequest(`can't parse inline keyboard button: ${what}`);
}

function validateInlineButton(button: unknown): void {
  if (!isObject(button)) throw inlineButtonError('InlineKeyboardButton must be an Object');
  if (typeof button['text'] !== 'string') throw inlineButtonError('Field "text" must be of type String');
  if (button['text'].trim() === '') throw badRequest('BUTTON_TEXT_INVALID');
  const kinds = INLINE_BUTTON_KINDS.filter((k) => button[k] !== undefined);
  if (kinds.length === 0) throw inlineButtonError('Text buttons are unallowed in the inline keyboard');
  if (kinds.length > 1) {
    throw inlineButtonError(`exactly one of the optional fields must be specified, found ${kinds.join(', ')}`);
  }
  const kind = kinds[0];
  if (kind === 'callback_data') {
    const data = button['callback_data'];
    if (typeof data !== 'string') throw inlineButtonError('Field "callback_data" must be of type String');
    const bytes = Buffer.byteLength(data, 'utf8');
    if (bytes < 1 || bytes > 64) throw badRequest('BUTTON_DATA_INVALID');
  } else if (kind === 'url') {
    if (!isValidButtonUrl(button['url'])) throw badRequest('BUTTON_URL_INVALID');
  } else if (kind === 'web_app' || kind === 'login_url') {
    const target = button[kind];
    if (!isObject(target) || typeof target['url'] !== 'string' || !/^https:\/\//i.test(target['url'])) {
      throw badRequest('BUTTON_URL_INVALID');
    }
  }
}

function validateKeyboardRows(rows: unknown, field: string, validateButton: (b: unknown) => void): void {
  if (!Array.isArray(rows) || rows.some((row) => !Array.isArray(row))) {
    throw badRequest(`field "${field}" must be an Array of Arrays`);
  }
  let count = 0;
  for (const row of rows as unknown[][]) {
    for (const button of row) {
      validateButton(button);
      count++;
    }
  }
  if (count > MAX_BUTTONS) throw badRequest('reply markup is too long');
}

function validateReplyButton(button: unknown): void {
  if (typeof button === 'string') {
    if (button.trim() === '') throw badRequest('BUTTON_TEXT_INVALID');
    return;
  }
  if (!isObject(button) || typeof button['text'] !== 'string') {
    throw badRequest("can't parse keyboard button: Field \"text\" must be of type String");
  }
  if (button['text'].trim() === '') throw badRequest('BUTTON_TEXT_INVALID');
}

/**
 * Parses and validates `reply_markup`. Returns the parsed object, or undefined when absent.
 * With `inlineOnly` (edit methods) anything but an inline keyboard is rejected.
 */
export function parseReplyMarkup(
  params: Params,
  options: { inlineOnly?: boolean; chatType?: string } = {},
): Record<string, unknown> | undefined {
  const markup = getJson(params, 'reply_markup', MARKUP_JSON_ERROR);
  if (markup === undefined) return undefined;
  if (!isObject(markup)) throw badRequest(MARKUP_JSON_ERROR);

  if (markup['inline_keyboard'] !== undefined) {
    validateKeyboardRows(markup['inline_keyboard'], 'inline_keyboard', validateInlineButton);
    // Web App buttons exist only in private chats between a user and the bot.
    if (options.chatType !== undefined && options.chatType !== 'private' && inlineButtons(markup).some((b) => b['web_app'] !== undefined)) {
      throw badRequest('BUTTON_TYPE_INVALID');
    }
    return markup;
  }
  if (options.inlineOnly) throw badRequest('inline keyboard expected');
  if (markup['keyboard'] !== undefined) {
    validateKeyboardRows(markup['keyboard'], 'keyboard', validateReplyButton);
    return markup;
  }
  if (markup['remove_keyboard'] !== undefined) {
    if (markup['remove_keyboard'] !== true) throw badRequest('field "remove_keyboard" must be true');
    return markup;
  }
  if (markup['force_reply'] !== undefined) {
    if (markup['force_reply'] !== true) throw badRequest('field "force_reply" must be true');
    return markup;
  }
  throw badRequest(MARKUP_JSON_ERROR);
}

/** Finds inline buttons of a markup object (for helpers such as pressButton). */
export function inlineButtons(markup: unknown): Array<Record<string, unknown>> {
  if (!isObject(markup) || !Array.isArray(markup['inline_keyboard'])) return [];
  return (markup['inline_keyboard'] as unknown[][]).flat().filter(isObject);
}
