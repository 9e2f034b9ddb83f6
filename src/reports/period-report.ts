import { z } from 'zod';
import type { Executor } from '../db/client.js';
import { computePeriodFigures, computeTopProducts } from './figures.js';
import type { PeriodFigures, ProductFigures } from './figures-types.js';
import { periodSchema } from './period.js';
import { previousMonth, previousSpan, previousWeek, type Period } from './periods.js';
import { computeDailyRevenue, type DayRevenue } from './series.js';

/**
 * A period report (/week, /month, /report, the weekly digest): the figures of the daily summary
 * over the period (computePeriodFigures, the one figures module), the same figures of the
 * period it is compared with, the top products and the net revenue of each day.
 */
export type ReportKind = 'week' | 'month' | 'span';

export interface PeriodReport {
  kind: ReportKind;
  figures: PeriodFigures;
  previous: PeriodFigures;
  topByRevenue: ProductFigures[];
  daily: DayRevenue[];
}

const REPORT_TOP = 5;

const inputSchema = periodSchema.and(
  z.object({ businessId: z.number().int().positive(), kind: z.enum(['week', 'month', 'span']), top: z.number().int().min(0).max(100).optional() }),
);

/** The period a report compares with: the same days a week or a month before, else the days just before. */
export function comparedPeriod(kind: ReportKind, p: Period): Period {
  if (kind === 'week') return previousWeek(p);
  if (kind === 'month') return previousMonth(p);
  return previousSpan(p);
}

export async function computePeriodReport(
  db: Executor,
  input: { businessId: number; kind: ReportKind; from: string; to: string; top?: number },
): Promise<PeriodReport> {
  const { businessId, kind, from, to, top = REPORT_TOP } = inputSchema.parse(input);
  const before = comparedPeriod(kind, { from, to });
  const [figures, previous, tops, daily] = await Promise.all([
    computePeriodFigures(db, { businessId, from, to }),
    computePeriodFigures(db, { businessId, ...before }),
    computeTopProducts(db, { businessId, from, to, limit: top }),
    computeDailyRevenue(db, { businessId, from, to }),
  ]);
  return { kind, figures, previous, topByRevenue: tops.byRevenue, daily };
}
