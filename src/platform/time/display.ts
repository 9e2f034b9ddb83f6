import { DateTime } from 'luxon';

/**
 * Calendar dates (YYYY-MM-DD) as people read them in messages and charts. A date has no zone
 * here, so nothing shifts it. Pure.
 */
const day = (date: string) => DateTime.fromISO(date, { zone: 'UTC' });

/** `27.11.2026` from `2026-11-27`. */
export function displayDate(date: string): string {
  return day(date).toFormat('dd.MM.yyyy');
}

/** `27.11` from `2026-11-27`: a date within a period the reader already knows. */
export function displayDayMonth(date: string): string {
  return day(date).toFormat('dd.MM');
}

/** The date's weekday, short, in the language's own words (`Fri` in `en`, `пт` in `uk`). */
export function displayWeekday(date: string, locale: string): string {
  return day(date).setLocale(locale).toFormat('ccc');
}
