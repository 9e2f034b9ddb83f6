import { addDays, businessDayStartOf } from '../../platform/time/business-time.js';
import { hourWindowsOf, localHourOf, weekdayOfDate, type HourWindow } from '../../platform/time/hours.js';

/**
 * "A cash desk went quiet": the rule, pure. A desk's PROFILE is learned from its checks of the
 * last four weeks (the 28 local calendar dates before the day it is for, so each weekday four
 * times), in BUSINESS_TZ local hours:
 * - a (weekday, hour) is a TRADING hour when the desk had a check in it on at least
 *   MIN_TRADING_DAYS of those four weekdays;
 * - consecutive trading hours of a weekday make a RUN (opening to closing, as the desk usually
 *   trades; a run ends at local midnight);
 * - on each of those dates on which the desk had a check within a run, every check-free stretch
 *   inside the run (from the run's start to the first check, between checks, from the last check
 *   to the run's end) counts for each trading hour it overlaps; an hour's LIMIT is the longest
 *   such stretch of the four weeks × GAP_FACTOR, never under MIN_LIMIT_MS.
 * A desk is QUIET at `now` when: its first check is at least NEW_DESK_MS old; now's (weekday,
 * hour) is a trading hour; and the time since its last check, counted from the start of today's
 * run at the earliest (a desk that has not opened yet is silent since the opening hour, not since
 * last night), is MORE than that hour's limit (exactly the limit is not quiet).
 * Instants, never wall-clock differences: a DST day's skipped hour covers no time, its repeated
 * hour two hours (platform/time/hours.ts), so the clock change itself never looks like a silence.
 */

/** How many weeks of checks a profile is learned from. */
export const PROFILE_WEEKS = 4;
/** Of the PROFILE_WEEKS same weekdays, on how many a check in an hour makes it a trading hour. */
export const MIN_TRADING_DAYS = 2;
/** The limit is the longest usual stretch times this: a silence half as long again as the worst seen. */
export const GAP_FACTOR = 1.5;
/** No limit is shorter: a busy desk's two-minute rhythm does not make a 5-minute pause news. */
export const MIN_LIMIT_MS = 30 * 60_000;
/** A desk whose first check is younger than this is not judged (its weeks are not learned yet). */
export const NEW_DESK_MS = 14 * 24 * 60 * 60_000;

const HOURS = 24;
const SLOTS = 7 * HOURS;

/**
 * What was learned: per (weekday, hour), at index (weekday − 1) × 24 + hour, the hour's limit in
 * milliseconds, or null when the desk does not usually trade then. `forDate` is the local date
 * it was learned for (from the 28 dates before it).
 */
export interface DeskProfile {
  forDate: string;
  limits: (number | null)[];
}

export const slotOf = (weekday: number, hour: number): number => (weekday - 1) * HOURS + hour;

/** The instants a profile for `today` is learned from: the 28 local dates before it. */
export function profileWindow(today: string, tz: string): { from: Date; to: Date } {
  return { from: businessDayStartOf(addDays(today, -7 * PROFILE_WEEKS), tz), to: businessDayStartOf(today, tz) };
}

/** Index of the first time ≥ instant (times sorted ascending). */
function lowerBound(times: readonly number[], instant: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < instant) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The runs of consecutive trading hours of one weekday: [first hour, last hour] pairs. */
function runsOf(trading: (hour: number) => boolean): [number, number][] {
  const runs: [number, number][] = [];
  for (let hour = 0; hour < HOURS; hour++) {
    if (!trading(hour)) continue;
    const last = runs.at(-1);
    if (last && last[1] === hour - 1) last[1] = hour;
    else runs.push([hour, hour]);
  }
  return runs;
}

/** Learns a desk's profile for local date `today` from the instants of its checks (any order, any range: those outside the window are ignored). */
export function buildDeskProfile(checkTimes: readonly Date[], today: string, tz: string): DeskProfile {
  const times = checkTimes.map((t) => t.getTime()).sort((a, b) => a - b);
  const dates = Array.from({ length: 7 * PROFILE_WEEKS }, (_, i) => addDays(today, i - 7 * PROFILE_WEEKS));
  const days = dates.map((date) => {
    const windows = hourWindowsOf(date, tz);
    const counts = windows.map((w) => lowerBound(times, w.to.getTime()) - lowerBound(times, w.from.getTime()));
    return { weekday: weekdayOfDate(date), windows, counts };
  });

  const tradingDays = new Array<number>(SLOTS).fill(0);
  for (const day of days) day.counts.forEach((n, hour) => n > 0 && tradingDays[slotOf(day.weekday, hour)]!++);
  const trading = (weekday: number, hour: number) => tradingDays[slotOf(weekday, hour)]! >= MIN_TRADING_DAYS;

  const longest = new Array<number>(SLOTS).fill(0);
  for (const day of days) {
    for (const [first, last] of runsOf((hour) => trading(day.weekday, hour))) {
      const checksInRun = day.counts.slice(first, last + 1).reduce((a, b) => a + b, 0);
      if (checksInRun === 0) continue; // the desk did not open for this run that day
      const runFrom = day.windows[first]!.from.getTime();
      const runTo = day.windows[last]!.to.getTime();
      const points = [runFrom, ...times.slice(lowerBound(times, runFrom), lowerBound(times, runTo)), runTo];
      // Stretches and hours both in time order: `from` is the first hour not over before this stretch.
      let from = first;
      for (let i = 1; i < points.length; i++) {
        const [a, b] = [points[i - 1]!, points[i]!];
        while (from < last && day.windows[from]!.to.getTime() <= a) from++;
        for (let hour = from; hour <= last; hour++) {
          const w: HourWindow = day.windows[hour]!;
          if (w.from.getTime() >= b) break;
          const overlaps = w.from.getTime() < w.to.getTime() && w.to.getTime() > a;
          const slot = slotOf(day.weekday, hour);
          if (overlaps && b - a > longest[slot]!) longest[slot] = b - a;
        }
      }
    }
  }

  const limits = Array.from({ length: SLOTS }, (_, slot) => {
    const weekday = Math.floor(slot / HOURS) + 1;
    if (!trading(weekday, slot % HOURS)) return null;
    return Math.max(MIN_LIMIT_MS, Math.round(longest[slot]! * GAP_FACTOR));
  });
  return { forDate: today, limits };
}

export interface DeskState {
  profile: DeskProfile | null;
  /** The desk's first check ever (its age). */
  firstCheckAt: Date | null;
  /** Its newest check by the check's own time. */
  lastCheckAt: Date | null;
}

export type SilenceVerdict =
  | { quiet: false; why: 'no_profile' | 'new_desk' | 'not_trading' | 'within_limit' }
  | { quiet: true; silenceMs: number; limitMs: number };

/** Whether the desk is quiet at `now` (the rule above). */
export function judgeSilence(desk: DeskState, now: Date, tz: string): SilenceVerdict {
  const { profile, firstCheckAt, lastCheckAt } = desk;
  if (!profile || !firstCheckAt || !lastCheckAt) return { quiet: false, why: 'no_profile' };
  if (now.getTime() - firstCheckAt.getTime() < NEW_DESK_MS) return { quiet: false, why: 'new_desk' };
  const { date, weekday, hour } = localHourOf(now, tz);
  const limitMs = profile.limits[slotOf(weekday, hour)];
  if (limitMs === null || limitMs === undefined) return { quiet: false, why: 'not_trading' };
  // Within the limit since the last check itself: within it since the run's start too (most looks end here).
  if (now.getTime() - lastCheckAt.getTime() <= limitMs) return { quiet: false, why: 'within_limit' };
  let first = hour;
  while (first > 0 && profile.limits[slotOf(weekday, first - 1)] != null) first--;
  const runFrom = hourWindowsOf(date, tz)[first]!.from.getTime();
  const silenceMs = now.getTime() - Math.max(lastCheckAt.getTime(), runFrom);
  return silenceMs > limitMs ? { quiet: true, silenceMs, limitMs } : { quiet: false, why: 'within_limit' };
}
