/**
 * In-process fake of the Telegram Bot API for integration tests.
 *
 *   const tg = await startFakeTelegram();
 *   const bot = new Bot(tg.token, { client: { apiRoot: tg.url }, botInfo: tg.botInfo });
 *
 * See fake-telegram/server.ts for the API (faults, update injection, recording).
 */
export { DEFAULT_BOT_USERNAME, DEFAULT_TOKEN, FakeTelegram, startFakeTelegram } from './fake-telegram/server.js';
export type { FailNextOptions, WaitForReplyOptions } from './fake-telegram/server.js';
export { ApiError } from './fake-telegram/errors.js';
export { parseHtml, EntityParseError } from './fake-telegram/html-entities.js';
export { formatText } from './fake-telegram/formatting.js';
export { parseMultipart, UploadedFile } from './fake-telegram/multipart.js';
export { RateLimiter, TELEGRAM_LIMITS } from './fake-telegram/limits.js';
export { botCommandEntities } from './fake-telegram/updates.js';
export type {
  CallbackAnswer,
  CallbackQueryOptions,
  ChatId,
  ChatMemberStatus,
  ChatType,
  FakeFile,
  FakeTelegramOptions,
  FaultDecision,
  FaultHook,
  FaultRequest,
  FaultSpec,
  KnownChat,
  MyChatMemberOptions,
  PressButtonOptions,
  RateLimitConfig,
  RecordedRequest,
  SentMessage,
  SentMethod,
  UserMessageOptions,
  WebhookState,
} from './fake-telegram/types.js';
