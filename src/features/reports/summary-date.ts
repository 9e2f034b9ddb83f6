import { addDays, businessDateOf, localInstant } from '../../platform/time/business-time.js';

/**
 * A chat's own summary time: before noon it brings the previous day's Z summary (a morning
 * report), from noon on the same day's (an evening one), by the calendar date `localDate` it
 * fires on. Never a business day that has not begun (`businessDate`, the business day in
 * progress then; BUSINESS_DAY_START): with days starting 04:00 a summary at 01:30 brings the
 * day that is closing (the previous date's), as one at 09:00 does; with days starting 18:00,
 * one at 13:00 brings the business day that began at 18:00 the day before.
 */
const MORNING_UNTIL = 12 * 60;

/** Whether a summary at this minute of the day brings the previous day's figures (a morning report). */
export function bringsPreviousDay(summaryMinute: number): boolean {
  return summaryMinute < MORNING_UNTIL;
}

export function summaryDateFor(summaryMinute: number, localDate: string, businessDate: string = localDate): string {
  const date = bringsPreviousDay(summaryMinute) ? addDays(localDate, -1) : localDate;
  return date < businessDate ? date : businessDate;
}

/**
 * The day a chat's summary at `summaryMinute` on the calendar date `localDate` covers: summaryDateFor
 * with the business day in progress at that moment (not at the moment of asking).
 */
export function summaryDateOn(summaryMinute: number, localDate: string, tz: string, dayStart = 0): string {
  const moment = localInstant(localDate, summaryMinute * 60, tz);
  return summaryDateFor(summaryMinute, localDate, moment ? businessDateOf(moment, tz, dayStart) : localDate);
}
