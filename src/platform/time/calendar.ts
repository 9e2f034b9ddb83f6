import { DateTime } from 'luxon';

/**
 * Arithmetic on calendar dates (YYYY-MM-DD) alone: no zone, no instants, so DST changes do not
 * enter (addDays, in business-time.ts, is the same kind). Pure.
 */
const day = (date: string) => DateTime.fromISO(date, { zone: 'UTC' });
const iso = (dt: DateTime) => dt.toISODate()!;

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round(day(to).diff(day(from), 'days').days);
}

/** The Monday of the date's week (ISO weeks). */
export function weekStartOf(date: string): string {
  return iso(day(date).startOf('week'));
}

/** The first of the date's month. */
export function monthStartOf(date: string): string {
  return iso(day(date).startOf('month'));
}

/** The same day `months` later (or earlier); a day the target month lacks becomes its last day. */
export function addMonths(date: string, months: number): string {
  return iso(day(date).plus({ months }));
}
