import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from '../config/config.js';
import type { Database } from '../db/client.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { DAILY_SUMMARY_JOB, runDailySummary } from '../../features/reports/daily-summary.js';
import { runWeeklyDigest, WEEKLY_DIGEST_JOB } from '../../features/reports/weekly-digest.js';
import { startClaimedSchedule } from './claimed-schedule.js';
import { localDateOf } from '../time/business-time.js';

/** node-cron's task name, and so the job of its tick claims in schedule_runs. */
export const SUMMARY_TICK_JOB = 'daily-summary-tick';
/** The weekly digest's tick job. */
const DIGEST_TICK_JOB = 'weekly-digest-tick';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ScheduleDeps {
  db: Database;
  /** With weeklyDigestCron, the weekly digest runs too. */
  config: Pick<Config, 'businessTz' | 'dailySummaryCron'> & Partial<Pick<Config, 'weeklyDigestCron' | 'businessDayStart'>>;
  logger: Logger;
  metrics: Pick<Metrics, 'summariesSent'>;
  /** Called after summaries were written to the outbox (wakes this process's delivery worker). */
  onOutboxWritten?: () => void;
  /** The clock of the start-up catch-up and of retries (tests). */
  now?: () => Date;
  /** Who claims, in schedule_runs; unique per running instance. */
  instanceId?: string;
  /** After a run that failed (database down), try again this much later, the same business day only. */
  retryMs?: number;
  /** How long a tick's claim holds before another instance may take over a run that never finished. */
  tickLeaseMs?: number;
  /** How long claim rows are kept, by the database's clock (a summary claim only matters on its day). */
  keepClaimsMs?: number;
  /** Send today's due summaries at start when today's scheduled moment has passed (default true). */
  catchUp?: boolean;
}

export interface Schedules {
  /** Settles when the start-up catch-up has run (or found nothing to catch up). */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * The daily Z summary on DAILY_SUMMARY_CRON in BUSINESS_TZ. Each tick is one node-cron task
 * coordinated across instances by a claim row (createRunCoordinator), and each business's
 * summary of the day by its own claim row written with its outbox jobs (runDailySummary): once
 * per business per day whatever the number of instances, ticks, retries or restarts. The tick's
 * business day is the day its scheduled moment falls in (BUSINESS_DAY_START: with days starting
 * at 04:00, a summary at 01:30 on the 28th is the 27th's, the day that is closing). At start, if
 * today's first scheduled moment has passed, today's summaries that nobody sent go out (the
 * service was down then).
 */
export function startSchedules(deps: ScheduleDeps): Schedules {
  const tz = deps.config.businessTz;
  const now = deps.now ?? (() => new Date());
  const instanceId = deps.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const common = {
    db: deps.db,
    tz,
    dayStart: deps.config.businessDayStart ?? 0,
    instanceId,
    now,
    ...(deps.retryMs !== undefined ? { retryMs: deps.retryMs } : {}),
    ...(deps.tickLeaseMs !== undefined ? { tickLeaseMs: deps.tickLeaseMs } : {}),
    ...(deps.catchUp !== undefined ? { catchUp: deps.catchUp } : {}),
  };

  const daily = startClaimedSchedule({
    ...common,
    expression: deps.config.dailySummaryCron,
    tickJob: SUMMARY_TICK_JOB,
    claimJob: DAILY_SUMMARY_JOB,
    keepClaimsMs: deps.keepClaimsMs ?? 7 * DAY_MS,
    logger: deps.logger.child({ component: 'schedules' }),
    label: 'daily summary',
    message: 'daily summaries enqueued',
    run: async (date) => {
      const run = await runDailySummary(deps.db, { date, claimedBy: instanceId, now: now() });
      if (run.jobs > 0) deps.onOutboxWritten?.();
      if (run.businesses === 0) return undefined;
      deps.metrics.summariesSent.inc(run.businesses);
      return { businesses: run.businesses, jobs: run.jobs };
    },
  });

  const weekly = deps.config.weeklyDigestCron
    ? startClaimedSchedule({
        ...common,
        expression: deps.config.weeklyDigestCron,
        tickJob: DIGEST_TICK_JOB,
        claimJob: WEEKLY_DIGEST_JOB,
        keepClaimsMs: 30 * DAY_MS,
        logger: deps.logger.child({ component: 'weekly-digest' }),
        label: 'weekly digest',
        message: 'weekly digests enqueued',
        // The seven business days before the calendar date it fires on: fired on Monday (at
        // 09:00, or at 02:00 with days starting 04:00), Monday to Sunday (Sunday closing then).
        run: async (_date, scheduledAt) => {
          const run = await runWeeklyDigest(deps.db, { date: localDateOf(scheduledAt, tz), claimedBy: instanceId, now: now() });
          if (run.jobs > 0) deps.onOutboxWritten?.();
          return run.businesses > 0 ? { from: run.from, to: run.to, businesses: run.businesses, jobs: run.jobs } : undefined;
        },
      })
    : undefined;

  return {
    ready: Promise.all([daily.ready, weekly?.ready]).then(() => undefined),
    async stop() {
      await Promise.all([daily.stop(), weekly?.stop()]);
    },
  };
}
