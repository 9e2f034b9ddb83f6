import { z } from 'zod';
import { checkIdSchema, isoInstantSchema, type JobDefinitions, type RenderContext, type StoredJob } from '../../platform/outbox/job-renderer.js';
import type { OutgoingMessage } from '../../platform/telegram/outgoing.js';
import type { Catalogue } from '../../platform/i18n/catalogue.js';
import { loadCheckView, loadCheckViews, type CheckView } from '../sales/index.js';
import { effectiveThreshold } from './thresholds.js';
import { loadOfflineEpisode } from './watchdog-store.js';
import { renderCashAlert } from './messages/cash-alert.js';
import { renderDrawerMismatch, renderLargeDiscount, renderLargeReturn, renderServiceOut, renderTillOffline } from './messages/watchdog.js';
import { renderDeskQuiet, renderDeskSellingAgain } from './messages/silent-desk.js';

/**
 * The watchdog's outbox jobs: the cash thresholds, the alerts decided at ingest (watchdog.ts),
 * and a desk that went quiet and sells again (desk-watch.ts). kinds.ts names the alert kinds a
 * chat can switch off.
 */

// Amounts in kopecks within the columns' bigint range.
const kop = z.number().int().min(-(2 ** 53 - 1)).max(2 ** 53 - 1);

/** Payload of 'low_cash' / 'high_cash': the drawer that crossed its threshold, and its cash then. */
const cashPayloadSchema = z.object({ cashDeskId: z.number().int().positive(), cashKop: z.number().int() });
/** A drawer fell below its low threshold, or rose above its high one (the check that made it, for the record). */
const cashJobSchema = z.object({ checkId: checkIdSchema.nullish(), payload: cashPayloadSchema });

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

/**
 * 'till_offline' (no check): the episode, its desk's offline checks that arrived from..until;
 * rendered from its stored checks when it goes out (not before `notBefore`).
 */
export const tillOfflinePayloadSchema = z.object({
  cashDeskId: z.number().int().positive(),
  from: isoInstantSchema,
  until: isoInstantSchema,
});
export type TillOfflinePayload = z.infer<typeof tillOfflinePayloadSchema>;

const deskRef = {
  cashDeskId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  numFiscal: z.string().min(1).max(128),
};

/**
 * Payload of 'desk_quiet' (its check_id: the desk's last check, for the buttons): the desk, when
 * its last check was, when the silence was found and the limit it went past (desk-watch.ts).
 */
export const deskQuietPayloadSchema = z.object({
  ...deskRef,
  lastCheckAt: isoInstantSchema,
  detectedAt: isoInstantSchema,
  limitMinutes: z.number().int().min(1).max(7 * 24 * 60),
});
export type DeskQuietPayload = z.infer<typeof deskQuietPayloadSchema>;

/** Payload of 'desk_selling_again' (its check_id: the first check after the silence). */
export const deskSellingAgainPayloadSchema = z.object({
  ...deskRef,
  /** The last check before the silence. */
  lastCheckAt: isoInstantSchema,
  /** The first check after it. */
  resumedAt: isoInstantSchema,
});
export type DeskSellingAgainPayload = z.infer<typeof deskSellingAgainPayloadSchema>;

const withCheck = <P extends z.ZodType>(payload: P) => z.object({ checkId: checkIdSchema, payload });
const largeReturnJobSchema = withCheck(largeReturnPayloadSchema);
const largeDiscountJobSchema = withCheck(largeDiscountPayloadSchema);
const serviceOutJobSchema = withCheck(serviceOutPayloadSchema);
const drawerMismatchJobSchema = withCheck(drawerMismatchPayloadSchema);
const tillOfflineJobSchema = z.object({ checkId: z.null().optional(), payload: tillOfflinePayloadSchema });
const deskQuietJobSchema = withCheck(deskQuietPayloadSchema);
const deskSellingAgainJobSchema = withCheck(deskSellingAgainPayloadSchema);

declare module '../../platform/outbox/job-kinds.js' {
  interface JobKinds {
    low_cash: z.infer<typeof cashJobSchema>;
    high_cash: z.infer<typeof cashJobSchema>;
    large_return: z.infer<typeof largeReturnJobSchema>;
    large_discount: z.infer<typeof largeDiscountJobSchema>;
    service_out: z.infer<typeof serviceOutJobSchema>;
    drawer_mismatch: z.infer<typeof drawerMismatchJobSchema>;
    till_offline: z.infer<typeof tillOfflineJobSchema>;
    desk_quiet: z.infer<typeof deskQuietJobSchema>;
    desk_selling_again: z.infer<typeof deskSellingAgainJobSchema>;
  }
}

/** A cash alert with the threshold in force now (none any more: nothing to send). */
async function renderCash(job: StoredJob<'low_cash' | 'high_cash'>, { db, t }: RenderContext): Promise<OutgoingMessage | null> {
  const { cashDeskId, cashKop } = job.payload;
  const desk = await effectiveThreshold(db, job.businessId, cashDeskId, job.kind === 'low_cash' ? 'low' : 'high');
  if (!desk) return null;
  return renderCashAlert({ kind: job.kind, numFiscal: desk.numFiscal, cashKop, thresholdKop: desk.thresholdKop }, t);
}

/** An alert about one stored check, rendered with it (the check gone: nothing to send). */
function aboutCheck<K extends 'large_return' | 'large_discount' | 'service_out' | 'drawer_mismatch'>(
  render: (view: CheckView, payload: StoredJob<K>['payload'], t: Catalogue, tz: string) => OutgoingMessage,
) {
  return async (job: StoredJob<K>, { db, t, tz }: RenderContext): Promise<OutgoingMessage | null> => {
    const view = await loadCheckView(db, job.businessId, job.checkId);
    return view ? render(view, job.payload, t, tz) : null;
  };
}

/** A desk-watch alert with the desk's check it names, without its items (gone: the alert goes without it). */
function withDeskCheck<K extends 'desk_quiet' | 'desk_selling_again'>(
  render: (payload: StoredJob<K>['payload'], check: CheckView | null, t: Catalogue, tz: string) => OutgoingMessage,
) {
  return async (job: StoredJob<K>, { db, t, tz }: RenderContext): Promise<OutgoingMessage | null> => {
    const [check] = await loadCheckViews(db, job.businessId, [job.checkId]);
    return render(job.payload, check ?? null, t, tz);
  };
}

export const watchdogJobDefinitions: JobDefinitions<
  'low_cash' | 'high_cash' | 'large_return' | 'large_discount' | 'service_out' | 'drawer_mismatch' | 'till_offline' | 'desk_quiet' | 'desk_selling_again'
> = {
  low_cash: { schema: cashJobSchema, render: renderCash },
  high_cash: { schema: cashJobSchema, render: renderCash },
  large_return: { schema: largeReturnJobSchema, render: aboutCheck(renderLargeReturn) },
  large_discount: { schema: largeDiscountJobSchema, render: aboutCheck(renderLargeDiscount) },
  service_out: { schema: serviceOutJobSchema, render: aboutCheck(renderServiceOut) },
  drawer_mismatch: { schema: drawerMismatchJobSchema, render: aboutCheck(renderDrawerMismatch) },
  till_offline: {
    schema: tillOfflineJobSchema,
    async render(job, { db, t, tz }) {
      const { cashDeskId, from, until } = job.payload;
      const episode = await loadOfflineEpisode(db, { businessId: job.businessId, cashDeskId, from: new Date(from), until: new Date(until) });
      return episode ? renderTillOffline(episode, t, tz) : null;
    },
  },
  desk_quiet: { schema: deskQuietJobSchema, render: withDeskCheck(renderDeskQuiet) },
  desk_selling_again: { schema: deskSellingAgainJobSchema, render: withDeskCheck(renderDeskSellingAgain) },
};
