import type { InlineKeyboardMarkup } from 'grammy/types';

/**
 * A message ready to send, whoever made it (renderer) and whoever sends it (gateway).
 * Text is Telegram HTML: everything from a check already escaped, at most 4096 characters
 * of visible text (1024 for a document's caption).
 */
export interface OutgoingMessage {
  text: string;
  parseMode: 'HTML';
  replyMarkup?: InlineKeyboardMarkup;
  /**
   * Sent as a document with `text` as its caption: its bytes, or a file on disk (`path`, read as
   * a stream at each send: an export part, removed by `release`).
   */
  document?: { bytes: Buffer; filename: string } | { path: string; filename: string };
  /**
   * Sent as a photo (sendPhoto): with `text` as its caption when that fits in 1024 characters,
   * else without a caption and `text` as a message right after it.
   */
  photo?: { bytes: Buffer; filename: string };
  disableNotification?: boolean;
  /** The forum topic of the chat to post in (a chat linked from inside a topic). */
  messageThreadId?: number;
  /** The same content without markup, for when Telegram refuses our HTML (a bug, logged loudly). */
  plainText: string;
  /**
   * What to send instead when the chat does not let the bot send photos or documents: by default
   * `text` alone (a chart's figures are in it); a PDF's message names its link here.
   */
  withoutMedia?: { text: string; plainText: string };
  /**
   * Frees what the message holds outside memory (an export part's temporary file). Whoever
   * renders the message calls it once it is done with it, sent or not; a later try renders again.
   */
  release?: () => Promise<void>;
}
