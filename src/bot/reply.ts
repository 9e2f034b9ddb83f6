import { GrammyError, InputFile } from 'grammy';
import type { Message } from 'grammy/types';
import type { Logger } from '../observability/logger.js';
import type { OutgoingMessage } from '../telegram/outgoing.js';
import { CAPTION_LIMIT } from '../telegram/limits.js';
import { SendBudgetExhausted } from '../telegram/gateway-transformer.js';
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

const isParseError = (err: unknown) => err instanceof GrammyError && err.error_code === 400 && /parse entities/i.test(err.description);

/**
 * Answers in the update's chat with a rendered message: a document with its caption, or text.
 * If Telegram ever refuses our HTML (a renderer bug), the plain text goes instead, logged loudly.
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

async function sendNow(ctx: BotContext, message: OutgoingMessage, logger: Logger): Promise<Message> {
  const send = (plain: boolean) => {
    const text = plain ? message.plainText : message.text;
    const parse = plain ? {} : { parse_mode: message.parseMode };
    const markup = message.replyMarkup ? { reply_markup: message.replyMarkup } : {};
    if (message.document) {
      return ctx.replyWithDocument(new InputFile(message.document.bytes, message.document.filename), { caption: text, ...parse, ...markup });
    }
    if (message.photo) {
      const photo = new InputFile(message.photo.bytes, message.photo.filename);
      if (message.plainText.length <= CAPTION_LIMIT) return ctx.replyWithPhoto(photo, { caption: text, ...parse, ...markup });
      // Too long for a caption: the picture alone, then the text.
      return ctx.replyWithPhoto(photo).then(() =>
        ctx.reply(text, { ...parse, ...markup, link_preview_options: { is_disabled: true } }).catch((err: unknown) => {
          if (!(err instanceof SendBudgetExhausted)) throw err;
          const { photo: _sent, ...rest } = message;
          throw new PartlySent(rest, err);
        }),
      );
    }
    return ctx.reply(text, { ...parse, ...markup, link_preview_options: { is_disabled: true } });
  };
  try {
    return await send(false);
  } catch (err) {
    if (!isParseError(err)) throw err;
    logger.error({ err, chatId: ctx.chat?.id }, 'Telegram refused our HTML; sent as plain text');
    return send(true);
  }
}
