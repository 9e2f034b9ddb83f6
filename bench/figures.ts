/**
 * Benchmark 5: /today's figures and the daily summary's for a business with 1 000 000 stored
 * checks over a year (two cash desks, two items and one payment a check), on PostgreSQL.
 * Each is timed over repeated runs after one warm-up; the median is reported.
 */
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/platform/db/client.js';
import { loadYearOfChecks } from './support/checks-dataset.js';
import { computePeriodFigures, computeSummaryFigures } from '../src/features/reports/figures.js';
import { freshDatabase } from './support/databases.js';
import { percentile } from './support/percentiles.js';

export interface FiguresBench {
  checks: number;
  checksThatDay: number;
  todayMs: number;
  summaryMs: number;
  loadSeconds: number;
}

export const DAY = '2026-11-27';

export async function benchFigures(total = Number(process.env.BENCH_FIGURES_CHECKS ?? 1_000_000)): Promise<FiguresBench> {
  const database = await freshDatabase('bench_figures');
  const handle = await openDatabase({ databaseUrl: database.url, maxConnections: 2 });
  try {
    const { db } = handle;
    const { business, loadSeconds } = await loadYearOfChecks(db, total, DAY);

    const counted: unknown = await handle.db.execute(
      sql`select count(*)::int as n from checks where business_id = ${business.id} and business_date = ${DAY}`,
    );
    const [{ n }] = counted as [{ n: number }];

    const time = async (fn: () => Promise<unknown>, runs = 15) => {
      await fn();
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await fn();
        samples.push(performance.now() - t);
      }
      return Math.round(percentile(samples, 50) * 10) / 10;
    };
    const todayMs = await time(() => computePeriodFigures(db, { businessId: business.id, from: DAY, to: DAY }));
    const summaryMs = await time(() => computeSummaryFigures(db, { businessId: business.id, date: DAY }));
    return { checks: total, checksThatDay: n, todayMs, summaryMs, loadSeconds };
  } finally {
    await handle.close();
    await database.drop();
  }
}
