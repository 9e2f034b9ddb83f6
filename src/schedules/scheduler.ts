import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import cron, { type Logger as CronLogger, type ScheduledTask } from 'node-cron';
import type { Config } from '../config/config.js';
import type { Database } from '../db/client.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { businessToday } from '../reports/period.js';
import { firstRunOfDay } from './cron-day.js';
import { DAILY_SUMMARY_JOB, runDailySummary } from './daily-summary.js';
import { createRunCoordinator, pruneScheduleRuns } from './run-coordinator.js';
import { startWeeklyDigest } from './weekly-scheduler.js';

/** node-cron's task name, and so the job of its tick claims in schedule_runs. */
export const SUMMARY_TICK_JOB = 'daily-summary-tick';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ScheduleDeps {
  db: Database;
  /** With weeklyDigestCron, the weekly digest runs too (weekly-scheduler.ts). */
  config: Pick<Config, 'businessTz' | 'dailySummaryCron'> & Partial<Pick<Config, 'weeklyDigestCron'>>;
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
 * business day is the day its scheduled moment falls on. At start, if today's first scheduled
 * moment has passed, today's summaries that nobody sent go out (the service was down then).
 */
export function startSchedules(deps: ScheduleDeps): Schedules {
  const tz = deps.config.businessTz;
  const expression = deps.config.dailySummaryCron;
  const now = deps.now ?? (() => new Date());
  const instanceId = deps.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const retryMs = deps.retryMs ?? 60_000;
  const keepClaimsMs = deps.keepClaimsMs ?? 7 * DAY_MS;
  const logger = deps.logger.child({ component: 'schedules' });

  let stopped = false;
  let retryTimer: NodeJS.Timeout | undefined;
  /** Runs of this process one after another: a tick never overlaps a retry or the catch-up. */
  let chain: Promise<void> = Promise.resolve();

  const scheduleRetry = (date: string) => {
    if (stopped || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (!stopped && businessToday(now(), tz) === date) void runFor(date, 'retry');
    }, retryMs);
    retryTimer.unref();
  };

  const runOnce = async (date: string, reason: string): Promise<void> => {
    if (stopped) return;
    try {
      const run = await runDailySummary(deps.db, { date, claimedBy: instanceId, now: now() });
      if (run.jobs > 0) deps.onOutboxWritten?.();
      if (run.businesses > 0) {
        deps.metrics.summariesSent.inc(run.businesses);
        logger.info({ date, reason, businesses: run.businesses, jobs: run.jobs }, 'daily summaries enqueued');
      } else {
        logger.debug({ date, reason }, 'no daily summary due');
      }
    } catch (err) {
      logger.error({ err, date, reason }, 'daily summary run failed; will retry');
      scheduleRetry(date);
      return;
    }
    try {
      await pruneScheduleRuns(deps.db, { job: SUMMARY_TICK_JOB, olderThanMs: keepClaimsMs });
      await pruneScheduleRuns(deps.db, { job: DAILY_SUMMARY_JOB, olderThanMs: keepClaimsMs });
    } catch (err) {
      logger.warn({ err }, 'could not prune old schedule claims');
    }
  };

  const runFor = (date: string, reason: string): Promise<void> => {
    chain = chain.then(() => runOnce(date, reason));
    return chain;
  };

  const task: ScheduledTask = cron.schedule(expression, (ctx) => runFor(businessToday(ctx.date, tz), 'scheduled'), {
    name: SUMMARY_TICK_JOB,
    timezone: tz,
    distributed: true,
    runCoordinator: createRunCoordinator(deps.db, { instanceId }),
    distributedLease: deps.tickLeaseMs ?? 10 * 60_000,
    noOverlap: true,
    logger: cronLogger(logger),
  });
  task.on('execution:skipped', (ctx) => {
    // The database did not answer node-cron's claim: this tick did not run anywhere we know of.
    if (ctx.reason === 'coordinator-error') scheduleRetry(businessToday(ctx.date, tz));
  });

  const catchUp = async () => {
    if (deps.catchUp === false) return;
    const at = now();
    const today = businessToday(at, tz);
    const due = firstRunOfDay(expression, today, tz);
    if (due && due.getTime() <= at.getTime()) await runFor(today, 'catch-up');
  };
  const summaryReady = catchUp().catch((err: unknown) => logger.error({ err }, 'daily summary catch-up failed'));

  const weekly = deps.config.weeklyDigestCron
    ? startWeeklyDigest({
        db: deps.db,
        businessTz: tz,
        expression: deps.config.weeklyDigestCron,
        logger: deps.logger,
        instanceId,
        onOutboxWritten: deps.onOutboxWritten,
        now,
        retryMs,
        tickLeaseMs: deps.tickLeaseMs,
        catchUp: deps.catchUp,
      })
    : undefined;
  const ready = Promise.all([summaryReady, weekly?.ready]).then(() => undefined);

  return {
    ready,
    async stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = undefined;
      await task.destroy();
      await weekly?.stop();
      await ready;
      await chain;
    },
  };
}

/** node-cron's own messages into our log. */
function cronLogger(logger: Logger): CronLogger {
  const withErr = (message: string | Error, err?: Error) =>
    message instanceof Error ? [{ err: message }, 'node-cron error'] as const : [{ err }, message] as const;
  return {
    info: (message) => logger.info(message),
    warn: (message) => logger.warn(message),
    error: (message, err) => logger.error(...withErr(message, err)),
    debug: (message, err) => logger.debug(...withErr(message, err)),
  };
}
