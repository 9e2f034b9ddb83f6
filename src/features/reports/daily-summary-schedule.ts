import type { Config } from '../../platform/config/config.js';
import type { Metrics } from '../../platform/observability/metrics.js';
import type { DailySchedule } from '../../platform/schedules/scheduler.js';
import { DAILY_SUMMARY_JOB, runDailySummary } from './daily-summary.js';

/** node-cron's task name, and so the job of its tick claims in schedule_runs. */
export const SUMMARY_TICK_JOB = 'daily-summary-tick';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface DailySummaryScheduleDeps {
  config: Pick<Config, 'dailySummaryCron'> & Partial<Pick<Config, 'businessDayStart'>>;
  metrics: Pick<Metrics, 'summariesSent'>;
  /** Called after summaries were written to the outbox (wakes this process's delivery worker). */
  onOutboxWritten?: () => void;
  /** How long claim rows are kept, by the database's clock (a summary claim only matters on its day). */
  keepClaimsMs?: number;
}

/**
 * The daily Z summary on DAILY_SUMMARY_CRON in BUSINESS_TZ, each business's summary of the day
 * claimed with its outbox jobs (runDailySummary): once per business per day whatever the number
 * of instances, ticks, retries or restarts. The tick's business day is the day its scheduled
 * moment falls in (BUSINESS_DAY_START: with days starting at 04:00, a summary at 01:30 on the
 * 28th is the 27th's, the day that is closing). At start, if today's first scheduled moment has
 * passed, today's summaries that nobody sent go out (the service was down then).
 */
export function dailySummarySchedule(deps: DailySummaryScheduleDeps): DailySchedule {
  return {
    kind: 'daily',
    name: SUMMARY_TICK_JOB,
    expression: deps.config.dailySummaryCron,
    dayStart: deps.config.businessDayStart ?? 0,
    claimJob: DAILY_SUMMARY_JOB,
    keepClaimsMs: deps.keepClaimsMs ?? 7 * DAY_MS,
    component: 'daily-summary',
    label: 'daily summary',
    message: 'daily summaries enqueued',
    run: async ({ db, instanceId, now }, date) => {
      const run = await runDailySummary(db, { date, claimedBy: instanceId, now: now() });
      if (run.jobs > 0) deps.onOutboxWritten?.();
      if (run.businesses === 0) return undefined;
      deps.metrics.summariesSent.inc(run.businesses);
      return { businesses: run.businesses, jobs: run.jobs };
    },
  };
}
