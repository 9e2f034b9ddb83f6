import type { Message } from 'grammy/types';
import type { Logger } from '../platform/observability/logger.js';
import type { OutgoingMessage } from '../platform/telegram/outgoing.js';
import { SendBudgetExhausted } from '../platform/telegram/gateway-transformer.js';
import { needsPlainText, sendOutgoing, TextAfterPhotoFailed, type ChatSender } from '../platform/telegram/send-core.js';
import { classifyTelegramError } from '../platform/telegram/telegram-errors.js';
import type { BotContext } from './context.js';

/** A photo-then-text reply whose picture went but whose text had no budget: `rest` is what is left. */
class PartlySent extends Error {
  constructor(
    readonly rest: OutgoingMessage,
    readonly budget: SendBudgetExhausted,
  ) {
    super(budget.message);
  }
}

/**
 * Answers in the update's chat with a rendered message: a document with its caption, or text.
 * If Telegram ever refuses it as rendered (a renderer bug: our HTML, a text over the length), its
 * plain text goes instead, cut to length, logged loudly: the send core's one rule (platform/telegram/send-core.ts).
 * A reply that cannot go out within about a second (the bot's Api throws SendBudgetExhausted:
 * the chat's send budget is spent, or Telegram said 429) goes through the outbox instead, or is
 * dropped for a chat that is not connected (deferred-replies.ts); so does a reply to a chat whose
 * earlier reply still waits there, to keep their order. Answers the message when sent now.
 */
export async function sendReply(ctx: BotContext, message: OutgoingMessage, logger: Logger): Promise<Message | undefined> {
  const deferred = ctx.deferredReplies;
  const chatId = ctx.chat?.id;
  if (!deferred || chatId === undefined) {
    return sendNow(ctx, message, logger).catch((err: unknown) => {
      throw err instanceof PartlySent ? err.budget : err;
    });
  }
  const target = { chatId, businessId: ctx.access?.chat?.businessId };
  if (await deferred.hasWaiting(chatId)) {
    await deferred.defer(target, message, 'after the replies already waiting');
    return undefined;
  }
  try {
    return await sendNow(ctx, message, logger);
  } catch (err) {
    if (err instanceof PartlySent) {
      // The picture is there already: only the text goes through the outbox.
      await deferred.defer(target, err.rest, err.budget.reason);
      return undefined;
    }
    if (!(err instanceof SendBudgetExhausted)) throw err;
    await deferred.defer(target, message, err.reason);
    return undefined;
  }
}

/** The reply's chat, through the context (which adds the topic and business connection of the update). */
function replySender(ctx: BotContext): ChatSender {
  return {
    sendMessage: (text, other) => ctx.reply(text, other),
    sendPhoto: (photo, other) => ctx.replyWithPhoto(photo, other),
    sendDocument: (document, other) => ctx.replyWithDocument(document, other),
  };
}

/** Sends through the one send core, with its one fallback rule (the outbox's too). */
async function sendNow(ctx: BotContext, message: OutgoingMessage, logger: Logger): Promise<Message> {
  const sender = replySender(ctx);
  try {
    return await sendOutgoing(sender, message, 'html').catch(partly);
  } catch (err) {
    if (err instanceof PartlySent || err instanceof SendBudgetExhausted) throw err;
    const failure = classifyTelegramError(err instanceof TextAfterPhotoFailed ? err.cause : err);
    if (!needsPlainText(failure)) throw err instanceof TextAfterPhotoFailed ? err.cause : err;
    logger.error({ err, chatId: ctx.chat?.id, reason: failure.reason }, 'BUG: Telegram refused a rendered reply; sent as plain text');
    // What went already (a photo) stays; the rest goes as plain text.
    const rest = err instanceof TextAfterPhotoFailed ? err.rest : message;
    return sendOutgoing(sender, rest, 'plain').catch(partly);
  }
}

/** The photo went but its text had no send budget: PartlySent, for the outbox to carry the rest. */
function partly(err: unknown): never {
  if (err instanceof TextAfterPhotoFailed && err.cause instanceof SendBudgetExhausted) throw new PartlySent(err.rest, err.cause);
  throw err;
}
