import { z } from 'zod';
import { isoInstantSchema, type JobDefinitions } from '../../platform/outbox/job-renderer.js';
import { renderNotice } from './messages/notice.js';

/**
 * The payload of a 'notice' job: which catalogue message, with what values (messages/notice.ts
 * renders it at send time in the chat's language).
 */
export const noticePayloadSchema = z.discriminatedUnion('key', [
  z.object({ key: z.literal('member_joined'), args: z.object({ title: z.string() }) }),
  z.object({ key: z.literal('chat_left'), args: z.object({ title: z.string() }) }),
  z.object({
    key: z.literal('rejected_check'),
    /** kept false: over the day's cap of kept bodies (`cap`), this one was only counted. */
    args: z.object({ problems: z.number().int().nonnegative(), kept: z.boolean().optional(), cap: z.number().int().positive().optional() }),
  }),
  /**
   * To the owner: messages the outbox gave up on after the retry window, one notice per
   * episode; while it waits to be sent, further losses raise `count` (owner-notices.ts).
   * `since`: when the first of them was written (ISO 8601).
   */
  z.object({ key: z.literal('undelivered'), args: z.object({ count: z.number().int().positive(), since: isoInstantSchema }) }),
  /** To a group: its forum topic was closed or deleted; alerts now go to General (chat-lifecycle.ts). */
  z.object({ key: z.literal('topic_closed'), args: z.object({}) }),
  /** To the owner: a chat keeps the bot but refuses its messages (no right to send; chat-lifecycle.ts). */
  z.object({ key: z.literal('chat_refuses'), args: z.object({ title: z.string() }) }),
  /** From ingest: a check of this cash desk dated more than a day after its arrival. */
  z.object({
    key: z.literal('desk_clock_wrong'),
    args: z.object({ numFiscal: z.string(), orderedAt: isoInstantSchema, receivedAt: isoInstantSchema }),
  }),
  /** From ingest, once per business and limit: a check from a new cash desk was refused, the shop has `cap` already. */
  z.object({ key: z.literal('cash_desk_cap'), args: z.object({ cap: z.number().int().positive(), numFiscal: z.string() }) }),
]);
export type NoticePayload = z.infer<typeof noticePayloadSchema>;

const noticeJobSchema = z.object({ payload: noticePayloadSchema });

declare module '../../platform/outbox/job-kinds.js' {
  interface JobKinds {
    notice: z.infer<typeof noticeJobSchema>;
  }
}

/** The shop's notices to its chats (owner notices, a closed topic, a refusing chat…). */
export const shopsJobDefinitions: JobDefinitions<'notice'> = {
  notice: { schema: noticeJobSchema, render: async (job, { t, tz }) => renderNotice(job.payload, t, tz) },
};
