import { z } from 'zod';
import type { JobDefinitions } from '../../platform/outbox/job-renderer.js';
import { findBusinessById, shopName } from '../shops/index.js';
import { computeSummaryFigures } from './figures.js';
import { computeHourlyRevenue } from './series.js';
import { businessDateSchema, periodSchema, weekBefore } from './period.js';
import { computePeriodReport } from './period-report.js';
import { hourlyChartPng } from './charts/sales-charts.js';
import { renderSummary } from './messages/summary.js';
import { renderPeriodReport } from './period-report-photo.js';

/** The reports' outbox jobs: the daily summary (with its chart) and the weekly digest. */

/** Payload of 'daily_summary': the business date summed up. */
export const dailySummaryPayloadSchema = z.object({ date: businessDateSchema });

/** Payload of 'weekly_digest': the week, inclusive. */
const weeklyDigestPayloadSchema = periodSchema;

const dailySummaryJobSchema = z.object({ payload: dailySummaryPayloadSchema });
const weeklyDigestJobSchema = z.object({ payload: weeklyDigestPayloadSchema });

declare module '../../platform/outbox/job-kinds.js' {
  interface JobKinds {
    daily_summary: z.infer<typeof dailySummaryJobSchema>;
    weekly_digest: z.infer<typeof weeklyDigestJobSchema>;
  }
}

export const reportsJobDefinitions: JobDefinitions<'daily_summary' | 'weekly_digest'> = {
  daily_summary: {
    schema: dailySummaryJobSchema,
    async render(job, { db, t, tz, dayStart }) {
      const { date } = job.payload;
      const { businessId } = job;
      const [figures, hours, weekAgoHours, business] = await Promise.all([
        computeSummaryFigures(db, { businessId, date }),
        computeHourlyRevenue(db, { businessId, date, tz, dayStart }),
        computeHourlyRevenue(db, { businessId, date: weekBefore(date), tz, dayStart }),
        findBusinessById(db, businessId),
      ]);
      const chart = hourlyChartPng({ date, hours, weekAgoDate: weekBefore(date), weekAgoHours, dayStart }, t);
      const shop = business ? shopName(business, t) : undefined;
      return { ...renderSummary(figures, t, shop), photo: { bytes: chart, filename: `summary-${date}.png` } };
    },
  },
  weekly_digest: {
    schema: weeklyDigestJobSchema,
    async render(job, { db, t }) {
      const report = await computePeriodReport(db, { businessId: job.businessId, kind: 'week', ...job.payload });
      return renderPeriodReport(report, t, 'digest');
    },
  },
};
