import { DateTime } from 'luxon';
import { z } from 'zod';
import { addDays, businessDateOf } from '../time/business-time.js';

/**
 * Business days and the instants in them, in BUSINESS_TZ. A business day is a local calendar
 * date (YYYY-MM-DD); it is 23 hours long on the spring DST change and 25 on the autumn one, so
 * nothing here adds hours to instants: days are counted on dates, instants come from luxon.
 * Pure.
 */

/** A business day as written in the database and in outbox payloads: `2026-11-27`. */
export const businessDateSchema = z.iso.date();

/** An inclusive run of business days. */
export const periodSchema = z
  .object({ from: businessDateSchema, to: businessDateSchema })
  .refine((p) => p.from <= p.to, { message: '`from` must not be after `to`', path: ['to'] });

/** The business day an instant falls on. */
export function businessToday(now: Date, tz: string): string {
  return businessDateOf(now, tz);
}

/** The same weekday a week before: what the daily summary compares against. */
export function weekBefore(date: string): string {
  return addDays(date, -7);
}

/**
 * The instant of a local wall-clock time on a business day, or null when that time does not
 * exist there (the hour skipped by the spring DST change). In the autumn's repeated hour, the
 * first of the two instants, or the last with `repeated: 'last'`.
 */
export function localInstant(
  date: string,
  hour: number,
  minute: number,
  second: number,
  tz: string,
  options: { repeated?: 'first' | 'last' } = {},
): Date | null {
  const [year, month, day] = date.split('-').map(Number);
  const dt = DateTime.fromObject({ year, month, day, hour, minute, second }, { zone: tz });
  if (!dt.isValid) return null;
  // luxon moves a time inside the DST gap forward; a moved time is not the one asked for.
  if (dt.hour !== hour || dt.minute !== minute || dt.second !== second || dt.toISODate() !== date) return null;
  // In the repeated hour luxon takes one of the two offsets; choose as asked.
  const instants = [dt.toMillis(), ...dt.getPossibleOffsets().map((d) => d.toMillis())];
  return new Date(options.repeated === 'last' ? Math.max(...instants) : Math.min(...instants));
}
