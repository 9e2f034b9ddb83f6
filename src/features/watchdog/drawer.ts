import type { NewJob } from '../../platform/outbox/job-kinds.js';
import { followsDesk } from '../chat-settings/index.js';
import { evaluateCashThresholds } from './cash-thresholds.js';
import { CLOCK_AHEAD_TOLERANCE_MS, isDatedAhead } from './desk-clock.js';
import type { WatchdogKind } from './kinds.js';
import { decideWatchdog, watchdogJobs, type DrawerBefore, type WatchdogCheck, type WatchdogFacts, type WatchdogRecipient, type WatchdogThresholds } from './watchdog.js';

/** A cash desk's drawer as the alerts see it: its figure's time, the crossing state, the thresholds in force. */
export interface DrawerState {
  cashKop: number | null;
  cashAt: Date | null;
  lowAlerted: boolean;
  highAlerted: boolean;
  lowKop: number;
  highKop: number;
  /** The business day a "drawer does not add up" alert was decided for (one a day). */
  mismatchOn: string | null;
}

/** What the drawer needs of a stored check (a NormalisedCheck has it all). */
export type DrawerCheck = WatchdogCheck & { orderedAt: Date };

export const NO_THRESHOLDS: WatchdogThresholds = { returnKop: null, discountPct: null, withdrawKop: null };

/**
 * The per-check step, pure: the jobs of the drawer and the watchdog one stored check causes,
 * given its chats and its desk's drawer just before it (undefined when the check carries no
 * drawer figure: the desk was not locked for it), and the drawer just after it.
 * The drawer follows the newest check by its own time: a late offline check neither overwrites
 * a newer figure nor raises alerts about an old state. A check dated more than a day after it
 * arrived comes from a cash desk with a wrong clock (desk-clock.ts): its money is real (stored,
 * counted on its own date), but it must not become the drawer's "newest" figure, which would
 * freeze the drawer and its alerts until that date. A figure dated more than a day after both
 * this check's arrival and the present moment (left by a desk with a wrong clock before such
 * checks were kept out) is no figure to keep: any current check replaces it. (Both: a check
 * replayed with an old arrival time must not pass for newer than a real figure.)
 * The low- and high-cash alerts come first, then the watchdog's (watchdog.ts), from the
 * business's thresholds, what was learned for this check (`watchdog.facts`) and the drawer this
 * check directly follows.
 */
export function decideCheckJobs(
  businessId: number,
  check: DrawerCheck,
  receivedAt: Date,
  checkId: number,
  deskId: number,
  recipients: readonly WatchdogRecipient[],
  drawer: DrawerState | undefined,
  now: number,
  watchdog: { thresholds: WatchdogThresholds; facts: WatchdogFacts } = { thresholds: NO_THRESHOLDS, facts: {} },
): { jobs: NewJob[]; drawer: DrawerState | undefined; datedAhead: boolean; watchdog: WatchdogKind[] } {
  const jobs: NewJob[] = [];
  const datedAhead = isDatedAhead(check.orderedAt, receivedAt);
  const done = (drawerAfter: DrawerState | undefined, before: DrawerBefore | null) => {
    const alerts = decideWatchdog(check, watchdog.thresholds, before, watchdog.facts);
    jobs.push(...watchdogJobs(alerts, { businessId, checkId, numFiscal: check.numFiscal, eventAt: receivedAt }, recipients));
    const mismatch = alerts.some((a) => a.kind === 'drawer_mismatch');
    return {
      jobs,
      drawer: mismatch && drawerAfter ? { ...drawerAfter, mismatchOn: check.businessDate } : drawerAfter,
      datedAhead,
      watchdog: alerts.map((a) => a.kind),
    };
  };
  const cashKop = check.cashInBoxKop;
  if (datedAhead || cashKop === null || !drawer) return done(drawer, null);

  const aheadOfNow = Math.max(receivedAt.getTime(), now) + CLOCK_AHEAD_TOLERANCE_MS;
  const at = drawer.cashAt?.getTime();
  if (at !== undefined && at > check.orderedAt.getTime() && at <= aheadOfNow) return done(drawer, null); // an older check

  const { state, alerts } = evaluateCashThresholds(drawer, { lowKop: drawer.lowKop, highKop: drawer.highKop }, cashKop);
  for (const kind of alerts) {
    for (const r of recipients.filter((c) => followsDesk(c, check.numFiscal))) {
      jobs.push({ businessId, chatId: r.chatId, kind, checkId, payload: { cashDeskId: deskId, cashKop }, eventAt: receivedAt });
    }
  }
  // The figure this check directly follows (not one left by a wrong clock), for the watchdog.
  const before: DrawerBefore | null = at === undefined || at <= check.orderedAt.getTime() ? { cashInBoxKop: drawer.cashKop, mismatchOn: drawer.mismatchOn } : null;
  return done({ ...drawer, ...state, cashKop, cashAt: check.orderedAt }, before);
}
