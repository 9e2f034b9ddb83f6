import { z } from 'zod';
import type { OutgoingMessage } from '../outgoing.js';
import type { Catalogue } from '../../i18n/catalogue.js';
import { localDateTimeOf } from '../../time/business-time.js';
import { bold, clip, escapeHtml, outgoing } from './html.js';

/**
 * The payload of an outbox 'notice' job: which catalogue message, with what values. Other parts
 * of the service enqueue these with `noticePayload(...)`; the text is made at send time in the
 * chat's language.
 */
export const noticePayloadSchema = z.discriminatedUnion('key', [
  z.object({ key: z.literal('member_joined'), args: z.object({ title: z.string() }) }),
  z.object({ key: z.literal('chat_left'), args: z.object({ title: z.string() }) }),
  z.object({
    key: z.literal('rejected_check'),
    /** kept false: over the day's cap of kept bodies (`cap`), this one was only counted. */
    args: z.object({ problems: z.number().int().nonnegative(), kept: z.boolean().optional(), cap: z.number().int().positive().optional() }),
  }),
  /** From delivery: messages given up on after the retry window (delivery/jobs.ts UndeliveredNoticePayload). */
  z.object({ key: z.literal('undelivered'), args: z.object({ count: z.number().int().positive(), since: z.iso.datetime({ offset: true }) }) }),
  /** From delivery, to a group: its forum topic was closed or deleted; alerts now go to General. */
  z.object({ key: z.literal('topic_closed'), args: z.object({}) }),
  /** From delivery, to the owner: a chat keeps the bot but refuses its messages (no right to send). */
  z.object({ key: z.literal('chat_refuses'), args: z.object({ title: z.string() }) }),
  /** From ingest: a check of this cash desk dated more than a day after its arrival (checks/ingest.ts). */
  z.object({
    key: z.literal('desk_clock_wrong'),
    args: z.object({ numFiscal: z.string(), orderedAt: z.iso.datetime({ offset: true }), receivedAt: z.iso.datetime({ offset: true }) }),
  }),
]);
export type NoticePayload = z.infer<typeof noticePayloadSchema>;

export function noticePayload(notice: NoticePayload): Record<string, unknown> {
  return { ...notice };
}

/** A notice in the chat's language; times in the business's zone. Pure. */
export function renderNotice(notice: NoticePayload, t: Catalogue, tz: string): OutgoingMessage {
  switch (notice.key) {
    case 'member_joined':
      return outgoing(`👋 ${escapeHtml(t.notices.memberJoined(clip(notice.args.title, 200)))}`);
    case 'chat_left':
      return outgoing(`🔕 ${escapeHtml(t.notices.chatLeft(clip(notice.args.title, 200)))}`);
    case 'rejected_check': {
      const { problems, kept, cap } = notice.args;
      const text = kept === false ? t.notices.rejectedNotKept(problems, cap ?? 200) : t.notices.rejectedCheck(problems);
      return outgoing(`⚠️ ${escapeHtml(text)}\n${escapeHtml(t.notices.rejectedHint)}`);
    }
    case 'undelivered': {
      const since = localDateTimeOf(new Date(notice.args.since), tz);
      return outgoing(`⚠️ ${escapeHtml(t.notices.undelivered(notice.args.count, since))}\n${escapeHtml(t.notices.undeliveredHint)}`);
    }
    case 'topic_closed':
      return outgoing(`📌 ${escapeHtml(t.notices.topicClosed)}`);
    case 'chat_refuses':
      return outgoing(`⚠️ ${escapeHtml(t.notices.chatRefuses(clip(notice.args.title, 200)))}\n${escapeHtml(t.notices.chatRefusesHint)}`);
    case 'desk_clock_wrong': {
      const { numFiscal, orderedAt, receivedAt } = notice.args;
      const times = t.deskClock.times(localDateTimeOf(new Date(orderedAt), tz), localDateTimeOf(new Date(receivedAt), tz));
      return outgoing(`🕒 ${bold(t.deskClock.wrong(clip(numFiscal, 60)))}\n${escapeHtml(times)}\n${escapeHtml(t.deskClock.hint)}`);
    }
  }
}
