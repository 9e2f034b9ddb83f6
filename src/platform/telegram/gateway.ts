import { Api } from 'grammy';
import type { OutgoingMessage } from './outgoing.js';
import { createLimitsTransformer, type SendBudget, type SendEvents } from './gateway-transformer.js';
import { classifyTelegramError, type TelegramFailure } from './telegram-errors.js';
import { sendOutgoing, TextAfterPhotoFailed, type ChatSender, type SendMode } from './send-core.js';

/**
 * `withoutMedia`: the chat refused the message's photo or document (Telegram's reason), so its
 * text went alone (`OutgoingMessage.withoutMedia`).
 */
export type SendOutcome = { ok: true; messageId: number; withoutMedia?: string } | { ok: false; failure: TelegramFailure };

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
  limiter: SendBudget;
  events?: SendEvents;
  /** A call that has not answered by then counts as a network failure (and is retried). */
  timeoutSeconds?: number;
}

export function createTelegramGateway(options: GatewayOptions): TelegramGateway {
  const api = new Api(options.token, { apiRoot: options.apiRoot, timeoutSeconds: options.timeoutSeconds ?? 30 });
  api.config.use(createLimitsTransformer({ limiter: options.limiter, events: options.events }));

  // One chat's sends through the gateway's Api (limits transformer installed).
  const sender = (chatId: number): ChatSender => ({
    sendMessage: (text, other) => api.sendMessage(chatId, text, other),
    sendPhoto: (photo, other) => api.sendPhoto(chatId, photo, other),
    sendDocument: (document, other) => api.sendDocument(chatId, document, other),
  });
  const call = (chatId: number, message: OutgoingMessage, mode: SendMode) => sendOutgoing(sender(chatId), message, mode);
  // Only the photo went: the text's failure is the send's (the whole message is tried again).
  const classify = (err: unknown) => classifyTelegramError(err instanceof TextAfterPhotoFailed ? err.cause : err);

  return {
    api,
    async send(chatId, message, mode = 'html') {
      try {
        const sent = await call(chatId, message, mode);
        return { ok: true, messageId: sent.message_id };
      } catch (err) {
        const failure = classify(err);
        if (failure.kind !== 'media_forbidden' || (!message.photo && !message.document)) return { ok: false, failure };
        // The chat takes no photos or documents from the bot: the text alone, the chat kept.
        try {
          const sent = await call(chatId, textAlone(message), mode);
          return { ok: true, messageId: sent.message_id, withoutMedia: failure.reason };
        } catch (again) {
          return { ok: false, failure: classify(again) };
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
