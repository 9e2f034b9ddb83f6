import type { Config } from '../../platform/config/config.js';
import type { DailySchedule } from '../../platform/schedules/scheduler.js';
import { localDateOf } from '../../platform/time/business-time.js';
import { runWeeklyDigest, WEEKLY_DIGEST_JOB } from './weekly-digest.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface WeeklyDigestScheduleDeps {
  config: Pick<Config, 'businessTz' | 'weeklyDigestCron'> & Partial<Pick<Config, 'businessDayStart'>>;
  /** Called after digests were written to the outbox (wakes this process's delivery worker). */
  onOutboxWritten?: () => void;
}

/**
 * The weekly digest on WEEKLY_DIGEST_CRON in BUSINESS_TZ, once per business and week as the daily
 * summary is (runWeeklyDigest claims each). It covers the seven business days before the
 * calendar date it fires on: fired on Monday (at 09:00, or at 02:00 with days starting 04:00),
 * Monday to Sunday (Sunday closing then).
 */
export function weeklyDigestSchedule(deps: WeeklyDigestScheduleDeps): DailySchedule {
  return {
    kind: 'daily',
    name: 'weekly-digest-tick',
    expression: deps.config.weeklyDigestCron,
    dayStart: deps.config.businessDayStart ?? 0,
    claimJob: WEEKLY_DIGEST_JOB,
    keepClaimsMs: 30 * DAY_MS,
    component: 'weekly-digest',
    label: 'weekly digest',
    message: 'weekly digests enqueued',
    run: async ({ db, instanceId, now }, _date, scheduledAt) => {
      const run = await runWeeklyDigest(db, { date: localDateOf(scheduledAt, deps.config.businessTz), claimedBy: instanceId, now: now() });
      if (run.jobs > 0) deps.onOutboxWritten?.();
      return run.businesses > 0 ? { from: run.from, to: run.to, businesses: run.businesses, jobs: run.jobs } : undefined;
    },
  };
}
