/**
 * Public types of the fake Telegram Bot API server used by integration tests.
 */
import type { MessageEntity, Update } from 'grammy/types';

export type ChatId = number | string;
export type ChatType = 'private' | 'group' | 'supergroup' | 'channel';
export type Params = Record<string, unknown>;

/** An error answer, shaped like Telegram's `{ ok: false, error_code, description, parameters }`. */
export interface FaultSpec {
  status: number;
  /** Defaults to Telegram's wording for the status (e.g. "Too Many Requests: retry after N" for 429). */
  description?: string;
  /** Adds `parameters.retry_after`. */
  retryAfter?: number;
  /** Adds `parameters.migrate_to_chat_id`. */
  migrateToChatId?: number;
}

/**
 * What a fault hook may decide for a request:
 * - `undefined`/`null`: handle normally
 * - a {@link FaultSpec}: answer with that error
 * - `'timeout'`: hold the request without answering (until `holdTimeoutMs`, client abort or `close()`),
 *   then destroy the socket
 * - `'drop'`: destroy the socket without processing the request
 * - `'drop-after-send'`: process the request normally (the message IS recorded/delivered), then destroy
 *   the socket instead of answering — the classic "did my message go out?" ambiguity
 * - `{ delayMs }`: handle normally, but answer only after the delay
 */
export type FaultDecision =
  | FaultSpec
  | 'timeout'
  | 'drop'
  | 'drop-after-send'
  | { delayMs: number }
  | undefined
  | null
  | void;

export interface FaultRequest {
  method: string;
  params: Params;
}

export type FaultHook = (req: FaultRequest) => FaultDecision;

export interface RateLimitConfig {
  /** Max message sends per second over all chats (Telegram: 30). */
  globalPerSecond: number;
  /** Sustained sends per second to one private chat (Telegram: 1). */
  privatePerSecond: number;
  /** Burst allowance for one private chat. */
  privateBurst: number;
  /** Max sends per minute to one group/supergroup/channel (Telegram: 20). */
  groupPerMinute: number;
}

export interface FakeTelegramOptions {
  /** Bot token; default `123456789:AAFakeTelegramTestToken_abcdefghijklm`. The bot id is the numeric prefix. */
  token?: string;
  /** Default `cashdesk_test_bot`. */
  botUsername?: string;
  /** Default `Cashdesk Test Bot`. */
  botFirstName?: string;
  /** Enable Telegram-like flood control (429 answers). `true` uses the Telegram defaults. */
  enforceLimits?: boolean | Partial<RateLimitConfig>;
  /** How long a `'timeout'` fault holds a request before destroying the socket. Default: until close(). */
  holdTimeoutMs?: number;
  /**
   * Real Telegram keeps a bare `&` (and unknown named entities such as `&nbsp;`) literally.
   * By default the fake is stricter and rejects them, to catch missing HTML escaping.
   * Set to `true` to get Telegram's lenient behaviour.
   */
  lenientAmpersand?: boolean;
  /** Reject sends to chats the fake has never seen (via updates or `addChat`) with "chat not found". */
  requireKnownChats?: boolean;
  /** Accept any string as a file_id, not only ids issued by this fake. */
  acceptUnknownFileIds?: boolean;
  /** Clock used for rate limits (ms). Default `Date.now`. */
  now?: () => number;
  /** Port to listen on (127.0.0.1); default 0: any free port. */
  port?: number;
}

export interface FakeFile {
  filename: string;
  bytes: Buffer;
  mimeType: string;
  fileId: string;
  fileUniqueId: string;
  /** Set when the file was given as an HTTP(S) URL (bytes are then empty). */
  url?: string;
}

export type SentMethod =
  | 'sendMessage'
  | 'sendDocument'
  | 'sendPhoto'
  | 'editMessageText'
  | 'editMessageReplyMarkup';

export interface SentMessage {
  method: SentMethod;
  /** Numeric chat id (an `@username` is resolved when the chat is known). */
  chatId: ChatId;
  messageId: number;
  /** Visible text after entity parsing; for media this is the visible caption ('' if none). */
  text: string;
  /** Text (or caption) exactly as sent by the client. */
  rawText: string | undefined;
  parseMode: string | undefined;
  entities: MessageEntity[];
  /** Parsed reply_markup object. */
  replyMarkup: unknown;
  document?: FakeFile;
  photo?: FakeFile;
  /** Visible caption (media only). */
  caption?: string;
  disableNotification?: boolean;
  messageThreadId?: number;
  replyToMessageId?: number;
  /** All request parameters (uploaded files replaced by {@link FakeFile}s). */
  params: Params;
  /** The Message object returned to the client. */
  result: Record<string, unknown>;
  at: number;
}

export interface RecordedRequest {
  method: string;
  params: Params;
  /** HTTP status; 0 while pending or when no answer was given (timeout/drop). */
  status: number;
  description?: string;
  fault?: 'injected' | 'timeout' | 'drop' | 'drop-after-send' | 'delay';
  at: number;
}

export interface CallbackAnswer {
  callbackQueryId: string;
  text?: string;
  showAlert: boolean;
  url?: string;
  cacheTime?: number;
  at: number;
}

export interface WebhookState {
  url: string;
  secretToken?: string;
  maxConnections?: number;
  allowedUpdates?: string[];
}

export interface KnownChat {
  id: number;
  type: ChatType;
  title?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
}

export interface UserMessageOptions {
  chatId: number;
  /** Defaults to chatId for private chats, 1000001 otherwise. */
  fromId?: number;
  text: string;
  chatType?: 'private' | 'group' | 'supergroup';
  languageCode?: string;
  username?: string;
  firstName?: string;
  lastName?: string;
  chatTitle?: string;
  replyToMessageId?: number;
  messageThreadId?: number;
  /**
   * Sent by an anonymous group administrator: `from` is @GroupAnonymousBot and `sender_chat` is
   * the group itself, as Telegram does (groups and supergroups only).
   */
  asAnonymousAdmin?: boolean;
}

/** A user's status in a chat, as getChatMember answers it. */
export type ChatMemberStatus = 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';

export interface CallbackQueryOptions {
  chatId: number;
  fromId?: number;
  data: string;
  /** Message the button belongs to; default: last message the bot sent to the chat. */
  messageId?: number;
  languageCode?: string;
  username?: string;
  firstName?: string;
}

export interface PressButtonOptions extends Omit<CallbackQueryOptions, 'data'> {
  /** Button text (exact) or a predicate over the button text. */
  button: string | RegExp;
}

export interface MyChatMemberOptions {
  chatId: number;
  fromId?: number;
  newStatus: 'kicked' | 'left' | 'member' | 'administrator';
  oldStatus?: 'kicked' | 'left' | 'member' | 'administrator';
  chatType?: ChatType;
  chatTitle?: string;
  /** Also apply the new status to the fake (kicked/left chats refuse sends). Default true. */
  applyState?: boolean;
}

export type { Update };
