import type { Metrics } from '../../platform/observability/metrics.js';
import type { LookSchedule } from '../../platform/schedules/scheduler.js';
import { runDeskWatch } from './desk-watch.js';

export interface DeskWatchScheduleDeps {
  config: { businessTz: string };
  metrics: Pick<Metrics, 'watchdogAlerts'>;
  /** Called after alerts were written to the outbox (wakes this process's delivery worker). */
  onOutboxWritten?: () => void;
  /** How often to look (default every minute; tests: every second). */
  tickCron?: string;
}

/**
 * The "cash desk went quiet" watch (desk-watch.ts) every minute. Every instance looks; the
 * watch's conditional claims make each alert go once. A look that fails is simply the next
 * minute's to do. Looks of one process never overlap.
 */
export function deskWatchSchedule(deps: DeskWatchScheduleDeps): LookSchedule {
  return {
    kind: 'look',
    name: 'desk-watch-tick',
    ...(deps.tickCron ? { tickCron: deps.tickCron } : {}),
    component: 'desk-watch',
    label: 'desk watch',
    look: async ({ db, now, logger }) => {
      const run = await runDeskWatch(db, { now: now(), tz: deps.config.businessTz });
      // Counted once committed: each announcement's transaction has ended by now.
      if (run.quiet > 0) deps.metrics.watchdogAlerts.inc({ kind: 'desk_quiet' }, run.quiet);
      if (run.sellingAgain > 0) deps.metrics.watchdogAlerts.inc({ kind: 'desk_selling_again' }, run.sellingAgain);
      if (run.jobs > 0) deps.onOutboxWritten?.();
      if (run.quiet > 0 || run.sellingAgain > 0) logger.info({ ...run }, 'desk watch announced');
      else if (run.profiles > 0) logger.debug({ profiles: run.profiles }, 'desk profiles learned');
    },
  };
}
