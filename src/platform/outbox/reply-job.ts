import type { InlineKeyboardMarkup } from 'grammy/types';
import type { OutgoingMessage } from '../telegram/outgoing.js';
import { replyPayloadSchema, type ReplyPayload } from './jobs.js';

/** Largest attachment a deferred reply carries (a CashDesk PDF or a chart is far smaller). */
export const MAX_REPLY_ATTACHMENT_BYTES = 8 * 1024 * 1024;

/** The job payload for a reply; undefined when its attachment is too big to queue. */
export function replyPayload(message: OutgoingMessage): ReplyPayload | undefined {
  // A document on disk (an export part) is not carried in a payload.
  if (message.document && !('bytes' in message.document)) return undefined;
  const file = message.document ? { type: 'document' as const, ...message.document } : message.photo ? { type: 'photo' as const, ...message.photo } : undefined;
  if (file && file.bytes.length > MAX_REPLY_ATTACHMENT_BYTES) return undefined;
  return replyPayloadSchema.parse({
    text: message.text,
    plainText: message.plainText,
    ...(message.replyMarkup ? { replyMarkup: message.replyMarkup } : {}),
    ...(message.messageThreadId !== undefined ? { messageThreadId: message.messageThreadId } : {}),
    ...(file ? { attachment: { type: file.type, filename: file.filename, base64: file.bytes.toString('base64') } } : {}),
  });
}

/** The message again, from a payload that passed replyPayloadSchema. */
export function renderReplyJob(payload: ReplyPayload): OutgoingMessage {
  const file = payload.attachment ? { bytes: Buffer.from(payload.attachment.base64, 'base64'), filename: payload.attachment.filename } : undefined;
  return {
    text: payload.text,
    plainText: payload.plainText,
    parseMode: 'HTML',
    ...(payload.replyMarkup ? { replyMarkup: payload.replyMarkup as unknown as InlineKeyboardMarkup } : {}),
    ...(payload.messageThreadId !== undefined ? { messageThreadId: payload.messageThreadId } : {}),
    ...(file && payload.attachment?.type === 'document' ? { document: file } : {}),
    ...(file && payload.attachment?.type === 'photo' ? { photo: file } : {}),
  };
}
