import cron, { type Logger as CronLogger, type ScheduledTask } from 'node-cron';
import type { Database } from '../db/client.js';
import type { Logger } from '../observability/logger.js';
import { businessDateOf } from '../time/business-time.js';
import { firstRunOfDay } from './cron-day.js';
import { createRunCoordinator, pruneScheduleRuns } from './run-coordinator.js';

/**
 * A daily-or-rarer job that must happen once per business and slot whatever the number of
 * instances (the daily summary, the weekly digest): a node-cron task on `expression` in the
 * business's zone, each tick coordinated across instances by a claim row (job `tickJob`), the
 * work itself claiming per business (job `claimJob`) in `run`. A tick's business day is the one
 * its moment belongs to (BUSINESS_DAY_START: a tick at 01:30 with days starting 04:00 is the
 * closing day's). A run that failed (the database away) is retried the same business day; at
 * start, if today's first scheduled moment has passed (the service was down then), today's run
 * happens now. Runs of one process never overlap.
 */
export interface ClaimedScheduleOptions {
  db: Database;
  tz: string;
  /** BUSINESS_DAY_START in minutes after local midnight (default 0). */
  dayStart?: number;
  expression: string;
  /** node-cron's task name, and the job of its tick claims in schedule_runs. */
  tickJob: string;
  /** The job of the per-business claims `run` writes (pruned with the tick's). */
  claimJob: string;
  /**
   * Does the work for the business day `date`, whose scheduled moment was `scheduledAt`;
   * resolves with what to log (or nothing: nothing was due).
   */
  run: (date: string, scheduledAt: Date) => Promise<Record<string, unknown> | undefined>;
  /** What it is called in the log: "daily summary" → "daily summary run failed; will retry". */
  label: string;
  /** The log line of a run that did something. */
  message: string;
  logger: Logger;
  instanceId: string;
  now?: () => Date;
  retryMs?: number;
  tickLeaseMs?: number;
  keepClaimsMs: number;
  catchUp?: boolean;
}

export interface ClaimedSchedule {
  /** Settles when the start-up catch-up has run (or found nothing to catch up). */
  ready: Promise<void>;
  stop(): Promise<void>;
}

export function startClaimedSchedule(options: ClaimedScheduleOptions): ClaimedSchedule {
  const { tz, logger } = options;
  const dayStart = options.dayStart ?? 0;
  const businessDay = (instant: Date) => businessDateOf(instant, tz, dayStart);
  const now = options.now ?? (() => new Date());
  const retryMs = options.retryMs ?? 60_000;
  let stopped = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let chain: Promise<void> = Promise.resolve();

  const scheduleRetry = (date: string, scheduledAt: Date) => {
    if (stopped || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (!stopped && businessDay(now()) === date) void runFor(date, scheduledAt, 'retry');
    }, retryMs);
    retryTimer.unref();
  };

  const runOnce = async (date: string, scheduledAt: Date, reason: string): Promise<void> => {
    if (stopped) return;
    try {
      const done = await options.run(date, scheduledAt);
      if (done) logger.info({ date, reason, ...done }, options.message);
      else logger.debug({ date, reason }, `no ${options.label} due`);
    } catch (err) {
      logger.error({ err, date, reason }, `${options.label} run failed; will retry`);
      scheduleRetry(date, scheduledAt);
      return;
    }
    try {
      await pruneScheduleRuns(options.db, { job: options.tickJob, olderThanMs: options.keepClaimsMs });
      await pruneScheduleRuns(options.db, { job: options.claimJob, olderThanMs: options.keepClaimsMs });
    } catch (err) {
      logger.warn({ err }, 'could not prune old schedule claims');
    }
  };

  const runFor = (date: string, scheduledAt: Date, reason: string): Promise<void> => {
    chain = chain.then(() => runOnce(date, scheduledAt, reason));
    return chain;
  };

  const task: ScheduledTask = cron.schedule(options.expression, (ctx) => runFor(businessDay(ctx.date), ctx.date, 'scheduled'), {
    name: options.tickJob,
    timezone: tz,
    distributed: true,
    runCoordinator: createRunCoordinator(options.db, { instanceId: options.instanceId }),
    distributedLease: options.tickLeaseMs ?? 10 * 60_000,
    noOverlap: true,
    logger: cronLogger(logger),
  });
  task.on('execution:skipped', (ctx) => {
    // The database did not answer node-cron's claim: this tick did not run anywhere we know of.
    if (ctx.reason === 'coordinator-error') scheduleRetry(businessDay(ctx.date), ctx.date);
  });

  const catchUp = async () => {
    if (options.catchUp === false) return;
    const at = now();
    const today = businessDay(at);
    const due = firstRunOfDay(options.expression, today, tz, dayStart);
    if (due && due.getTime() <= at.getTime()) await runFor(today, due, 'catch-up');
  };
  const ready = catchUp().catch((err: unknown) => logger.error({ err }, `${options.label} catch-up failed`));

  return {
    ready,
    async stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = undefined;
      await task.destroy();
      await ready;
      await chain;
    },
  };
}

/** node-cron's own messages into our log. */
function cronLogger(logger: Logger): CronLogger {
  const withErr = (message: string | Error, err?: Error) =>
    message instanceof Error ? ([{ err: message }, 'node-cron error'] as const) : ([{ err }, message] as const);
  return {
    info: (message) => logger.info(message),
    warn: (message) => logger.warn(message),
    error: (message, err) => logger.error(...withErr(message, err)),
    debug: (message, err) => logger.debug(...withErr(message, err)),
  };
}
