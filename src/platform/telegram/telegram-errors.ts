import { GrammyError, HttpError } from 'grammy';
import { scrubTelegramSecrets } from './secrets.js';

/**
 * What a failed Bot API call means for the message and its chat. The one place that reads
 * Telegram's error codes and descriptions; everything else switches on `kind`.
 * - retryable: Telegram or the network failed (5xx, timeout, refused connection): try again later.
 * - rate_limited: 429; wait `retryAfterMs` before the next message to that chat.
 * - chat_gone: the bot was blocked or kicked, the chat deleted, the user deactivated: stop sending
 *   there. Nothing else switches a chat off.
 * - migrated: the group became a supergroup with a new id: send there instead.
 * - topic_gone: the forum topic we post in was closed or deleted: post in the General topic.
 * - media_forbidden: the chat does not let the bot send photos or documents: send the text alone.
 * - no_rights: the chat does not let the bot send messages at all (muted, restricted, not an
 *   admin of the channel): the chat stays; try again later, someone may give the right back.
 * - bad_request: Telegram refused the message itself (our markup, length…): a bug on our side.
 */
export type TelegramFailure =
  | { kind: 'retryable'; reason: string }
  | { kind: 'rate_limited'; retryAfterMs: number; reason: string }
  | { kind: 'chat_gone'; reason: string }
  | { kind: 'migrated'; newChatId: number; reason: string }
  | { kind: 'topic_gone'; reason: string }
  | { kind: 'media_forbidden'; reason: string }
  | { kind: 'no_rights'; reason: string }
  | { kind: 'bad_request'; reason: string };

/** The fields of an error answer `{ ok: false, error_code, description, parameters }`. */
export interface TelegramErrorAnswer {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number } | undefined;
}

/** 400 descriptions that mean the chat is out of our reach, not that the message was wrong. */
const CHAT_GONE_400 = [
  /chat not found/i,
  /PEER_ID_INVALID/i,
  /group chat was deactivated/i,
  /chat was deleted/i,
  /user is deactivated/i,
  /bot was kicked/i,
  /CHANNEL_PRIVATE/i,
];

/** The message's forum topic is closed or gone (Telegram: 400). */
const TOPIC_GONE = [/TOPIC_CLOSED/i, /TOPIC_DELETED/i, /message thread not found/i, /TOPIC_ID_INVALID/i];

/** The chat refuses the bot's pictures or files but may take its text. */
const MEDIA_FORBIDDEN = [/not enough rights to send (photos|documents|videos|audios?|audio files|voice|video notes|animations|stickers)/i, /CHAT_SEND_(PHOTOS|DOCS|MEDIA)_FORBIDDEN/i];

/** The chat refuses the bot's messages altogether, while the bot is still in it. */
const NO_RIGHTS = [
  /not enough rights to send text messages/i,
  /have no rights to send a message/i,
  /CHAT_WRITE_FORBIDDEN/i,
  /CHAT_SEND_PLAIN_FORBIDDEN/i,
  /CHAT_RESTRICTED/i,
  /need administrator rights/i,
  /not enough rights to send/i,
];

const DEFAULT_RETRY_AFTER_S = 1;

export function classifyTelegramError(err: unknown): TelegramFailure {
  if (err instanceof GrammyError) return classifyTelegramAnswer(err);
  if (err instanceof HttpError) return { kind: 'retryable', reason: `network: ${describe(err.error) ?? err.message}` };
  if (isAnswer(err)) return classifyTelegramAnswer(err);
  return { kind: 'retryable', reason: `network: ${describe(err) ?? 'unknown error'}` };
}

/** Classifies an error answer as Telegram sent it (also used by the transformer, before grammY throws). */
export function classifyTelegramAnswer(answer: TelegramErrorAnswer): TelegramFailure {
  const code = answer.error_code;
  const description = String(answer.description ?? '');
  const reason = scrubTelegramSecrets(`${code}: ${description}`).slice(0, 300);
  const migrateTo = answer.parameters?.migrate_to_chat_id;
  if (typeof migrateTo === 'number' && Number.isSafeInteger(migrateTo)) {
    return { kind: 'migrated', newChatId: migrateTo, reason };
  }
  if (code === 429 || code === 420) {
    const fromDescription = /retry after (\d+)/i.exec(description)?.[1];
    const seconds = answer.parameters?.retry_after ?? (fromDescription ? Number(fromDescription) : DEFAULT_RETRY_AFTER_S);
    return { kind: 'rate_limited', retryAfterMs: Math.max(0, seconds) * 1000, reason };
  }
  if (code === 400 || code === 403) {
    if (TOPIC_GONE.some((re) => re.test(description))) return { kind: 'topic_gone', reason };
    if (MEDIA_FORBIDDEN.some((re) => re.test(description))) return { kind: 'media_forbidden', reason };
    if (NO_RIGHTS.some((re) => re.test(description))) return { kind: 'no_rights', reason };
  }
  if (code === 403) return { kind: 'chat_gone', reason };
  if (code === 400) {
    if (CHAT_GONE_400.some((re) => re.test(description))) return { kind: 'chat_gone', reason };
    return { kind: 'bad_request', reason };
  }
  // 5xx: Telegram's trouble. 401/404: a wrong token or API root, a deployment problem that is
  // fixed by an operator, not by giving up on the message at once (it is logged loudly and dies
  // after the retry window like any other undeliverable message).
  if (code >= 500 || code === 401 || code === 404 || code === 409) return { kind: 'retryable', reason };
  return { kind: 'bad_request', reason };
}

function isAnswer(value: unknown): value is TelegramErrorAnswer {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { error_code?: unknown }).error_code === 'number' &&
    typeof (value as { description?: unknown }).description === 'string'
  );
}

function describe(value: unknown): string | undefined {
  if (value instanceof Error) {
    const cause = (value as { cause?: unknown }).cause;
    const code = (value as { code?: unknown }).code;
    const parts = [value.name !== 'Error' ? value.name : undefined, value.message, typeof code === 'string' ? code : undefined];
    if (cause instanceof Error) parts.push(cause.message);
    return scrubTelegramSecrets(parts.filter(Boolean).join(': ')).slice(0, 300);
  }
  if (value === undefined || value === null) return undefined;
  // Never a whole object: a thrown non-Error object is named by its tag ('[object Object]').
  const text =
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
      ? String(value)
      : Object.prototype.toString.call(value);
  return scrubTelegramSecrets(text).slice(0, 300);
}
