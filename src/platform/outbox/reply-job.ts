import type { InlineKeyboardMarkup } from 'grammy/types';
import { z } from 'zod';
import type { OutgoingMessage } from '../telegram/outgoing.js';
import type { JobDefinitions } from './job-renderer.js';

/**
 * Payload of 'reply', the outbox's own kind: a bot reply that could not go out within about a
 * second (the chat's send budget was spent, or Telegram answered 429), carried as rendered. The
 * reply was made from what the user asked at that moment (its figures, its language), so it is
 * kept as it was rather than re-rendered; a document or photo (the /receipt PDF, a report's
 * chart) rides along as base64 bytes, so nothing has to be looked up again at send time. The
 * row is pruned with the rest of the outbox once sent.
 */
export const replyPayloadSchema = z.object({
  text: z.string(),
  plainText: z.string(),
  replyMarkup: z.object({ inline_keyboard: z.array(z.array(z.looseObject({ text: z.string() }))) }).optional(),
  messageThreadId: z.number().int().optional(),
  attachment: z.object({ type: z.enum(['document', 'photo']), filename: z.string().min(1), base64: z.base64() }).optional(),
});
export type ReplyPayload = z.infer<typeof replyPayloadSchema>;

const replyJobSchema = z.object({ payload: replyPayloadSchema });

declare module './job-kinds.js' {
  interface JobKinds {
    reply: z.infer<typeof replyJobSchema>;
  }
}

/** The outbox's own kind: the reply as it was made (platform/outbox/outbox.ts sends replies first). */
export const replyJobDefinitions: JobDefinitions<'reply'> = {
  reply: { schema: replyJobSchema, render: async (job) => renderReplyJob(job.payload) },
};

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
