import { DateTime } from 'luxon';

/**
 * Wall-clock times of the business (BUSINESS_TZ). CashDesk writes ORDERDATE/ORDERTIME in the
 * shop's local time; the business day is that local date, whatever the arrival time.
 */

/** The instant of a local date and time in `tz`. In the autumn's repeated hour the earlier one. */
export function localToInstant(date: string, time: string, tz: string): Date | undefined {
  const dt = DateTime.fromISO(`${date}T${time}`, { zone: tz });
  return dt.isValid ? dt.toJSDate() : undefined;
}

/** The business day (YYYY-MM-DD) that an instant falls on in `tz`. */
export function businessDateOf(instant: Date, tz: string): string {
  return DateTime.fromJSDate(instant, { zone: tz }).toISODate()!;
}

/** Local `HH:MM` of an instant in `tz`. */
export function localTimeOf(instant: Date, tz: string): string {
  return DateTime.fromJSDate(instant, { zone: tz }).toFormat('HH:mm');
}

/** Local `DD.MM.YYYY HH:MM` of an instant in `tz`. */
export function localDateTimeOf(instant: Date, tz: string): string {
  return DateTime.fromJSDate(instant, { zone: tz }).toFormat('dd.MM.yyyy HH:mm');
}

/** The business day `days` after (or before) the given one. */
export function addDays(businessDate: string, days: number): string {
  return DateTime.fromISO(businessDate, { zone: 'UTC' }).plus({ days }).toISODate()!;
}
