export { formatAmount, formatMoney, formatMoneyShort, formatMoneyWhole, formatQuantity } from '../../src/platform/money/format.js';

/** Times and dates in the business's time zone (BUSINESS_TZ, from /app/api/me). */
export function formatTime(iso: string, tz: string): string {
  return new Intl.DateTimeFormat('uk-UA', { timeZone: tz, hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
}

/** `01.12.2026` from a business day `2026-12-01`, as the bot writes dates. */
export function formatDate(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}.${m}.${y}`;
}

/** `1 груд., 14:05` — a check's moment in the list. */
export function formatDateTime(iso: string, tz: string, locale: string, today: string): string {
  const date = new Date(iso);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
  const time = formatTime(iso, tz);
  if (day === today) return time;
  return `${new Intl.DateTimeFormat(locale, { timeZone: tz, day: 'numeric', month: 'short' }).format(date)}, ${time}`;
}

/** Labels of the hourly chart: the business day starts at `dayStartMinutes` (BUSINESS_DAY_START), one bar an hour. */
export function hourLabels(count: number, dayStartMinutes: number): string[] {
  const minute = dayStartMinutes % 60;
  return Array.from({ length: count }, (_, i) => {
    const hour = String((Math.floor(dayStartMinutes / 60) + i) % 24).padStart(2, '0');
    return minute === 0 ? hour : `${hour}:${String(minute).padStart(2, '0')}`;
  });
}

/** Relative change, `+12 %` / `−5 %`, or null when there is nothing to compare with. */
export function formatChange(now: number, before: number): string | null {
  if (before === 0) return null;
  const p = Math.round(((now - before) / Math.abs(before)) * 100);
  return `${p > 0 ? '+' : p < 0 ? '−' : ''}${Math.abs(p)} %`;
}

/** Business days as YYYY-MM-DD, `days` before `day`. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
