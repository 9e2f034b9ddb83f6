import cron, { type ScheduledTask } from 'node-cron';
import type { Database } from '../db/client.js';
import type { Logger } from '../observability/logger.js';
import { businessToday } from '../reports/period.js';
import { firstRunOfDay } from './cron-day.js';
import { createRunCoordinator, pruneScheduleRuns } from './run-coordinator.js';
import { runWeeklyDigest, WEEKLY_DIGEST_JOB } from './weekly-digest.js';

/** node-cron's task name, and so the job of its tick claims in schedule_runs. */
export const DIGEST_TICK_JOB = 'weekly-digest-tick';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface WeeklyDigestScheduleDeps {
  db: Database;
  businessTz: string;
  /** WEEKLY_DIGEST_CRON. */
  expression: string;
  logger: Logger;
  instanceId: string;
  onOutboxWritten?: () => void;
  now?: () => Date;
  retryMs?: number;
  tickLeaseMs?: number;
  keepClaimsMs?: number;
  catchUp?: boolean;
}

/**
 * The weekly digest on its cron in BUSINESS_TZ, as the daily summary runs (scheduler.ts): a
 * coordinated node-cron tick, a claim row per business and week written with its outbox jobs,
 * a retry the same business day when the database failed, and at start a catch-up of today's
 * run if its moment has passed (the service was down then).
 */
export function startWeeklyDigest(deps: WeeklyDigestScheduleDeps): { ready: Promise<void>; stop(): Promise<void> } {
  const tz = deps.businessTz;
  const now = deps.now ?? (() => new Date());
  const retryMs = deps.retryMs ?? 60_000;
  const logger = deps.logger.child({ component: 'weekly-digest' });
  let stopped = false;
  let retryTimer: NodeJS.Timeout | undefined;
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
      const run = await runWeeklyDigest(deps.db, { date, claimedBy: deps.instanceId, now: now() });
      if (run.jobs > 0) deps.onOutboxWritten?.();
      if (run.businesses > 0) logger.info({ from: run.from, to: run.to, reason, businesses: run.businesses, jobs: run.jobs }, 'weekly digests enqueued');
    } catch (err) {
      logger.error({ err, date, reason }, 'weekly digest run failed; will retry');
      scheduleRetry(date);
      return;
    }
    try {
      const olderThanMs = deps.keepClaimsMs ?? 30 * DAY_MS;
      await pruneScheduleRuns(deps.db, { job: DIGEST_TICK_JOB, olderThanMs });
      await pruneScheduleRuns(deps.db, { job: WEEKLY_DIGEST_JOB, olderThanMs });
    } catch (err) {
      logger.warn({ err }, 'could not prune old schedule claims');
    }
  };

  const runFor = (date: string, reason: string): Promise<void> => {
    chain = chain.then(() => runOnce(date, reason));
    return chain;
  };

  const task: ScheduledTask = cron.schedule(deps.expression, (ctx) => runFor(businessToday(ctx.date, tz), 'scheduled'), {
    name: DIGEST_TICK_JOB,
    timezone: tz,
    distributed: true,
    runCoordinator: createRunCoordinator(deps.db, { instanceId: deps.instanceId }),
    distributedLease: deps.tickLeaseMs ?? 10 * 60_000,
    noOverlap: true,
  });
  task.on('execution:skipped', (ctx) => {
    if (ctx.reason === 'coordinator-error') scheduleRetry(businessToday(ctx.date, tz));
  });

  const catchUp = async () => {
    if (deps.catchUp === false) return;
    const at = now();
    const today = businessToday(at, tz);
    const due = firstRunOfDay(deps.expression, today, tz);
    if (due && due.getTime() <= at.getTime()) await runFor(today, 'catch-up');
  };
  const ready = catchUp().catch((err: unknown) => logger.error({ err }, 'weekly digest catch-up failed'));

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
