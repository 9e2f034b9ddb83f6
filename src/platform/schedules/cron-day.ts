import cron from 'node-cron';
import { addDays, businessDateOf, localInstant, NODE_CRON_RULE } from '../time/business-time.js';

/**
 * The first moment a cron expression fires in a business day (in `tz`, days starting `dayStart`
 * minutes after local midnight: from that time on the date itself, then the next date's times
 * before it), or null when it does not fire in that day: what "the scheduled time of today has
 * passed" is measured against when the service comes back after being down. Matching is
 * node-cron's own (the same matcher that runs the task), so day-of-month, weekday, `L` and `#`
 * mean here what they mean there. As node-cron does (NODE_CRON_RULE), local times that do not
 * exist that day (the hour skipped in spring) are passed over, and a time in the autumn's
 * repeated hour is its second pass.
 */
export function firstRunOfDay(expression: string, date: string, tz: string, dayStart = 0): Date | null {
  const fields = cron.parse(expression);
  const ascending = (values: number[]) => [...values].sort((a, b) => a - b);
  const startSecond = dayStart * 60;
  const matcher = cron.createTask(expression, () => {}, { timezone: tz });
  /** The first real time on `calendarDate` within [fromSecond, toSecond) that is in business day `date`, if node-cron fires then. */
  const firstOn = (calendarDate: string, fromSecond: number, toSecond: number): Date | null | 'none' => {
    for (const hour of ascending(fields.hour)) {
      for (const minute of ascending(fields.minute)) {
        for (const second of ascending(fields.second)) {
          const s = hour * 3600 + minute * 60 + second;
          if (s < fromSecond || s >= toSecond) continue;
          const instant = localInstant(calendarDate, s, tz, NODE_CRON_RULE);
          if (!instant || businessDateOf(instant, tz, dayStart) !== date) continue;
          // Hour, minute and second match by construction: only the day can fail, and it
          // fails for every time of that calendar date alike, so the first real time decides.
          return matcher.match(instant) ? instant : null;
        }
      }
    }
    return 'none';
  };
  try {
    const own = firstOn(date, startSecond, 86_400);
    if (own instanceof Date || dayStart === 0) return own instanceof Date ? own : null;
    const next = firstOn(addDays(date, 1), 0, startSecond);
    return next instanceof Date ? next : null;
  } finally {
    void matcher.destroy();
  }
}
