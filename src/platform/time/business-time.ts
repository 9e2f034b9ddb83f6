import { DateTime, IANAZone } from 'luxon';

/**
 * Wall-clock times and business days of the business (BUSINESS_TZ, BUSINESS_DAY_START). CashDesk
 * writes ORDERDATE/ORDERTIME in the shop's local time; the business day is decided by that local
 * time, whatever the arrival time.
 *
 * A business day `D` (YYYY-MM-DD) is the run of instants from the start of `D` up to (not
 * including) the start of `D + 1`, where the start of `D` is the local time BUSINESS_DAY_START
 * (minutes after midnight, default 0) on the calendar date `D`. With a start of 04:00 a check
 * at 01:30 on the 28th belongs to the 27th. Every business day of a reader, a report, a summary
 * or an export is decided here, by businessDateOf / businessDayRange.
 *
 * THE one DST rule (BUSINESS_RULE) for turning a local date and time into an instant:
 * - a local time in the spring-forward gap (it never shows on the clock) is the first instant
 *   after the gap: 03:30 on 2026-03-29 in Kyiv is 04:00 EEST (01:00Z);
 * - a local time in the autumn's repeated hour is the EARLIER of its two instants: 03:30 on
 *   2026-10-25 in Kyiv is 03:30 EEST (00:30Z).
 * node-cron runs its tasks by a rule of its own (a time in the gap does not happen, one in the
 * repeated hour happens on the later pass); the one place that must agree with it (cron-day.ts)
 * asks localInstant for exactly that rule, by name (NODE_CRON_RULE).
 */

export interface LocalTimeRule {
  /** A wall-clock time the clock skips: the first instant after the gap, or none. */
  gap: 'after' | 'none';
  /** A wall-clock time the clock shows twice: the earlier or the later instant. */
  repeated: 'earlier' | 'later';
}

/** The business's rule: after the gap, the earlier of two. */
export const BUSINESS_RULE: LocalTimeRule = { gap: 'after', repeated: 'earlier' };
/** How node-cron fires: not in the gap, on the later pass. */
export const NODE_CRON_RULE: LocalTimeRule = { gap: 'none', repeated: 'later' };

const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTES_PER_DAY = 24 * 60;

function zoneOf(tz: string): IANAZone {
  const zone = IANAZone.create(tz);
  if (!zone.isValid) throw new RangeError(`not a time zone: ${tz}`);
  return zone;
}

/** `YYYY-MM-DD` as midnight UTC milliseconds, or undefined when it is not a real date. */
function dateMillis(date: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return ms;
}

/**
 * The instant of the local time `secondOfDay` (seconds after midnight, 0 ≤ s < 86 400) on the
 * local date `date` in `tz`, by `rule` (BUSINESS_RULE unless told); null when the date is not a
 * real one or the time does not exist there and the rule says so. The only local → instant
 * conversion of the service.
 */
export function localInstant(date: string, secondOfDay: number, tz: string, rule: LocalTimeRule = BUSINESS_RULE): Date | null {
  const day = dateMillis(date);
  if (day === undefined || !Number.isInteger(secondOfDay) || secondOfDay < 0 || secondOfDay >= 86_400) return null;
  const zone = zoneOf(tz);
  const wall = day + secondOfDay * 1000;
  // Offsets a day either side: at most one change lies between them (zones change at most twice a year).
  const before = zone.offset(wall - DAY_MS);
  const after = zone.offset(wall + DAY_MS);
  const instants = [...new Set([before, after])]
    .map((offset) => wall - offset * 60_000)
    .filter((instant) => instant + zone.offset(instant) * 60_000 === wall)
    .sort((a, b) => a - b);
  if (instants.length > 0) return new Date(rule.repeated === 'later' ? instants.at(-1)! : instants[0]!);
  if (rule.gap === 'none') return null;
  // In the gap: the change itself, the first instant with the new offset (between lo and hi).
  let lo = wall - after * 60_000;
  let hi = wall - before * 60_000;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zone.offset(mid) === after) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/** `HH:MM[:SS]` → seconds after midnight, or undefined. */
function secondsOf(time: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!m) return undefined;
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  return h < 24 && mi < 60 && s < 60 ? h * 3600 + mi * 60 + s : undefined;
}

/** The instant of a local date and time (`HH:MM[:SS]`) in `tz`, by BUSINESS_RULE; undefined when it is not a real one. */
export function localToInstant(date: string, time: string, tz: string): Date | undefined {
  const seconds = secondsOf(time);
  if (seconds === undefined) return undefined;
  return localInstant(date, seconds, tz) ?? undefined;
}

/** The local calendar date (YYYY-MM-DD) of an instant in `tz`: midnight to midnight, whatever the business day start. */
export function localDateOf(instant: Date, tz: string): string {
  return DateTime.fromJSDate(instant, { zone: tz }).toISODate()!;
}

/** The instant business day `date` begins: BUSINESS_DAY_START (`dayStart`, minutes) on that date, by BUSINESS_RULE. */
export function businessDayStartOf(date: string, tz: string, dayStart = 0): Date {
  const instant = localInstant(date, dayStart * 60, tz);
  if (!instant) throw new RangeError(`not a business day: ${date}`);
  return instant;
}

/** The instants of business day `date`: from its start, up to (not including) the next day's. */
export function businessDayRange(date: string, tz: string, dayStart = 0): { from: Date; to: Date } {
  return { from: businessDayStartOf(date, tz, dayStart), to: businessDayStartOf(addDays(date, 1), tz, dayStart) };
}

/**
 * The business day (YYYY-MM-DD) an instant belongs to in `tz` with days starting `dayStart`
 * minutes after local midnight: the day whose range (businessDayRange) holds it.
 */
export function businessDateOf(instant: Date, tz: string, dayStart = 0): string {
  const date = localDateOf(instant, tz);
  return instant.getTime() < businessDayStartOf(date, tz, dayStart).getTime() ? addDays(date, -1) : date;
}

/** The business day of a local date and time (a check's ORDERDATE/ORDERTIME); undefined when that is not a real one. */
export function businessDateOfLocal(date: string, time: string, tz: string, dayStart = 0): string | undefined {
  const instant = localToInstant(date, time, tz);
  return instant && businessDateOf(instant, tz, dayStart);
}

/**
 * Whether an instant lies in the part of its business day that is on the next calendar date
 * (after midnight, before BUSINESS_DAY_START): the business day is closing then.
 */
export function isAfterMidnightOfBusinessDay(instant: Date, tz: string, dayStart = 0): boolean {
  return localDateOf(instant, tz) !== businessDateOf(instant, tz, dayStart);
}

/** `HH:MM` (00:00–23:59) → minutes after midnight, or undefined: BUSINESS_DAY_START's form. */
export function parseDayStart(text: string): number | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** Minutes after the business day's start of a local minute of the day (0 ≤ result < 1440). */
export function minuteOfBusinessDay(localMinute: number, dayStart = 0): number {
  return (((localMinute - dayStart) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
}

/**
 * The zone's UTC offset (minutes) over the quarter-hour slot of `ms`, when it is the same at both
 * ends of the slot (every offset change of a zone in use today falls on a quarter hour); else
 * undefined. Remembered per zone: an export's 400 000 rows ask luxon once a quarter hour, not
 * once a row (luxon reads the offset through Intl, tens of microseconds and some garbage a call).
 */
const SLOT_MS = 15 * 60_000;
const MAX_REMEMBERED_SLOTS = 20_000;
const slotOffsets = new Map<string, Map<number, number | null>>();
function slotOffset(ms: number, tz: string): number | undefined {
  let zone = slotOffsets.get(tz);
  if (!zone) slotOffsets.set(tz, (zone = new Map()));
  const slot = Math.floor(ms / SLOT_MS);
  let offset = zone.get(slot);
  if (offset === undefined) {
    const start = DateTime.fromMillis(slot * SLOT_MS, { zone: tz });
    const end = DateTime.fromMillis((slot + 1) * SLOT_MS - 1, { zone: tz });
    offset = start.isValid && start.offset === end.offset ? start.offset : null;
    if (zone.size >= MAX_REMEMBERED_SLOTS) zone.clear();
    zone.set(slot, offset);
  }
  return offset ?? undefined;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Local `HH:MM` of an instant in `tz`. */
export function localTimeOf(instant: Date, tz: string): string {
  const ms = instant.getTime();
  const offset = Number.isFinite(ms) ? slotOffset(ms, tz) : undefined;
  if (offset === undefined) return DateTime.fromJSDate(instant, { zone: tz }).toFormat('HH:mm');
  const local = new Date(ms + offset * 60_000);
  return `${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}`;
}

/** Local `DD.MM.YYYY HH:MM` of an instant in `tz`. */
export function localDateTimeOf(instant: Date, tz: string): string {
  return DateTime.fromJSDate(instant, { zone: tz }).toFormat('dd.MM.yyyy HH:mm');
}

/**
 * The local wall-clock time of an instant in `tz`, as a Date whose UTC fields carry it: what a
 * spreadsheet cell needs, since a workbook has no time zones (exceljs writes a Date's UTC value).
 */
export function wallClockAsUtc(instant: Date, tz: string): Date {
  const t = DateTime.fromJSDate(instant, { zone: tz });
  return new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second));
}

/** A business day (YYYY-MM-DD) as midnight UTC of that date: a spreadsheet's date cell. */
export function dateAsUtc(businessDate: string): Date {
  return DateTime.fromISO(businessDate, { zone: 'UTC' }).toJSDate();
}

/** The business day `days` after (or before) the given one. */
export function addDays(businessDate: string, days: number): string {
  return DateTime.fromISO(businessDate, { zone: 'UTC' }).plus({ days }).toISODate()!;
}
