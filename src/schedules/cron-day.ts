import cron from 'node-cron';
import { localInstant } from '../reports/period.js';

/**
 * The first moment a cron expression fires on a business day (in `tz`), or null when it does
 * not fire that day: what "the scheduled time of today has passed" is measured against when the
 * service comes back after being down. Matching is node-cron's own (the same matcher that runs
 * the task), so day-of-month, weekday, `L` and `#` mean here what they mean there. As node-cron
 * does, local times that do not exist that day (the hour skipped in spring) are passed over, and
 * a time in the autumn's repeated hour is its second pass.
 */
export function firstRunOfDay(expression: string, date: string, tz: string): Date | null {
  const fields = cron.parse(expression);
  const ascending = (values: number[]) => [...values].sort((a, b) => a - b);
  const matcher = cron.createTask(expression, () => {}, { timezone: tz });
  try {
    for (const hour of ascending(fields.hour)) {
      for (const minute of ascending(fields.minute)) {
        for (const second of ascending(fields.second)) {
          const instant = localInstant(date, hour, minute, second, tz, { repeated: 'last' });
          if (!instant) continue;
          // Hour, minute and second match by construction: only the day can fail, and it
          // fails for every time of that day alike, so the first real time decides.
          return matcher.match(instant) ? instant : null;
        }
      }
    }
    return null;
  } finally {
    void matcher.destroy();
  }
}
