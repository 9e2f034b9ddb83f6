import { addDays } from '../../platform/time/business-time.js';
import { addMonths, daysBetween, monthStartOf, weekStartOf } from '../../platform/time/calendar.js';

/**
 * The periods of the reports, as inclusive runs of business days (YYYY-MM-DD), and what each is
 * compared with. Pure.
 */
export interface Period {
  from: string;
  to: string;
}

/** The longest period /report and /export accept. */
export const MAX_PERIOD_DAYS = 366;

/** Days in an inclusive period. */
export function periodDays(p: Period): number {
  return daysBetween(p.from, p.to) + 1;
}

/** /week: this week's Monday up to today. */
export function weekToDate(today: string): Period {
  return { from: weekStartOf(today), to: today };
}

/** /month: the first of this month up to today. */
export function monthToDate(today: string): Period {
  return { from: monthStartOf(today), to: today };
}

/** The weekly digest: the seven days before `date` (Monday to Sunday when `date` is a Monday). */
export function weekBeforeDay(date: string): Period {
  return { from: addDays(date, -7), to: addDays(date, -1) };
}

/** The same days a week before (Monday to Wednesday against last Monday to Wednesday). */
export function previousWeek(p: Period): Period {
  return { from: addDays(p.from, -7), to: addDays(p.to, -7) };
}

/**
 * The same days of the month before: 1–15 March against 1–15 February; a span that ends on a
 * day the month before does not have ends on that month's last day.
 */
export function previousMonth(p: Period): Period {
  return { from: addMonths(p.from, -1), to: addMonths(p.to, -1) };
}

/** As many days just before: any other period. */
export function previousSpan(p: Period): Period {
  const n = periodDays(p);
  return { from: addDays(p.from, -n), to: addDays(p.from, -1) };
}
