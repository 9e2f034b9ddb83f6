import { DateTime } from 'luxon';
import type { CheckKind } from '../db/check-kinds.js';
import { addDays, businessDateOf, localInstant } from '../time/business-time.js';

/**
 * A chat's noise control (/settings), as stored on its row: which checks are announced and when
 * messages arrive silently. Pure: the callers read and write the row.
 */
export interface SaleFilter {
  /** Sale alerts off altogether (/mute). */
  muted: boolean;
  /** Checks whose total is below this (kopecks, by absolute value) are not announced; null: all. */
  minSaleKop: number | null;
  /** Only returns are announced. */
  onlyReturns: boolean;
  /** Only checks of these cash desks (num_fiscal); null: every cash desk. */
  deskFilter: string[] | null;
}

export interface AnnouncedCheck {
  kind: CheckKind;
  totalKop: number;
  numFiscal: string;
}

/** Whether a chat gets a cash desk's alerts at all (its cash desk filter). */
export function followsDesk(filter: Pick<SaleFilter, 'deskFilter'>, numFiscal: string): boolean {
  return filter.deskFilter === null || filter.deskFilter.includes(numFiscal);
}

/** Whether a chat gets the sale alert of a check. */
export function wantsSaleAlert(filter: SaleFilter, check: AnnouncedCheck): boolean {
  if (filter.muted) return false;
  if (!followsDesk(filter, check.numFiscal)) return false;
  if (filter.onlyReturns && check.kind !== 'return') return false;
  if (filter.minSaleKop !== null && filter.minSaleKop > 0 && Math.abs(check.totalKop) < filter.minSaleKop) return false;
  return true;
}

export const MINUTES_PER_DAY = 24 * 60;

/** Quiet hours as minutes of the day in BUSINESS_TZ, `from` inclusive, `to` exclusive; may wrap midnight. */
export interface QuietHours {
  from: number;
  to: number;
}

export function quietHoursOf(row: { quietFrom: number | null; quietTo: number | null }): QuietHours | null {
  return row.quietFrom === null || row.quietTo === null ? null : { from: row.quietFrom, to: row.quietTo };
}

export function isQuietMinute(quiet: QuietHours | null, minute: number): boolean {
  if (!quiet || quiet.from === quiet.to) return false;
  return quiet.from < quiet.to ? minute >= quiet.from && minute < quiet.to : minute >= quiet.from || minute < quiet.to;
}

/** Minutes since local midnight of an instant in `tz`. */
export function minuteOfDay(instant: Date, tz: string): number {
  const local = DateTime.fromJSDate(instant, { zone: tz });
  return local.hour * 60 + local.minute;
}

/** Whether a message sent at `instant` falls in the chat's quiet hours (BUSINESS_TZ). */
export function isQuietAt(quiet: QuietHours | null, instant: Date, tz: string): boolean {
  return isQuietMinute(quiet, minuteOfDay(instant, tz));
}

/** `HH:MM` → minutes of the day, or undefined. Accepts 0:00 to 23:59 (one- or two-digit hour). */
export function parseClock(text: string): number | undefined {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** Minutes of the day → `HH:MM`. */
export function formatClock(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/**
 * A chat's own summary time: before noon it brings the previous day's Z summary (a morning
 * report), from noon on the same day's (an evening one), by the calendar date `localDate` it
 * fires on. Never a business day that has not begun (`businessDate`, the business day in
 * progress then; BUSINESS_DAY_START): with days starting 04:00 a summary at 01:30 brings the
 * day that is closing (the previous date's), as one at 09:00 does; with days starting 18:00,
 * one at 13:00 brings the business day that began at 18:00 the day before.
 */
export const MORNING_UNTIL = 12 * 60;

export function summaryDateFor(summaryMinute: number, localDate: string, businessDate: string = localDate): string {
  const date = summaryMinute < MORNING_UNTIL ? addDays(localDate, -1) : localDate;
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

/**
 * A cash desk's button pressed: in the filter it goes out, out of it it comes in. Every desk
 * chosen is the same as no filter (null), so desks that appear later are announced too.
 */
export function toggleDesk(filter: string[] | null, allDesks: readonly string[], numFiscal: string): string[] | null {
  const current = filter ?? [...allDesks];
  const next = current.includes(numFiscal) ? current.filter((d) => d !== numFiscal) : [...current, numFiscal];
  return allDesks.every((d) => next.includes(d)) ? null : allDesks.filter((d) => next.includes(d)).concat(next.filter((d) => !allDesks.includes(d)));
}
