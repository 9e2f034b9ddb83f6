import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { countedSql } from '../../platform/db/check-kinds.js';
import type { Executor } from '../../platform/db/client.js';
import { queryRows } from '../../platform/db/rows.js';
import { addDays } from '../../platform/time/business-time.js';
import { businessDateSchema, periodSchema } from './period.js';

/**
 * Net revenue (sales minus returns, by the checks' totals, as PeriodFigures.netKop counts it) cut
 * into hours of a business day or into the days of a period: the data of the charts. In SQL over
 * checks(business_id, business_date, kind); the hour is the wall-clock hour of the check's own
 * time in BUSINESS_TZ counted from BUSINESS_DAY_START (index 0 is the business day's first hour;
 * the autumn's repeated hour falls into one bucket). Integer kopecks.
 */

const businessId = z.number().int().positive();
const dayInputSchema = z.object({
  businessId,
  date: businessDateSchema,
  tz: z.string().min(1),
  dayStart: z.number().int().min(0).max(24 * 60 - 1).default(0),
});
const periodInputSchema = periodSchema.and(z.object({ businessId }));

export interface DayRevenue {
  /** YYYY-MM-DD. */
  date: string;
  netKop: number;
}

/** Sales minus returns, each return by its absolute amount whichever sign it came with (countedSql). */
const net = sql`sum(case kind when 'sale' then total_kop when 'return' then -${countedSql(sql`total_kop`)} else 0 end)`;

/**
 * 24 values: the net revenue of each hour of a business day, the first starting at its
 * BUSINESS_DAY_START (`dayStart` minutes after midnight): with 04:00, index 0 is 04:00–04:59 and
 * index 21 is 01:00–01:59 of the next calendar date.
 */
export async function computeHourlyRevenue(
  db: Executor,
  input: { businessId: number; date: string; tz: string; dayStart?: number },
): Promise<number[]> {
  const { businessId: id, date, tz, dayStart } = dayInputSchema.parse(input);
  const rows = await queryRows<{ hour: unknown; net: unknown }>(
    db,
    sql`select (((extract(hour from ordered_at at time zone ${tz})::int * 60 + extract(minute from ordered_at at time zone ${tz})::int
                  - ${dayStart}::int + 1440) % 1440) / 60) as hour, ${net} as net
        from checks
        where business_id = ${id} and business_date = ${date}::date and kind in ('sale', 'return')
        group by 1`,
  );
  const hours = Array.from({ length: 24 }, () => 0);
  for (const r of rows) {
    const hour = Number(r.hour);
    if (hour >= 0 && hour < 24) hours[hour]! += Number(r.net ?? 0);
  }
  return hours;
}

/** Every day of the period in order, days without checks as 0. */
export async function computeDailyRevenue(db: Executor, input: { businessId: number; from: string; to: string }): Promise<DayRevenue[]> {
  const { businessId: id, from, to } = periodInputSchema.parse(input);
  const rows = await queryRows<{ day: string; net: unknown }>(
    db,
    sql`select business_date::text as day, ${net} as net
        from checks
        where business_id = ${id} and business_date between ${from}::date and ${to}::date and kind in ('sale', 'return')
        group by business_date`,
  );
  const byDay = new Map(rows.map((r) => [String(r.day), Number(r.net ?? 0)]));
  const days: DayRevenue[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) days.push({ date, netKop: byDay.get(date) ?? 0 });
  return days;
}
