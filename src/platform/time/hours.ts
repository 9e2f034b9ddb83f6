import { DateTime } from 'luxon';
import { addDays, localInstant } from './business-time.js';

/**
 * The hours of a local calendar date, for rules learned per (weekday, hour): which instants a
 * local hour covers and which local hour an instant falls in, across DST changes. By the
 * business's rule (business-time.ts BUSINESS_RULE):
 * - the hour the clock skips in spring (03:00–04:00 on the last Sunday of March in Kyiv) covers
 *   no instant at all (its window is empty);
 * - the hour the clock shows twice in autumn (03:00–04:00 on the last Sunday of October in Kyiv)
 *   covers both passes: its window is two hours long, and an instant in either pass is in it.
 * The 24 windows of a date follow each other without gap or overlap, from the date's local
 * midnight to the next one's.
 */

const HOUR_MS = 3_600_000;

export interface HourWindow {
  /** First instant of the local hour (inclusive). */
  from: Date;
  /** First instant of the next local hour (exclusive); equal to `from` for the skipped hour. */
  to: Date;
}

/** ISO weekday of a calendar date `YYYY-MM-DD`: 1 Monday … 7 Sunday. */
export function weekdayOfDate(date: string): number {
  const day = DateTime.fromISO(date, { zone: 'UTC' });
  if (!day.isValid) throw new RangeError(`not a date: ${date}`);
  return day.weekday;
}

/** The 24 local hours of calendar date `date` in `tz`, hour 0 first (see above for DST days). */
export function hourWindowsOf(date: string, tz: string): HourWindow[] {
  const midnight = localInstant(date, 0, tz);
  const end = localInstant(addDays(date, 1), 0, tz);
  if (!midnight || !end) throw new RangeError(`not a date: ${date}`);
  // No change of offset that day (every day but two a year): 24 hours of 60 minutes.
  const starts: Date[] =
    end.getTime() - midnight.getTime() === 24 * HOUR_MS
      ? Array.from({ length: 24 }, (_, hour) => new Date(midnight.getTime() + hour * HOUR_MS))
      : Array.from({ length: 24 }, (_, hour) => localInstant(date, hour * 3600, tz)!);
  return starts.map((from, hour) => ({ from, to: starts[hour + 1] ?? end }));
}

/** The local calendar date, ISO weekday (1 Monday … 7 Sunday) and hour (0–23) of an instant in `tz`. */
export function localHourOf(instant: Date, tz: string): { date: string; weekday: number; hour: number } {
  const local = DateTime.fromJSDate(instant, { zone: tz });
  return { date: local.toISODate()!, weekday: local.weekday, hour: local.hour };
}
