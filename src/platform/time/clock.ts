import { DateTime } from 'luxon';

/** The clock of the day: minutes since local midnight, as settings and schedules use them. */
export const MINUTES_PER_DAY = 24 * 60;

/** Minutes since local midnight of an instant in `tz`. */
export function minuteOfDay(instant: Date, tz: string): number {
  const local = DateTime.fromJSDate(instant, { zone: tz });
  return local.hour * 60 + local.minute;
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
