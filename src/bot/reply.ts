import { GrammyError, InputFile } from 'grammy';
import type { Message } from 'grammy/types';
import type { Logger } from '../observability/logger.js';
import type { OutgoingMessage } from '../telegram/outgoing.js';
import { CAPTION_LIMIT } from '../telegram/render/html.js';
import type { BotContext } from './context.js';

const isParseError = (err: unknown) => err instanceof GrammyError && err.error_code === 400 && /parse entities/i.test(err.description);

/**
 * Answers in the update's chat with a rendered message: a document with its caption, or text.
 * If Telegram ever refuses our HTML (a renderer bug), the plain text goes instead, logged loudly.
 */
export async function sendReply(ctx: BotContext, message: OutgoingMessage, logger: Logger): Promise<Message> {
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
      return ctx.replyWithPhoto(photo).then(() => ctx.reply(text, { ...parse, ...markup, link_preview_options: { is_disabled: true } }));
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
