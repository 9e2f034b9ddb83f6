import { z } from 'zod';
import { addDays } from '../../platform/time/business-time.js';

/**
 * Business days and the instants in them, in BUSINESS_TZ. A business day is named by the local
 * calendar date it starts on (YYYY-MM-DD) and starts at BUSINESS_DAY_START (src/time); it is 23
 * hours long on the spring DST change and 25 on the autumn one, so nothing here adds hours to
 * instants: days are counted on dates, instants come from src/time. Pure.
 */

/** A business day as written in the database and in outbox payloads: `2026-11-27`. */
export const businessDateSchema = z.iso.date();

/** An inclusive run of business days. */
export const periodSchema = z
  .object({ from: businessDateSchema, to: businessDateSchema })
  .refine((p) => p.from <= p.to, { message: '`from` must not be after `to`', path: ['to'] });

/** The same weekday a week before: what the daily summary compares against. */
export function weekBefore(date: string): string {
  return addDays(date, -7);
}
