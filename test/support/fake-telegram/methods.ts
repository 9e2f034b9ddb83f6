/** Bot API method handlers. Each returns the `result` or throws an ApiError. */
import type { Update } from 'grammy/types';
import { ApiError, badRequest, tooManyRequests } from './errors.js';
import { formatText, MAX_CAPTION_LENGTH, MAX_TEXT_LENGTH, normalizeParseMode, type ParseMode } from './formatting.js';
import type { ParsedText } from './html-entities.js';
import type { RateLimiter } from './limits.js';
import { UploadedFile } from './multipart.js';
import { getBool, getInt, getJson, getString, getStringArray } from './params.js';
import { parseReplyMarkup } from './reply-markup.js';
import { chatObject, inferChatType, type FileKind, type StoredFile, type StoredMessage, type TelegramState } from './state.js';
import type { FakeFile, KnownChat, Params, SentMessage, SentMethod } from './types.js';
import { chatMember, userObject, type UpdateQueue } from './updates.js';

export interface MethodOptions {
  lenientAmpersand: boolean;
  requireKnownChats: boolean;
  acceptUnknownFileIds: boolean;
}

export interface MethodContext {
  method: string;
  params: Params;
  files: Map<string, UploadedFile>;
  state: TelegramState;
  updates: UpdateQueue;
  limiter: RateLimiter | undefined;
  options: MethodOptions;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

/** A successful answer that also carries Telegram's `description` (e.g. "Webhook was set"). */
export class WithDescription {
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}

type Handler = (ctx: MethodContext) => unknown;

const unixNow = (): number => Math.floor(Date.now() / 1000);
const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

// ---------------------------------------------------------------------------------------------
// chats

const chatNotFound = (): ApiError => badRequest('chat not found');

/** Parses `chat_id` (integer, numeric string or @username). */
export function parseChatId(state: TelegramState, raw: unknown, name = 'chat_id'): number {
  if (raw === undefined || raw === null || raw === '') throw badRequest(`${name} is empty`);
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw) || raw === 0) throw chatNotFound();
    return raw;
  }
  if (typeof raw !== 'string') throw chatNotFound();
  const value = raw.trim();
  if (/^[-+]?\d+$/.test(value)) {
    const id = Number(value);
    if (id === 0) throw chatNotFound();
    return id;
  }
  if (/^@[A-Za-z0-9_]{4,32}$/.test(value)) {
    const chat = state.findChatByUsername(value);
    if (chat) return chat.id;
  }
  throw chatNotFound();
}

interface RequireChatOptions {
  /** Answer the chat's injected fault (blocked, kicked, migrated, ...). Default true. */
  applyFaults?: boolean;
  /** Register never-seen chats instead of answering "chat not found". Default: !requireKnownChats. */
  autoRegister?: boolean;
}

function requireChat(ctx: MethodContext, options: RequireChatOptions = {}): KnownChat {
  const id = parseChatId(ctx.state, ctx.params['chat_id']);
  const fault = ctx.state.chatFaults.get(id);
  if (fault && (options.applyFaults ?? true)) throw fault;
  if (fault && fault.description === 'Bad Request: chat not found') throw fault;
  const known = ctx.state.chats.get(id);
  if (known) return known;
  if (!(options.autoRegister ?? !ctx.options.requireKnownChats)) throw chatNotFound();
  return ctx.state.registerChat({ id, type: inferChatType(id) });
}

/**
 * Where and what the bot may post, as Telegram checks it: a thread id of a forum that is not an
 * open topic ("message thread not found" once deleted, TOPIC_CLOSED while closed), and the chat's
 * permissions for the bot (text, photos, documents), with Telegram's descriptions.
 */
function enforceWhereAndRights(ctx: MethodContext, chat: KnownChat, threadId: number | undefined, what: 'text' | FileKind): void {
  const topics = ctx.state.topics.get(chat.id);
  if (threadId !== undefined && topics) {
    const topic = topics.get(threadId);
    if (topic === undefined || topic === 'deleted') throw badRequest('message thread not found');
    if (topic === 'closed') throw badRequest('TOPIC_CLOSED');
  }
  const rights = ctx.state.sendRights.get(chat.id);
  if (!rights) return;
  if (what === 'text' && !rights.text) throw badRequest('not enough rights to send text messages to the chat');
  if (what === 'photo' && !rights.photos) throw badRequest('not enough rights to send photos to the chat');
  if (what === 'document' && !rights.documents) throw badRequest('not enough rights to send documents to the chat');
}

function enforceLimits(ctx: MethodContext, chat: KnownChat): void {
  const retryAfter = ctx.limiter?.take(chat.id, chat.type);
  if (retryAfter !== undefined) throw tooManyRequests(retryAfter);
}

// ---------------------------------------------------------------------------------------------
// sending

interface CommonSendParams {
  replyMarkup: Record<string, unknown> | undefined;
  replyTo: StoredMessage | undefined;
  threadId: number | undefined;
  disableNotification: boolean | undefined;
}

function readReplyTarget(ctx: MethodContext, chat: KnownChat): StoredMessage | undefined {
  const replyParameters = getJson(ctx.params, 'reply_parameters', "can't parse ReplyParameters JSON object");
  let messageId: number | undefined;
  let allowWithoutReply: boolean;
  if (replyParameters !== undefined) {
    if (!isObject(replyParameters) || !Number.isInteger(replyParameters['message_id'])) {
      throw badRequest("can't parse ReplyParameters JSON object");
    }
    if (replyParameters['chat_id'] !== undefined) {
      const replyChatId = parseChatId(ctx.state, replyParameters['chat_id']);
      if (replyChatId !== chat.id) return undefined; // cross-chat reply: not modelled
    }
    messageId = replyParameters['message_id'] as number;
    allowWithoutReply = replyParameters['allow_sending_without_reply'] === true;
  } else {
    messageId = getInt(ctx.params, 'reply_to_message_id');
    allowWithoutReply = getBool(ctx.params, 'allow_sending_without_reply') ?? false;
  }
  if (messageId === undefined) return undefined;
  const replied = ctx.state.getMessage(chat.id, messageId);
  if (!replied && !allowWithoutReply) throw badRequest('message to be replied not found');
  return replied;
}

function readCommonSendParams(ctx: MethodContext, chat: KnownChat): CommonSendParams {
  return {
    replyMarkup: parseReplyMarkup(ctx.params, { chatType: chat.type }),
    replyTo: readReplyTarget(ctx, chat),
    threadId: getInt(ctx.params, 'message_thread_id'),
    disableNotification: getBool(ctx.params, 'disable_notification'),
  };
}

interface Outgoing {
  method: SentMethod;
  kind: StoredMessage['kind'];
  visible: ParsedText;
  rawText: string | undefined;
  parseMode: ParseMode | undefined;
  /** Fields of the Message object describing the content (text/entities or document/caption...). */
  content: Record<string, unknown>;
  document?: StoredFile;
  photo?: StoredFile;
  caption?: string;
}

function toFakeFile(file: StoredFile): FakeFile {
  const { kind: _kind, ...rest } = file;
  return rest;
}

function deliver(ctx: MethodContext, chat: KnownChat, common: CommonSendParams, out: Outgoing): Record<string, unknown> {
  const { state } = ctx;
  const messageId = state.nextMessageId(chat.id);
  const message: Record<string, unknown> = {
    message_id: messageId,
    from: state.botUser(),
    chat: chatObject(chat),
    date: unixNow(),
  };
  if (common.threadId !== undefined) message['message_thread_id'] = common.threadId;
  if (common.replyTo) {
    const { reply_to_message: _nested, ...replied } = common.replyTo.message;
    message['reply_to_message'] = replied;
  }
  Object.assign(message, out.content);
  const inlineMarkup = common.replyMarkup?.['inline_keyboard'] !== undefined ? common.replyMarkup : undefined;
  if (inlineMarkup) message['reply_markup'] = inlineMarkup;

  state.storeMessage({
    chatId: chat.id,
    messageId,
    fromBot: true,
    kind: out.kind,
    text: out.visible.text,
    entities: out.visible.entities,
    replyMarkup: inlineMarkup,
    message,
  });
  const record: SentMessage = {
    method: out.method,
    chatId: chat.id,
    messageId,
    text: out.visible.text,
    rawText: out.rawText,
    parseMode: out.parseMode,
    entities: out.visible.entities,
    replyMarkup: common.replyMarkup,
    params: ctx.params,
    result: structuredClone(message),
    at: Date.now(),
  };
  if (out.document) record.document = toFakeFile(out.document);
  if (out.photo) record.photo = toFakeFile(out.photo);
  if (out.caption !== undefined) record.caption = out.caption;
  if (common.disableNotification !== undefined) record.disableNotification = common.disableNotification;
  if (common.threadId !== undefined) record.messageThreadId = common.threadId;
  if (common.replyTo) record.replyToMessageId = common.replyTo.messageId;
  state.recordSent(record);
  return message;
}

function parseVisibleText(ctx: MethodContext, rawText: string | undefined, parseMode: ParseMode | undefined): ParsedText {
  if (rawText === undefined || rawText === '') throw badRequest('message text is empty');
  const visible = formatText(rawText, parseMode, ctx.params['entities'], ctx.options);
  if (visible.text.length === 0) throw badRequest('message text is empty');
  if (visible.text.length > MAX_TEXT_LENGTH) throw badRequest('message is too long');
  return visible;
}

function textContent(visible: ParsedText): Record<string, unknown> {
  return visible.entities.length > 0 ? { text: visible.text, entities: visible.entities } : { text: visible.text };
}

function sendMessage(ctx: MethodContext): unknown {
  const chat = requireChat(ctx);
  const rawText = getString(ctx.params, 'text');
  const parseMode = normalizeParseMode(getString(ctx.params, 'parse_mode'));
  const visible = parseVisibleText(ctx, rawText, parseMode);
  const common = readCommonSendParams(ctx, chat);
  enforceWhereAndRights(ctx, chat, common.threadId, 'text');
  enforceLimits(ctx, chat);
  return deliver(ctx, chat, common, {
    method: 'sendMessage',
    kind: 'text',
    visible,
    rawText,
    parseMode,
    content: textContent(visible),
  });
}

// ---------------------------------------------------------------------------------------------
// files

const MIME_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  xml: 'application/xml',
  html: 'text/html',
  zip: 'application/zip',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  mp4: 'video/mp4',
};

export function guessMimeType(filename: string, declared?: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase();
  const byExt = ext !== undefined ? MIME_TYPES[ext] : undefined;
  if (byExt) return byExt;
  if (declared && declared.toLowerCase() !== 'application/octet-stream') return declared;
  return 'application/octet-stream';
}

/** Magic numbers of the image formats Telegram accepts for photos. */
function imageInfo(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length >= 24 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (bytes.length >= 10 && bytes.subarray(0, 4).toString('latin1') === 'GIF8') {
    return { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
  }
  const isJpeg = bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  const isWebp =
    bytes.length >= 12 &&
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP';
  const isBmp = bytes.length >= 2 && bytes[0] === 0x42 && bytes[1] === 0x4d;
  return isJpeg || isWebp || isBmp ? { width: 800, height: 600 } : undefined;
}

const FILE_LIMITS: Record<FileKind, number> = { document: 50 * 1024 * 1024, photo: 10 * 1024 * 1024 };
const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function resolveInputFile(ctx: MethodContext, kind: FileKind): StoredFile {
  let value = ctx.params[kind];
  if (value === undefined || value === null || value === '') throw badRequest(`there is no ${kind} in the request`);
  if (typeof value === 'string' && value.startsWith('attach://')) {
    const attached = ctx.files.get(value.slice('attach://'.length));
    if (!attached) throw badRequest('wrong file identifier/HTTP URL specified');
    value = attached;
  }
  if (value instanceof UploadedFile) {
    if (value.bytes.length === 0) throw badRequest('file must be non-empty');
    if (value.bytes.length > FILE_LIMITS[kind]) throw new ApiError(413, 'Request Entity Too Large');
    if (kind === 'photo' && !imageInfo(value.bytes)) throw badRequest('IMAGE_PROCESS_FAILED');
    return ctx.state.registerFile(kind, {
      filename: value.filename,
      bytes: value.bytes,
      mimeType: kind === 'photo' ? 'image/jpeg' : guessMimeType(value.filename, value.contentType),
    });
  }
  if (typeof value !== 'string') throw badRequest('wrong file identifier/HTTP URL specified');
  if (/^https?:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw badRequest('wrong file identifier/HTTP URL specified');
    }
    const filename = decodeURIComponent(url.pathname.split('/').pop() ?? '') || 'file';
    return ctx.state.registerFile(kind, { filename, bytes: Buffer.alloc(0), mimeType: guessMimeType(filename), url: value });
  }
  const known = ctx.state.files.get(value);
  if (known) {
    if (known.kind !== kind) throw badRequest(`can't use file of type ${capitalize(known.kind)} as ${capitalize(kind)}`);
    return known;
  }
  if (ctx.options.acceptUnknownFileIds && /^[A-Za-z0-9_-]{8,}$/.test(value)) {
    const stored: StoredFile = {
      kind,
      fileId: value,
      fileUniqueId: `AgAD${value.slice(-8)}`,
      filename: `${kind}.dat`,
      bytes: Buffer.alloc(0),
      mimeType: 'application/octet-stream',
    };
    ctx.state.files.set(value, stored);
    return stored;
  }
  throw badRequest('wrong file identifier/HTTP URL specified');
}

function sendMedia(ctx: MethodContext, kind: FileKind): unknown {
  const chat = requireChat(ctx);
  const file = resolveInputFile(ctx, kind);
  const rawCaption = getString(ctx.params, 'caption');
  const parseMode = normalizeParseMode(getString(ctx.params, 'parse_mode'));
  let caption: ParsedText = { text: '', entities: [] };
  if (rawCaption !== undefined && rawCaption !== '') {
    caption = formatText(rawCaption, parseMode, ctx.params['caption_entities'], ctx.options);
    if (caption.text.length > MAX_CAPTION_LENGTH) throw badRequest('message caption is too long');
  }
  const common = readCommonSendParams(ctx, chat);
  enforceWhereAndRights(ctx, chat, common.threadId, kind);
  enforceLimits(ctx, chat);

  const content: Record<string, unknown> = {};
  if (kind === 'document') {
    content['document'] = {
      file_name: file.filename,
      mime_type: file.mimeType,
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      file_size: file.bytes.length,
    };
  } else {
    const size = imageInfo(file.bytes) ?? { width: 800, height: 600 };
    content['photo'] = [
      { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: file.bytes.length, ...size },
    ];
  }
  if (caption.text !== '') {
    content['caption'] = caption.text;
    if (caption.entities.length > 0) content['caption_entities'] = caption.entities;
  }
  const out: Outgoing = {
    method: kind === 'document' ? 'sendDocument' : 'sendPhoto',
    kind,
    visible: caption,
    rawText: rawCaption,
    parseMode,
    content,
    caption: caption.text,
  };
  if (kind === 'document') out.document = file;
  else out.photo = file;
  return deliver(ctx, chat, common, out);
}

// ---------------------------------------------------------------------------------------------
// editing

const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

function requireOwnMessage(ctx: MethodContext, notFound: string): { chat: KnownChat; stored: StoredMessage } {
  if (getString(ctx.params, 'inline_message_id') !== undefined) throw badRequest('MESSAGE_ID_INVALID');
  const chat = requireChat(ctx);
  const messageId = getInt(ctx.params, 'message_id');
  if (messageId === undefined) throw badRequest('message identifier is not specified');
  const stored = ctx.state.getMessage(chat.id, messageId);
  if (!stored) throw badRequest(notFound);
  return { chat, stored };
}

function recordEdit(ctx: MethodContext, method: SentMethod, chat: KnownChat, stored: StoredMessage, rawText: string | undefined, parseMode: ParseMode | undefined): void {
  ctx.state.recordSent({
    method,
    chatId: chat.id,
    messageId: stored.messageId,
    text: stored.text,
    rawText,
    parseMode,
    entities: stored.entities,
    replyMarkup: stored.replyMarkup,
    params: ctx.params,
    result: structuredClone(stored.message),
    at: Date.now(),
  });
}

function setOrDelete(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

function editMessageText(ctx: MethodContext): unknown {
  const { chat, stored } = requireOwnMessage(ctx, 'message to edit not found');
  if (!stored.fromBot) throw badRequest("message can't be edited");
  if (stored.kind !== 'text') throw badRequest('there is no text in the message to edit');
  const rawText = getString(ctx.params, 'text');
  const parseMode = normalizeParseMode(getString(ctx.params, 'parse_mode'));
  const visible = parseVisibleText(ctx, rawText, parseMode);
  const markup = parseReplyMarkup(ctx.params, { inlineOnly: true });
  if (
    visible.text === stored.text &&
    JSON.stringify(visible.entities) === JSON.stringify(stored.entities) &&
    JSON.stringify(markup) === JSON.stringify(stored.replyMarkup)
  ) {
    throw badRequest(NOT_MODIFIED);
  }
  stored.text = visible.text;
  stored.entities = visible.entities;
  stored.replyMarkup = markup;
  stored.message['text'] = visible.text;
  setOrDelete(stored.message, 'entities', visible.entities.length > 0 ? visible.entities : undefined);
  setOrDelete(stored.message, 'reply_markup', markup);
  stored.message['edit_date'] = unixNow();
  recordEdit(ctx, 'editMessageText', chat, stored, rawText, parseMode);
  return stored.message;
}

function editMessageReplyMarkup(ctx: MethodContext): unknown {
  const { chat, stored } = requireOwnMessage(ctx, 'message to edit not found');
  if (!stored.fromBot) throw badRequest("message can't be edited");
  const markup = parseReplyMarkup(ctx.params, { inlineOnly: true });
  if (JSON.stringify(markup) === JSON.stringify(stored.replyMarkup)) throw badRequest(NOT_MODIFIED);
  stored.replyMarkup = markup;
  setOrDelete(stored.message, 'reply_markup', markup);
  stored.message['edit_date'] = unixNow();
  recordEdit(ctx, 'editMessageReplyMarkup', chat, stored, undefined, undefined);
  return stored.message;
}

function deleteMessage(ctx: MethodContext): unknown {
  const { chat, stored } = requireOwnMessage(ctx, 'message to delete not found');
  // Bots may delete incoming messages in private chats; in groups that needs admin rights (not modelled).
  if (!stored.fromBot && chat.type !== 'private') throw badRequest("message can't be deleted");
  ctx.state.messages.get(chat.id)?.delete(stored.messageId);
  return true;
}

// ---------------------------------------------------------------------------------------------
// callbacks, commands, webhook, updates, misc

function answerCallbackQuery(ctx: MethodContext): unknown {
  const id = getString(ctx.params, 'callback_query_id');
  if (id === undefined || !ctx.state.openCallbackQueries.has(id)) {
    throw badRequest('query is too old and response timeout expired or query ID is invalid');
  }
  const text = getString(ctx.params, 'text');
  if (text !== undefined && text.length > 200) throw badRequest('MESSAGE_TOO_LONG');
  ctx.state.openCallbackQueries.delete(id);
  const answer: (typeof ctx.state.callbackAnswers)[number] = {
    callbackQueryId: id,
    showAlert: getBool(ctx.params, 'show_alert') ?? false,
    at: Date.now(),
  };
  if (text !== undefined) answer.text = text;
  const url = getString(ctx.params, 'url');
  if (url !== undefined) answer.url = url;
  const cacheTime = getInt(ctx.params, 'cache_time');
  if (cacheTime !== undefined) answer.cacheTime = cacheTime;
  ctx.state.callbackAnswers.push(answer);
  return true;
}

const SCOPE_TYPES = new Set([
  'default',
  'all_private_chats',
  'all_group_chats',
  'all_chat_administrators',
  'chat',
  'chat_administrators',
  'chat_member',
]);

/** Storage key of a command list: normalised scope + language code. */
export function commandsKey(state: TelegramState, scope: unknown, languageCode: string | undefined): string {
  const s = scope === undefined ? { type: 'default' } : scope;
  if (!isObject(s) || typeof s['type'] !== 'string' || !SCOPE_TYPES.has(s['type'])) {
    throw badRequest("can't parse BotCommandScope JSON object");
  }
  const normalized: Record<string, unknown> = { type: s['type'] };
  if (s['type'] === 'chat' || s['type'] === 'chat_administrators' || s['type'] === 'chat_member') {
    normalized['chat_id'] = parseChatId(state, s['chat_id']);
  }
  if (s['type'] === 'chat_member') {
    if (!Number.isInteger(s['user_id'])) throw badRequest("can't parse BotCommandScope JSON object");
    normalized['user_id'] = s['user_id'];
  }
  const lang = languageCode ?? '';
  if (lang !== '' && !/^[a-z]{2}$/.test(lang)) throw badRequest('invalid language code specified');
  return `${JSON.stringify(normalized)}|${lang}`;
}

function commandsKeyFromParams(ctx: MethodContext): string {
  const scope = getJson(ctx.params, 'scope', "can't parse BotCommandScope JSON object");
  return commandsKey(ctx.state, scope, getString(ctx.params, 'language_code'));
}

function setMyCommands(ctx: MethodContext): unknown {
  const commands = getJson(ctx.params, 'commands', "can't parse commands JSON object");
  if (commands === undefined) throw badRequest('parameter "commands" is required');
  if (!Array.isArray(commands)) throw badRequest('field "commands" must be an Array');
  if (commands.length > 100) throw badRequest('too many commands');
  const list = commands.map((item: unknown) => {
    if (!isObject(item)) throw badRequest("can't parse BotCommand JSON object");
    const command = item['command'];
    const description = item['description'];
    if (typeof command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(command)) throw badRequest('BOT_COMMAND_INVALID');
    if (typeof description !== 'string' || description.trim() === '' || description.length > 256) {
      throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
    }
    return { command, description };
  });
  const key = commandsKeyFromParams(ctx);
  if (list.length === 0) ctx.state.commands.delete(key);
  else ctx.state.commands.set(key, list);
  return true;
}

function getMyCommands(ctx: MethodContext): unknown {
  return ctx.state.commands.get(commandsKeyFromParams(ctx)) ?? [];
}

function deleteMyCommands(ctx: MethodContext): unknown {
  ctx.state.commands.delete(commandsKeyFromParams(ctx));
  return true;
}

function setWebhook(ctx: MethodContext): unknown {
  const url = getString(ctx.params, 'url') ?? '';
  if (getBool(ctx.params, 'drop_pending_updates')) ctx.updates.drop();
  if (url === '') {
    const wasSet = ctx.state.webhook !== undefined;
    ctx.state.webhook = undefined;
    return new WithDescription(true, wasSet ? 'Webhook was deleted' : 'Webhook is already deleted');
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badRequest('bad webhook: Wrong HTTP URL specified');
  }
  if (parsed.protocol !== 'https:') throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
  if (!['', '443', '80', '88', '8443'].includes(parsed.port)) {
    throw badRequest('bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443');
  }
  const secretToken = getString(ctx.params, 'secret_token');
  if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
    throw badRequest('secret token contains unallowed characters');
  }
  const maxConnections = getInt(ctx.params, 'max_connections');
  const allowedUpdates = getStringArray(ctx.params, 'allowed_updates');
  const previous = ctx.state.webhook;
  ctx.state.webhook = { url };
  if (secretToken !== undefined) ctx.state.webhook.secretToken = secretToken;
  if (maxConnections !== undefined) ctx.state.webhook.maxConnections = Math.min(100, Math.max(1, maxConnections));
  if (allowedUpdates !== undefined) ctx.state.webhook.allowedUpdates = allowedUpdates;
  return new WithDescription(true, previous?.url === url ? 'Webhook is already set' : 'Webhook was set');
}

function deleteWebhook(ctx: MethodContext): unknown {
  if (getBool(ctx.params, 'drop_pending_updates')) ctx.updates.drop();
  const wasSet = ctx.state.webhook !== undefined;
  ctx.state.webhook = undefined;
  return new WithDescription(true, wasSet ? 'Webhook was deleted' : 'Webhook is already deleted');
}

function getWebhookInfo(ctx: MethodContext): unknown {
  const webhook = ctx.state.webhook;
  const info: Record<string, unknown> = {
    url: webhook?.url ?? '',
    has_custom_certificate: false,
    pending_update_count: ctx.updates.pending.length,
  };
  if (webhook?.maxConnections !== undefined) info['max_connections'] = webhook.maxConnections;
  if (webhook?.allowedUpdates !== undefined) info['allowed_updates'] = webhook.allowedUpdates;
  return info;
}

function getUpdates(ctx: MethodContext): Promise<Update[]> {
  if (ctx.state.webhook) {
    throw new ApiError(
      409,
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    );
  }
  const limit = Math.min(100, Math.max(1, getInt(ctx.params, 'limit') ?? 100));
  return ctx.updates.poll(
    {
      offset: getInt(ctx.params, 'offset'),
      limit,
      timeoutSeconds: Math.max(0, getInt(ctx.params, 'timeout') ?? 0),
      allowedUpdates: getStringArray(ctx.params, 'allowed_updates'),
    },
    ctx.signal,
  );
}

const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
]);

function sendChatAction(ctx: MethodContext): unknown {
  requireChat(ctx);
  const action = getString(ctx.params, 'action');
  if (action === undefined || !CHAT_ACTIONS.has(action)) throw badRequest('wrong parameter action in request');
  return true;
}

function getChat(ctx: MethodContext): unknown {
  const chat = requireChat(ctx, { applyFaults: false, autoRegister: false });
  return {
    ...chatObject(chat),
    accent_color_id: 0,
    max_reaction_count: 11,
    accepted_gift_types: {
      unlimited_gifts: false,
      limited_gifts: false,
      unique_gifts: false,
      premium_subscription: false,
    },
  };
}

function leaveChat(ctx: MethodContext): unknown {
  const chat = requireChat(ctx);
  if (chat.type === 'private') throw badRequest("chat member status can't be changed in private chats");
  ctx.state.chatFaults.set(chat.id, new ApiError(403, `Forbidden: bot is not a member of the ${chat.type} chat`));
  return true;
}

const MENU_BUTTON_ERROR = "can't parse MenuButton JSON object";

/** MenuButton as Telegram checks it: commands | default | web_app {text, web_app: {url: https://…}}. */
function parseMenuButton(button: unknown): Record<string, unknown> {
  if (!isObject(button) || typeof button['type'] !== 'string') throw badRequest(MENU_BUTTON_ERROR);
  if (button['type'] === 'commands' || button['type'] === 'default') return { type: button['type'] };
  if (button['type'] !== 'web_app') throw badRequest(MENU_BUTTON_ERROR);
  const text = button['text'];
  const webApp = button['web_app'];
  if (typeof text !== 'string' || !isObject(webApp) || typeof webApp['url'] !== 'string') throw badRequest(MENU_BUTTON_ERROR);
  if (text.trim() === '') throw badRequest('BUTTON_TEXT_INVALID');
  if (!/^https:\/\/[^/\s]+/i.test(webApp['url'])) throw badRequest('BUTTON_URL_INVALID');
  return { type: 'web_app', text, web_app: { url: webApp['url'] } };
}

function menuButtonChat(ctx: MethodContext): number | 'default' {
  if (ctx.params['chat_id'] === undefined) return 'default';
  const chat = requireChat(ctx);
  if (chat.type !== 'private') throw badRequest('chat_id must be a private chat');
  return chat.id;
}

function setChatMenuButton(ctx: MethodContext): unknown {
  const key = menuButtonChat(ctx);
  const button = getJson(ctx.params, 'menu_button', MENU_BUTTON_ERROR);
  const parsed = button === undefined ? { type: 'default' } : parseMenuButton(button);
  if (parsed['type'] === 'default') ctx.state.menuButtons.delete(key);
  else ctx.state.menuButtons.set(key, parsed);
  return true;
}

/**
 * getChatMember as Telegram answers it: in a private chat only its user (and the bot) are
 * members; in a group a user's status as set by the test (creator, administrator…), "member" for
 * one who wrote there, else "left". A chat the bot was removed from answers 403.
 */
function getChatMember(ctx: MethodContext): unknown {
  const chat = requireChat(ctx);
  const userId = getInt(ctx.params, 'user_id');
  if (userId === undefined || userId <= 0) throw badRequest('invalid user_id specified');
  const botId = ctx.state.bot.id;
  const known = ctx.state.chats.get(userId);
  const user =
    userId === botId
      ? ctx.state.botUser()
      : userObject(userId, { firstName: known?.first_name, lastName: known?.last_name, username: known?.username });
  if (chat.type === 'private') {
    if (userId !== chat.id && userId !== botId) throw badRequest('member not found');
    return chatMember(user, 'member', chat.type);
  }
  const status = userId === botId ? (ctx.state.memberships.get(chat.id)?.get(botId) ?? 'member') : ctx.state.memberStatus(chat.id, userId);
  return chatMember(user, status, chat.type);
}

function getChatMenuButton(ctx: MethodContext): unknown {
  const key = menuButtonChat(ctx);
  return ctx.state.menuButtons.get(key) ?? (key === 'default' ? { type: 'commands' } : ctx.state.menuButtons.get('default') ?? { type: 'commands' });
}

function getMe(ctx: MethodContext): unknown {
  return ctx.state.bot;
}

export const METHODS: Record<string, Handler> = {
  getMe,
  sendMessage,
  sendDocument: (ctx) => sendMedia(ctx, 'document'),
  sendPhoto: (ctx) => sendMedia(ctx, 'photo'),
  editMessageText,
  editMessageReplyMarkup,
  deleteMessage,
  answerCallbackQuery,
  setMyCommands,
  getMyCommands,
  deleteMyCommands,
  setWebhook,
  deleteWebhook,
  getWebhookInfo,
  getUpdates,
  sendChatAction,
  getChat,
  getChatMember,
  leaveChat,
  setChatMenuButton,
  getChatMenuButton,
};

const BY_LOWER_NAME = new Map(Object.keys(METHODS).map((name) => [name.toLowerCase(), name]));

/** Bot API method names are case-insensitive. */
export function canonicalMethodName(name: string): string | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}
