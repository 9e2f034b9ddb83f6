import { Api, InputFile } from 'grammy';
import type { Message } from 'grammy/types';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { OutgoingMessage } from './outgoing.js';
import type { RateLimiter } from './rate-limiter.js';
import { createLimitsTransformer } from './gateway-transformer.js';
import { classifyTelegramError, type TelegramFailure } from './telegram-errors.js';

/** Telegram's limits on what one message may carry. */
const MAX_TEXT_LENGTH = 4096;
const MAX_CAPTION_LENGTH = 1024;

/**
 * `withoutMedia`: the chat refused the message's photo or document (Telegram's reason), so its
 * text went alone (`OutgoingMessage.withoutMedia`).
 */
export type SendOutcome = { ok: true; messageId: number; withoutMedia?: string } | { ok: false; failure: TelegramFailure };

/**
 * `html`: the message as rendered. `plain`: its `plainText`, no parse mode and no buttons, cut to
 * Telegram's length: the fallback when Telegram refused our HTML (the one thing it cannot refuse).
 */
type SendMode = 'html' | 'plain';

/** The one way outgoing messages reach the Bot API. */
export interface TelegramGateway {
  /** The gateway's Api (limits transformer installed); for sends the gateway has no verb for. */
  readonly api: Api;
  /** Sends a message; never throws for Telegram's or the network's failures, it classifies them. */
  send(chatId: number, message: OutgoingMessage, mode?: SendMode): Promise<SendOutcome>;
}

export interface GatewayOptions {
  token: string;
  apiRoot: string;
  limiter: RateLimiter;
  metrics?: Metrics;
  logger?: Logger;
  /** A call that has not answered by then counts as a network failure (and is retried). */
  timeoutSeconds?: number;
}

export function createTelegramGateway(options: GatewayOptions): TelegramGateway {
  const api = new Api(options.token, { apiRoot: options.apiRoot, timeoutSeconds: options.timeoutSeconds ?? 30 });
  api.config.use(createLimitsTransformer({ limiter: options.limiter, metrics: options.metrics, logger: options.logger }));

  async function call(chatId: number, message: OutgoingMessage, mode: SendMode): Promise<Message> {
    const plain = mode === 'plain';
    const where = {
      disable_notification: message.disableNotification,
      ...(message.messageThreadId !== undefined ? { message_thread_id: message.messageThreadId } : {}),
    };
    const common = {
      ...(plain ? {} : { parse_mode: message.parseMode, reply_markup: message.replyMarkup }),
      ...where,
    };
    if (message.document) {
      const caption = plain ? cut(message.plainText, MAX_CAPTION_LENGTH) : message.text;
      return api.sendDocument(chatId, new InputFile(message.document.bytes, message.document.filename), { ...common, caption });
    }
    if (message.photo) {
      const photo = new InputFile(message.photo.bytes, message.photo.filename);
      if (message.plainText.length <= MAX_CAPTION_LENGTH) {
        return api.sendPhoto(chatId, photo, { ...common, caption: plain ? message.plainText : message.text });
      }
      // Too long for a caption: the picture alone, then the text.
      await api.sendPhoto(chatId, photo, where);
    }
    const text = plain ? cut(message.plainText, MAX_TEXT_LENGTH) : message.text;
    return api.sendMessage(chatId, text, { ...common, link_preview_options: { is_disabled: true } });
  }

  return {
    api,
    async send(chatId, message, mode = 'html') {
      try {
        const sent = await call(chatId, message, mode);
        return { ok: true, messageId: sent.message_id };
      } catch (err) {
        const failure = classifyTelegramError(err);
        if (failure.kind !== 'media_forbidden' || (!message.photo && !message.document)) return { ok: false, failure };
        // The chat takes no photos or documents from the bot: the text alone, the chat kept.
        try {
          const sent = await call(chatId, textAlone(message), mode);
          return { ok: true, messageId: sent.message_id, withoutMedia: failure.reason };
        } catch (again) {
          return { ok: false, failure: classifyTelegramError(again) };
        }
      }
    },
  };
}

/** The message without its photo or document: its `withoutMedia` text, or its own text. */
function textAlone(message: OutgoingMessage): OutgoingMessage {
  const { photo: _photo, document: _document, withoutMedia, ...rest } = message;
  return withoutMedia ? { ...rest, text: withoutMedia.text, plainText: withoutMedia.plainText } : rest;
}

/**
 * At most `max` UTF-16 units (how Telegram counts), marked with "…" when cut, never splitting a
 * surrogate pair.
 */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
