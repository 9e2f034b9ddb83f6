import { z } from 'zod';
import type { Executor } from '../../platform/db/client.js';
import { computePeriodFigures, computeTopProducts } from './figures.js';
import type { PeriodFigures, ProductFigures } from './figures-types.js';
import { periodSchema } from './period.js';
import { previousMonth, previousSpan, previousWeek, type Period } from './periods.js';
import { computeDailyRevenue, computeHourlyRevenue, type DayRevenue } from './series.js';

/**
 * A period report (/week, /month, /report, the weekly digest): the figures of the daily summary
 * over the period (computePeriodFigures, the one figures module), the same figures of the
 * period it is compared with, the top products and the net revenue of each day; for a report of
 * one day (given the clock), the net revenue of each hour of it and of the day compared with, so
 * that its chart is drawn by hour rather than as one bar.
 */
export type ReportKind = 'week' | 'month' | 'span';

export interface PeriodReport {
  kind: ReportKind;
  figures: PeriodFigures;
  previous: PeriodFigures;
  topByRevenue: ProductFigures[];
  daily: DayRevenue[];
  /** A one-day report's hours (computeHourlyRevenue), and those of the day it is compared with. */
  hourly?: { hours: number[]; previousHours: number[]; dayStart: number };
}

const REPORT_TOP = 5;

const inputSchema = periodSchema.and(
  z.object({
    businessId: z.number().int().positive(),
    kind: z.enum(['week', 'month', 'span']),
    top: z.number().int().min(0).max(100).optional(),
    /** BUSINESS_TZ and BUSINESS_DAY_START (minutes): a one-day report is then cut into hours. */
    clock: z.object({ tz: z.string().min(1), dayStart: z.number().int().min(0).max(24 * 60 - 1) }).optional(),
  }),
);

/** The period a report compares with: the same days a week or a month before, else the days just before. */
export function comparedPeriod(kind: ReportKind, p: Period): Period {
  if (kind === 'week') return previousWeek(p);
  if (kind === 'month') return previousMonth(p);
  return previousSpan(p);
}

export async function computePeriodReport(
  db: Executor,
  input: { businessId: number; kind: ReportKind; from: string; to: string; top?: number; clock?: { tz: string; dayStart: number } },
): Promise<PeriodReport> {
  const { businessId, kind, from, to, top = REPORT_TOP, clock } = inputSchema.parse(input);
  const before = comparedPeriod(kind, { from, to });
  const byHour = clock && from === to && before.from === before.to ? clock : undefined;
  const [figures, previous, tops, daily, hours, previousHours] = await Promise.all([
    computePeriodFigures(db, { businessId, from, to }),
    computePeriodFigures(db, { businessId, ...before }),
    computeTopProducts(db, { businessId, from, to, limit: top }),
    computeDailyRevenue(db, { businessId, from, to }),
    byHour ? computeHourlyRevenue(db, { businessId, date: from, ...byHour }) : undefined,
    byHour ? computeHourlyRevenue(db, { businessId, date: before.from, ...byHour }) : undefined,
  ]);
  const report: PeriodReport = { kind, figures, previous, topByRevenue: tops.byRevenue, daily };
  if (byHour && hours && previousHours) report.hourly = { hours, previousHours, dayStart: byHour.dayStart };
  return report;
}
