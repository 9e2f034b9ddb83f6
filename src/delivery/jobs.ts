import { z } from 'zod';

/** What the outbox carries: the kind of message and just enough to render it at send time. */
type JobKind =
  | 'sale'
  | 'low_cash'
  | 'high_cash'
  | 'daily_summary'
  | 'weekly_digest'
  | 'receipt_pdf'
  | 'notice'
  // A bot reply that could not go out within about a second (telegram/render/reply-job.ts).
  | 'reply'
  // A period's checks as CSV or XLSX, asked for from the Mini App (telegram/render/checks-export.ts).
  | 'export'
  // The watchdog's alerts (src/alerts/kinds.ts; payloads below).
  | 'large_return'
  | 'large_discount'
  | 'service_out'
  | 'drawer_mismatch'
  | 'till_offline';

export interface NewJob {
  businessId: number;
  chatId: number;
  kind: JobKind;
  checkId?: number | null;
  payload?: Record<string, unknown>;
  eventAt?: Date;
  /** Not to be sent before this; until then later messages to the chat pass it (outbox.not_before). */
  notBefore?: Date;
}

/**
 * Payload of the 'notice' job the owner gets when messages were given up on after the retry
 * window (shaped like the renderer's other notices, `{ key, args }`): one notice per episode;
 * while it waits to be sent, further losses raise `count`.
 */
export interface UndeliveredNoticePayload {
  key: 'undelivered';
  args: {
    /** Messages given up on (to any chat of the business). */
    count: number;
    /** When the first of them was written (ISO 8601). */
    since: string;
  };
}

/** Payload of the 'notice' job a group gets when its forum topic was closed or deleted. */
export interface TopicClosedNoticePayload {
  key: 'topic_closed';
  args: Record<string, never>;
}

/** Payload of the 'notice' job the owner gets when a chat keeps the bot but refuses its messages. */
export interface ChatRefusesNoticePayload {
  key: 'chat_refuses';
  args: { title: string };
}

/**
 * The notices delivery itself writes, in the renderer's `{ key, args }` shape (the renderer's
 * schema, telegram/render/notice.ts, accepts each: test/delivery/notice-payloads.test.ts).
 */
export type DeliveryNoticePayload = UndeliveredNoticePayload | TopicClosedNoticePayload | ChatRefusesNoticePayload;

/** Payload of the 'export' job (the Mini App's export button): the period's checks as a file. */
export interface ExportJobPayload {
  from: string;
  to: string;
  format: 'csv' | 'xlsx';
  /** The language the Mini App showed (the chat's own choice otherwise). */
  lang?: 'uk' | 'en';
}

// The watchdog's jobs (src/alerts/watchdog.ts decides them, src/messages/watchdog.ts renders
// them). Amounts in kopecks within the columns' bigint range.
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
