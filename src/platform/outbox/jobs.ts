import { z } from 'zod';
import type { OutgoingMessage } from '../telegram/outgoing.js';
import { LANGS } from '../i18n/catalogue.js';

/**
 * The one job contract of the outbox: what each kind of job carries (just enough to render its
 * message at send time, in the chat's language, from what is stored then). Every producer builds
 * its jobs as `NewJob` (typed by this union), and the renderer (platform/outbox/job-renderer.ts) reads each
 * stored row with `jobSchema` once, then switches on `kind` exhaustively.
 *
 * Adding a kind: one member here, one case in the renderer's switch, one pure renderer in
 * messages/.
 */

const checkIdSchema = z.number().int().positive();
const businessDateSchema = z.iso.date();

/**
 * The payload of a 'notice' job: which catalogue message, with what values (features/shops/messages/notice.ts
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
   * From delivery, to the owner: messages given up on after the retry window, one notice per
   * episode; while it waits to be sent, further losses raise `count` (platform/outbox/failed-sends.ts).
   * `since`: when the first of them was written (ISO 8601).
   */
  z.object({ key: z.literal('undelivered'), args: z.object({ count: z.number().int().positive(), since: z.iso.datetime({ offset: true }) }) }),
  /** From delivery, to a group: its forum topic was closed or deleted; alerts now go to General. */
  z.object({ key: z.literal('topic_closed'), args: z.object({}) }),
  /** From delivery, to the owner: a chat keeps the bot but refuses its messages (no right to send). */
  z.object({ key: z.literal('chat_refuses'), args: z.object({ title: z.string() }) }),
  /** From ingest: a check of this cash desk dated more than a day after its arrival (features/ingest/ingest.ts). */
  z.object({
    key: z.literal('desk_clock_wrong'),
    args: z.object({ numFiscal: z.string(), orderedAt: z.iso.datetime({ offset: true }), receivedAt: z.iso.datetime({ offset: true }) }),
  }),
  /** From ingest, once per business and limit: a check from a new cash desk was refused, the shop has `cap` already (features/ingest/desk-cap.ts). */
  z.object({ key: z.literal('cash_desk_cap'), args: z.object({ cap: z.number().int().positive(), numFiscal: z.string() }) }),
]);
export type NoticePayload = z.infer<typeof noticePayloadSchema>;

/** Payload of 'low_cash' / 'high_cash': the drawer that crossed its threshold, and its cash then. */
const cashPayloadSchema = z.object({ cashDeskId: z.number().int().positive(), cashKop: z.number().int() });

/** Payload of 'daily_summary': the business date summed up. */
export const dailySummaryPayloadSchema = z.object({ date: businessDateSchema });

/** Payload of 'weekly_digest': the week, inclusive. */
const weeklyDigestPayloadSchema = z
  .object({ from: businessDateSchema, to: businessDateSchema })
  .refine((p) => p.from <= p.to, { message: '`from` must not be after `to`', path: ['to'] });

/**
 * Payload of 'export' (/export, and the Mini App's export buttons): a period's checks as a CSV or
 * XLSX file. An export too large for one file comes as several jobs, one per part: `from`/`to`
 * are then the part's days, `period` the period asked for, `part` which file of how many.
 */
const exportPayloadSchema = z.object({
  from: businessDateSchema,
  to: businessDateSchema,
  format: z.enum(['csv', 'xlsx']),
  /** The language the Mini App showed (the chat's own choice otherwise). */
  lang: z.enum(LANGS).optional(),
  period: z.object({ from: businessDateSchema, to: businessDateSchema }).optional(),
  part: z.object({ index: z.number().int().min(1).max(1000), of: z.number().int().min(1).max(1000) }).optional(),
  /** Who asked (a Telegram user id): one export waiting per person (features/exports/export-requests.ts). */
  requestedBy: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});
export type ExportJobPayload = z.infer<typeof exportPayloadSchema>;

/**
 * Payload of 'reply': a bot reply that could not go out within about a second (the chat's send
 * budget was spent, or Telegram answered 429), carried as rendered (platform/outbox/reply-job.ts). The
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

// The watchdog's jobs (src/features/watchdog/watchdog.ts decides them, features/watchdog/messages/watchdog.ts renders them).
// Amounts in kopecks within the columns' bigint range.
const kop = z.number().int().min(-(2 ** 53 - 1)).max(2 ** 53 - 1);

/** 'large_return' (with its check): over the /returnalert amount, and/or the day's returns over 10 % of its sales. */
export const largeReturnPayloadSchema = z.object({
  thresholdKop: kop.nonnegative().nullable(),
  share: z.object({ salesKop: kop, returnsKop: kop }).nullable(),
});
export type LargeReturnPayload = z.infer<typeof largeReturnPayloadSchema>;

/** 'large_discount' (with its check): the /discountalert percent it passed. */
export const largeDiscountPayloadSchema = z.object({ thresholdPct: z.number().int().min(1).max(100) });
export type LargeDiscountPayload = z.infer<typeof largeDiscountPayloadSchema>;

/** 'service_out' (with its check): the /withdrawalert amount, and the drawer after it. */
export const serviceOutPayloadSchema = z.object({ thresholdKop: kop.nonnegative(), cashInBoxKop: kop.nullable() });
export type ServiceOutPayload = z.infer<typeof serviceOutPayloadSchema>;

/** 'drawer_mismatch' (with the check whose drawer does not add up). */
export const drawerMismatchPayloadSchema = z.object({
  previousKop: kop,
  movementKop: kop,
  expectedKop: kop,
  foundKop: kop,
  differenceKop: kop,
});
export type DrawerMismatchPayload = z.infer<typeof drawerMismatchPayloadSchema>;

/** 'till_offline' (no check): the episode, its desk's offline checks that arrived from..until. */
export const tillOfflinePayloadSchema = z.object({
  cashDeskId: z.number().int().positive(),
  from: z.iso.datetime({ offset: true }),
  until: z.iso.datetime({ offset: true }),
});
export type TillOfflinePayload = z.infer<typeof tillOfflinePayloadSchema>;

const isoInstant = z.iso.datetime({ offset: true });
const deskRef = {
  cashDeskId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  numFiscal: z.string().min(1).max(128),
};

/**
 * Payload of 'desk_quiet' (its check_id: the desk's last check, for the buttons): the desk, when
 * its last check was, when the silence was found and the limit it went past (features/watchdog/desk-watch.ts).
 */
export const deskQuietPayloadSchema = z.object({
  ...deskRef,
  lastCheckAt: isoInstant,
  detectedAt: isoInstant,
  limitMinutes: z.number().int().min(1).max(7 * 24 * 60),
});
export type DeskQuietPayload = z.infer<typeof deskQuietPayloadSchema>;

/** Payload of 'desk_selling_again' (its check_id: the first check after the silence). */
export const deskSellingAgainPayloadSchema = z.object({
  ...deskRef,
  /** The last check before the silence. */
  lastCheckAt: isoInstant,
  /** The first check after it. */
  resumedAt: isoInstant,
});
export type DeskSellingAgainPayload = z.infer<typeof deskSellingAgainPayloadSchema>;

/**
 * Payload of 'test_alert' (no check): /start's test button was pressed at `at`; the sample
 * check's alert goes out, marked as a test (features/sales/messages/test-alert.ts). Nothing is stored as a check.
 */
export const testAlertPayloadSchema = z.object({ at: isoInstant });

/** One member per job kind: what a stored row's kind, check id and payload must be. */
export const jobSchema = z.discriminatedUnion('kind', [
  /** A sale (or return…) alert for a check. */
  z.object({ kind: z.literal('sale'), checkId: checkIdSchema }),
  /** A drawer fell below its low threshold (the check that made it, for the record). */
  z.object({ kind: z.literal('low_cash'), checkId: checkIdSchema.nullish(), payload: cashPayloadSchema }),
  /** A drawer rose above its high threshold. */
  z.object({ kind: z.literal('high_cash'), checkId: checkIdSchema.nullish(), payload: cashPayloadSchema }),
  z.object({ kind: z.literal('daily_summary'), payload: dailySummaryPayloadSchema }),
  z.object({ kind: z.literal('weekly_digest'), payload: weeklyDigestPayloadSchema }),
  /** The PDF CashDesk sent with a check (the receipt button). */
  z.object({ kind: z.literal('receipt_pdf'), checkId: checkIdSchema }),
  z.object({ kind: z.literal('notice'), payload: noticePayloadSchema }),
  z.object({ kind: z.literal('reply'), payload: replyPayloadSchema }),
  /** A period's checks as CSV or XLSX, asked for from the Mini App. */
  z.object({ kind: z.literal('export'), payload: exportPayloadSchema }),
  // The watchdog (src/features/watchdog/kinds.ts names the kinds).
  z.object({ kind: z.literal('large_return'), checkId: checkIdSchema, payload: largeReturnPayloadSchema }),
  z.object({ kind: z.literal('large_discount'), checkId: checkIdSchema, payload: largeDiscountPayloadSchema }),
  z.object({ kind: z.literal('service_out'), checkId: checkIdSchema, payload: serviceOutPayloadSchema }),
  z.object({ kind: z.literal('drawer_mismatch'), checkId: checkIdSchema, payload: drawerMismatchPayloadSchema }),
  /** An offline episode: rendered from its stored checks when it goes out (not before `notBefore`). */
  z.object({ kind: z.literal('till_offline'), checkId: z.null().optional(), payload: tillOfflinePayloadSchema }),

  /** The watchdog: a cash desk went quiet (its last check), and its first check afterwards (features/watchdog/desk-watch.ts). */
  z.object({ kind: z.literal('desk_quiet'), checkId: checkIdSchema, payload: deskQuietPayloadSchema }),
  z.object({ kind: z.literal('desk_selling_again'), checkId: checkIdSchema, payload: deskSellingAgainPayloadSchema }),
  /** /start's test button: the sample check's alert, marked as a test (features/sales/test-alert.ts queues it). */
  z.object({ kind: z.literal('test_alert'), checkId: z.null().optional(), payload: testAlertPayloadSchema }),
]);
export type Job = z.infer<typeof jobSchema>;
export type JobKind = Job['kind'];
/** The job of one kind (`JobOf<'notice'>['payload']` is a NoticePayload). */
export type JobOf<K extends JobKind> = Extract<Job, { kind: K }>;

/** A job to write (platform/outbox/enqueue.ts): where it goes, and one member of the contract. */
export type NewJob = {
  businessId: number;
  chatId: number;
  eventAt?: Date;
  /** Not to be sent before this; until then later messages to the chat pass it (outbox.not_before). */
  notBefore?: Date;
} & Job;

/** One outbox row as the worker sees it. */
export interface OutboxJob {
  id: number;
  businessId: number;
  chatId: number;
  /** As stored; the renderer reads the row with jobSchema (an unknown kind is logged and dropped). */
  kind: JobKind;
  checkId: number | null;
  payload: Record<string, unknown>;
  attempts: number;
  createdAt: Date;
  eventAt: Date;
}

/**
 * Turns outbox jobs into messages at send time (reading the check, the chat's language…).
 * `render` answers null when there is nothing to send any more (the check is gone).
 * `renderDigest` merges several pending sale alerts of one chat into one message.
 */
export interface JobRenderer {
  render(job: OutboxJob): Promise<OutgoingMessage | null>;
  renderDigest(jobs: OutboxJob[]): Promise<OutgoingMessage>;
}
