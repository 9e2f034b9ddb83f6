import type { CheckKind } from '../../platform/db/check-kinds.js';
import { minuteOfDay } from '../../platform/time/clock.js';

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

/** Whether a message sent at `instant` falls in the chat's quiet hours (BUSINESS_TZ). */
export function isQuietAt(quiet: QuietHours | null, instant: Date, tz: string): boolean {
  return isQuietMinute(quiet, minuteOfDay(instant, tz));
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
