import { InputFile } from 'grammy';
import type { Message } from 'grammy/types';
import type { OutgoingMessage } from './outgoing.js';
import { CAPTION_LIMIT, cut, TEXT_LIMIT } from './limits.js';
import type { TelegramFailure } from './telegram-errors.js';

/**
 * The one send core: how an OutgoingMessage becomes Bot API calls, for the outbox's gateway
 * (gateway.ts) and the bot's replies (bot/reply.ts) alike.
 *
 * `html`: the message as rendered. `plain`: its `plainText`, no parse mode and no buttons, cut to
 * Telegram's length: the fallback when Telegram refused the rendered message (the one thing it
 * cannot refuse).
 */
export type SendMode = 'html' | 'plain';

type Options = Record<string, unknown>;

/** The three calls a message needs, bound to one chat (the gateway's Api, or a reply's context). */
export interface ChatSender {
  sendMessage(text: string, other: Options): Promise<Message>;
  sendPhoto(photo: InputFile, other: Options): Promise<Message>;
  sendDocument(document: InputFile, other: Options): Promise<Message>;
}

/**
 * A photo whose text did not fit its caption went, and the text after it failed (`cause`):
 * `rest` is the message still to send (without the photo).
 */
export class TextAfterPhotoFailed extends Error {
  constructor(
    readonly rest: OutgoingMessage,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : 'the text after a photo was not sent');
    this.name = 'TextAfterPhotoFailed';
  }
}

/**
 * Sends a message once in the given mode: a document with its caption; a photo with its caption
 * when the text fits one (else the photo alone, then the text); or the text. Throws what the Bot
 * API call threw (TextAfterPhotoFailed when only the photo went).
 */
export async function sendOutgoing(sender: ChatSender, message: OutgoingMessage, mode: SendMode): Promise<Message> {
  const plain = mode === 'plain';
  const where = {
    ...(message.disableNotification !== undefined ? { disable_notification: message.disableNotification } : {}),
    ...(message.messageThreadId !== undefined ? { message_thread_id: message.messageThreadId } : {}),
  };
  const common = {
    ...(plain ? {} : { parse_mode: message.parseMode, ...(message.replyMarkup ? { reply_markup: message.replyMarkup } : {}) }),
    ...where,
  };
  if (message.document) {
    const caption = plain ? cut(message.plainText, CAPTION_LIMIT) : message.text;
    const { document } = message;
    // A path is opened afresh at each call (grammY streams it into the upload).
    const file = new InputFile('bytes' in document ? document.bytes : document.path, document.filename);
    return sender.sendDocument(file, { ...common, caption });
  }
  const text = plain ? cut(message.plainText, TEXT_LIMIT) : message.text;
  const sendText = () => sender.sendMessage(text, { ...common, link_preview_options: { is_disabled: true } });
  if (message.photo) {
    const photo = new InputFile(message.photo.bytes, message.photo.filename);
    if (message.plainText.length <= CAPTION_LIMIT) {
      return sender.sendPhoto(photo, { ...common, caption: plain ? message.plainText : message.text });
    }
    // Too long for a caption: the picture alone, then the text.
    await sender.sendPhoto(photo, where);
    const { photo: _sent, ...rest } = message;
    return sendText().catch((err: unknown) => {
      throw new TextAfterPhotoFailed(rest, err);
    });
  }
  return sendText();
}

/**
 * The one fallback rule, for the outbox and the bot's replies alike: Telegram refused the
 * message itself as a bad request (our HTML's entities, a text over the length, a button: a bug
 * on our side), so its plain text goes instead, once (`plain` mode), and the bug is logged loudly.
 */
export function needsPlainText(failure: TelegramFailure): boolean {
  return failure.kind === 'bad_request';
}
