import { countedKop, type CheckKind } from '../../platform/db/check-kinds.js';
import type { NewJob } from '../../platform/outbox/job-kinds.js';
import type { DrawerMismatchPayload, LargeDiscountPayload, LargeReturnPayload, ServiceOutPayload, TillOfflinePayload } from './jobs.js';
import { wantsWatchdogAlert } from './kinds.js';

/**
 * The watchdog's rules decided at ingest, as pure functions of the check, the business's
 * thresholds and what the cash desk's row held before this check. Ingest reads all of it with
 * the statement that stores the checks (src/features/ingest/store-statement.ts) and hands it to
 * watchStoredChecks (stored-checks.ts); only a return in the afternoon (the day's share of
 * returns) and an offline check (its episode) cost a statement of their own.
 */

/** What the rules need of a check (a NormalisedCheck has it all). */
export interface WatchdogCheck {
  kind: CheckKind;
  numFiscal: string;
  /** Kopecks, as CashDesk sends them (positive for returns and service checks too). */
  totalKop: number;
  discountKop: number;
  cashKop: number;
  cashInBoxKop: number | null;
  businessDate: string;
  /** Minutes from its business day's midnight by its own wall-clock time (NormalisedCheck.dayMinute). */
  dayMinute: number;
  isOffline: boolean;
}

/** The business's watchdog thresholds; null is off. */
export interface WatchdogThresholds {
  returnKop: number | null;
  discountPct: number | null;
  withdrawKop: number | null;
}

/**
 * The desk's drawer figure this check directly follows (the drawer update took this check as
 * the newest); null when it does not (an older check, a wrong clock): then nothing is compared.
 */
export interface DrawerBefore {
  /** The figure before this check; null for a desk's first figure. */
  cashInBoxKop: number | null;
  /** The business day a mismatch was already told for. */
  mismatchOn: string | null;
}

/** More than this between the drawer and what the checks say is "does not add up" (1 ₴). */
export const DRAWER_TOLERANCE_KOP = 100;
/** "By the afternoon": a return at or after 14:00 (its own wall-clock time) of its business day. */
export const AFTERNOON_MINUTE = 14 * 60;
/** Returns over this percent of the business day's sales. */
export const RETURN_SHARE_PERCENT = 10;
/** Late offline checks of a desk arriving within this of the first make one episode. */
export const OFFLINE_EPISODE_MS = 2 * 60_000;
/** The episode's message goes out this long after the episode closes (its last checks committed). */
export const OFFLINE_REPORT_GRACE_MS = 15_000;

/** A return above the /returnalert amount (strictly above; off when null). */
export function isLargeReturn(check: Pick<WatchdogCheck, 'kind' | 'totalKop'>, thresholds: Pick<WatchdogThresholds, 'returnKop'>): boolean {
  return check.kind === 'return' && thresholds.returnKop !== null && countedKop(check, check.totalKop) > thresholds.returnKop;
}

/**
 * A return made in the afternoon of its business day (its own time, so a return of a check from
 * another day counts on the return's day): only such a return has the day's share checked.
 */
export function needsReturnShare(check: Pick<WatchdogCheck, 'kind' | 'dayMinute'>): boolean {
  return check.kind === 'return' && check.dayMinute >= AFTERNOON_MINUTE;
}

/** The day's returns over 10 % of its sales (no sales: any return is). The SQL claim mirrors it. */
export function returnShareExceeded(salesKop: number, returnsKop: number): boolean {
  return returnsKop > 0 && returnsKop * 100 > salesKop * RETURN_SHARE_PERCENT;
}

/**
 * The share of a check's price that was given away, in basis points: discount ÷ (total +
 * discount), the price before discounts being what the customer would have paid.
 */
export function discountShareBp(check: Pick<WatchdogCheck, 'totalKop' | 'discountKop'>): number {
  const discount = Math.abs(check.discountKop);
  const before = Math.abs(check.totalKop) + discount;
  return before === 0 ? 0 : Math.floor((discount * 10_000) / before);
}

/** A sale whose discounts are more than the /discountalert percent of its price before them. */
export function isLargeDiscount(check: Pick<WatchdogCheck, 'kind' | 'totalKop' | 'discountKop'>, thresholds: Pick<WatchdogThresholds, 'discountPct'>): boolean {
  if (check.kind !== 'sale' || thresholds.discountPct === null || check.discountKop === 0) return false;
  const discount = Math.abs(check.discountKop);
  return discount * 100 > thresholds.discountPct * (Math.abs(check.totalKop) + discount);
}

/** A withdrawal (SERVICE_OUT) above the /withdrawalert amount: with 0, every one. */
export function isLargeWithdrawal(check: Pick<WatchdogCheck, 'kind' | 'totalKop'>, thresholds: Pick<WatchdogThresholds, 'withdrawKop'>): boolean {
  return check.kind === 'service_out' && thresholds.withdrawKop !== null && Math.abs(check.totalKop) > thresholds.withdrawKop;
}

/**
 * The cash a check moves into the drawer: cash paid for a sale in, cash refunded out, a service
 * deposit in, a withdrawal out.
 */
export function cashMovementKop(check: Pick<WatchdogCheck, 'kind' | 'totalKop' | 'cashKop'>): number {
  switch (check.kind) {
    case 'return':
      return -countedKop(check, check.cashKop);
    case 'service_in':
      return Math.abs(check.totalKop);
    case 'service_out':
      return -Math.abs(check.totalKop);
    default:
      return check.cashKop;
  }
}

export interface DrawerMismatch {
  previousKop: number;
  movementKop: number;
  expectedKop: number;
  foundKop: number;
  /** found − expected: positive, more cash than the checks say. */
  differenceKop: number;
}

/**
 * The drawer after this check against the figure before plus the check's cash; undefined when it
 * adds up (within 1 ₴), or there is nothing to compare (the desk's first figure, a check that does
 * not directly follow the figure, a check without cash_in_box). Whether to tell: `drawerAlert`.
 */
export function drawerMismatch(check: Pick<WatchdogCheck, 'kind' | 'totalKop' | 'cashKop' | 'cashInBoxKop'>, before: DrawerBefore | null): DrawerMismatch | undefined {
  if (!before || before.cashInBoxKop === null || check.cashInBoxKop === null) return undefined;
  const movementKop = cashMovementKop(check);
  const expectedKop = before.cashInBoxKop + movementKop;
  const differenceKop = check.cashInBoxKop - expectedKop;
  if (Math.abs(differenceKop) <= DRAWER_TOLERANCE_KOP) return undefined;
  return { previousKop: before.cashInBoxKop, movementKop, expectedKop, foundKop: check.cashInBoxKop, differenceKop };
}

/** A mismatch to tell: one per cash desk per business day. */
export function drawerAlert(check: Parameters<typeof drawerMismatch>[0] & Pick<WatchdogCheck, 'businessDate'>, before: DrawerBefore | null): DrawerMismatch | undefined {
  const found = drawerMismatch(check, before);
  return found && before?.mismatchOn !== check.businessDate ? found : undefined;
}

/**
 * Whether an offline check opens a new episode (else it joins the open one): the desk's episode
 * opened less than OFFLINE_EPISODE_MS before this arrival is still open. The SQL claim mirrors it.
 */
export function opensOfflineEpisode(openedAt: Date | null, receivedAt: Date): boolean {
  return openedAt === null || openedAt.getTime() <= receivedAt.getTime() - OFFLINE_EPISODE_MS || openedAt.getTime() > receivedAt.getTime();
}

/**
 * When an offline episode opened at `openedAt` is told, and the end (exclusive) of the arrivals
 * it counts: once the till is back online (`closedAt`, its first online check's arrival; the
 * checks that arrived before it, in the same millisecond too), at once; for a till that sends
 * only offline checks, OFFLINE_EPISODE_MS after it opened, plus the grace for its last checks.
 */
export function offlineEpisodeTold(openedAt: Date, closedAt?: Date): { until: Date; notBefore: Date } {
  if (closedAt) return { until: new Date(closedAt.getTime() + 1), notBefore: closedAt };
  const until = new Date(openedAt.getTime() + OFFLINE_EPISODE_MS);
  return { until, notBefore: new Date(until.getTime() + OFFLINE_REPORT_GRACE_MS) };
}

/** An alert decided for a check, before it is addressed to chats. */
export type WatchdogAlert =
  | { kind: 'large_return'; payload: LargeReturnPayload }
  | { kind: 'large_discount'; payload: LargeDiscountPayload }
  | { kind: 'service_out'; payload: ServiceOutPayload }
  | { kind: 'drawer_mismatch'; payload: DrawerMismatchPayload }
  | { kind: 'till_offline'; payload: TillOfflinePayload; notBefore: Date };

/** What ingest learned besides the check: the day's returns share, an episode opened. */
export interface WatchdogFacts {
  /** The day's sales and returns when this return passed 10 % of them and the day was not told yet. */
  returnShare?: { salesKop: number; returnsKop: number };
  /**
   * An offline episode this check opened (the desk's id, when it opened), and when the till's
   * first online check after it arrived, if that is known already (the same batch).
   */
  offlineEpisode?: { cashDeskId: number; openedAt: Date; closedAt?: Date };
}

/** Every watchdog alert a stored check causes, in the order they are told. Pure. */
export function decideWatchdog(check: WatchdogCheck, thresholds: WatchdogThresholds, before: DrawerBefore | null, facts: WatchdogFacts = {}): WatchdogAlert[] {
  const alerts: WatchdogAlert[] = [];
  const overAmount = isLargeReturn(check, thresholds);
  if (overAmount || facts.returnShare) {
    alerts.push({
      kind: 'large_return',
      payload: { thresholdKop: overAmount ? thresholds.returnKop : null, share: facts.returnShare ?? null },
    });
  }
  if (isLargeDiscount(check, thresholds)) alerts.push({ kind: 'large_discount', payload: { thresholdPct: thresholds.discountPct! } });
  if (isLargeWithdrawal(check, thresholds)) {
    alerts.push({ kind: 'service_out', payload: { thresholdKop: thresholds.withdrawKop!, cashInBoxKop: check.cashInBoxKop } });
  }
  const mismatch = drawerAlert(check, before);
  if (mismatch) alerts.push({ kind: 'drawer_mismatch', payload: mismatch });
  if (facts.offlineEpisode) {
    const { cashDeskId, openedAt, closedAt } = facts.offlineEpisode;
    const told = offlineEpisodeTold(openedAt, closedAt);
    alerts.push({ kind: 'till_offline', payload: { cashDeskId, from: openedAt.toISOString(), until: told.until.toISOString() }, notBefore: told.notBefore });
  }
  return alerts;
}

/** A chat that may be told, with its desk filter and watchdog switches. */
export interface WatchdogRecipient {
  chatId: number;
  deskFilter: string[] | null;
  watchdogOff: string[];
}

/**
 * The outbox jobs of the decided alerts: one per alert and chat that follows the desk and has
 * the kind on (muting does not stop them). An offline episode's job names no check: it is
 * rendered from the episode's checks when it goes out.
 */
export function watchdogJobs(
  alerts: readonly WatchdogAlert[],
  context: { businessId: number; checkId: number; numFiscal: string; eventAt: Date },
  recipients: readonly WatchdogRecipient[],
): NewJob[] {
  const jobs: NewJob[] = [];
  const base = { businessId: context.businessId, eventAt: context.eventAt };
  const checkId = context.checkId;
  for (const alert of alerts) {
    for (const r of recipients) {
      if (!wantsWatchdogAlert(r, alert.kind, context.numFiscal)) continue;
      const to = { ...base, chatId: r.chatId };
      switch (alert.kind) {
        case 'till_offline':
          jobs.push({ ...to, kind: alert.kind, checkId: null, payload: alert.payload, notBefore: alert.notBefore });
          break;
        case 'large_return':
          jobs.push({ ...to, kind: alert.kind, checkId, payload: alert.payload });
          break;
        case 'large_discount':
          jobs.push({ ...to, kind: alert.kind, checkId, payload: alert.payload });
          break;
        case 'service_out':
          jobs.push({ ...to, kind: alert.kind, checkId, payload: alert.payload });
          break;
        case 'drawer_mismatch':
          jobs.push({ ...to, kind: alert.kind, checkId, payload: alert.payload });
          break;
      }
    }
  }
  return jobs;
}
