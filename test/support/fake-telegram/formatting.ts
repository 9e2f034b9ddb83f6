/**
 * Turns (text, parse_mode, entities) into Telegram's stored form: visible text + entities,
 * with '\r' removed and surrounding whitespace trimmed like tdlib's fix_formatted_text.
 */
import type { MessageEntity } from 'grammy/types';
import { badRequest } from './errors.js';
import { EntityParseError, parseHtml, sortEntities, type ParsedText } from './html-entities.js';

export type ParseMode = 'HTML' | 'MarkdownV2' | 'Markdown';

export const MAX_TEXT_LENGTH = 4096;
export const MAX_CAPTION_LENGTH = 1024;

/** Validates `parse_mode`; Telegram compares it case-insensitively. */
export function normalizeParseMode(value: string | undefined): ParseMode | undefined {
  if (value === undefined || value === '') return undefined;
  switch (value.toLowerCase()) {
    case 'html':
      return 'HTML';
    case 'markdownv2':
      return 'MarkdownV2';
    case 'markdown':
      return 'Markdown';
    default:
      throw badRequest('unsupported parse_mode');
  }
}

const TRIMMABLE = new Set([' ', '\t', '\n', '\v', '\f', '\0']);

/** Removes '\r' and leading/trailing whitespace, shifting and clipping entities accordingly. */
export function cleanFormattedText(parsed: ParsedText): ParsedText {
  const { text } = parsed;
  let begin = 0;
  let end = text.length;
  while (begin < end && (TRIMMABLE.has(text[begin] as string) || text[begin] === '\r')) begin++;
  while (end > begin && (TRIMMABLE.has(text[end - 1] as string) || text[end - 1] === '\r')) end--;

  // newIndex[k] = index in the cleaned text of original index k
  const newIndex = new Array<number>(text.length + 1);
  let out = '';
  for (let k = 0; k <= text.length; k++) {
    newIndex[k] = out.length;
    if (k < text.length && k >= begin && k < end && text[k] !== '\r') out += text[k];
  }
  const entities: MessageEntity[] = [];
  for (const entity of parsed.entities) {
    const from = newIndex[Math.min(entity.offset, text.length)] as number;
    const to = newIndex[Math.min(entity.offset + entity.length, text.length)] as number;
    if (to > from) entities.push({ ...entity, offset: from, length: to - from });
  }
  return { text: out, entities: sortEntities(entities) };
}

function parseExplicitEntities(raw: unknown): MessageEntity[] {
  let value = raw;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw badRequest("can't parse entities JSON object");
    }
  }
  if (!Array.isArray(value)) throw badRequest("can't parse entities JSON object");
  return value.map((item: unknown) => {
    const e = item as Record<string, unknown> | null;
    if (
      e === null ||
      typeof e !== 'object' ||
      typeof e['type'] !== 'string' ||
      !Number.isInteger(e['offset']) ||
      !Number.isInteger(e['length']) ||
      (e['offset'] as number) < 0 ||
      (e['length'] as number) < 0
    ) {
      throw badRequest("can't parse MessageEntity");
    }
    return e as unknown as MessageEntity;
  });
}

export interface FormatOptions {
  lenientAmpersand?: boolean;
}

/** Parses the text with its parse mode (or explicit entities). Throws ApiError 400 on parse errors. */
export function formatText(
  raw: string,
  parseMode: ParseMode | undefined,
  explicitEntities: unknown,
  options: FormatOptions = {},
): ParsedText {
  let parsed: ParsedText;
  try {
    switch (parseMode) {
      case 'HTML':
        parsed = parseHtml(raw, { lenientAmpersand: options.lenientAmpersand === true });
        break;
      case 'MarkdownV2':
      case 'Markdown':
        // The service sends HTML only; a Markdown send is a bug in the service, not a message.
        throw new Error(`fake Telegram: parse_mode ${parseMode} is not implemented here (the service uses HTML only)`);
      default:
        parsed = {
          text: raw,
          entities:
            explicitEntities === undefined || explicitEntities === null || explicitEntities === ''
              ? []
              : parseExplicitEntities(explicitEntities),
        };
    }
  } catch (error) {
    if (error instanceof EntityParseError) throw badRequest(`can't parse entities: ${error.message}`);
    throw error;
  }
  return cleanFormattedText(parsed);
}
