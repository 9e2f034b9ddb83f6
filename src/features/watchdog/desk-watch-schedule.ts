import type { Database } from '../../platform/db/client.js';
import type { Logger } from '../../platform/observability/logger.js';
import type { Metrics } from '../../platform/observability/metrics.js';
import { runDeskWatch } from './desk-watch.js';
import { startMinuteLook, type MinuteLook } from '../../platform/schedules/minute-look.js';

export interface DeskWatchScheduleDeps {
  db: Database;
  config: { businessTz: string };
  logger: Logger;
  metrics: Pick<Metrics, 'watchdogAlerts'>;
  /** Called after alerts were written to the outbox (wakes this process's delivery worker). */
  onOutboxWritten?: () => void;
  /** The watch's clock (tests). */
  now?: () => Date;
  /** How often to look (default every minute; tests: every second). */
  tickCron?: string;
}

export type DeskWatchSchedule = MinuteLook;

/**
 * The "cash desk went quiet" watch (features/watchdog/desk-watch.ts) every minute. Every instance looks;
 * the watch's conditional claims make each alert go once. A look that fails is simply the next
 * minute's to do. Looks of one process never overlap.
 */
export function startDeskWatchSchedule(deps: DeskWatchScheduleDeps): DeskWatchSchedule {
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger.child({ component: 'desk-watch' });
  const look = async (): Promise<void> => {
    try {
      const run = await runDeskWatch(deps.db, { now: now(), tz: deps.config.businessTz });
      // Counted once committed: each announcement's transaction has ended by now.
      if (run.quiet > 0) deps.metrics.watchdogAlerts.inc({ kind: 'desk_quiet' }, run.quiet);
      if (run.sellingAgain > 0) deps.metrics.watchdogAlerts.inc({ kind: 'desk_selling_again' }, run.sellingAgain);
      if (run.jobs > 0) deps.onOutboxWritten?.();
      if (run.quiet > 0 || run.sellingAgain > 0) logger.info({ ...run }, 'desk watch announced');
      else if (run.profiles > 0) logger.debug({ profiles: run.profiles }, 'desk profiles learned');
    } catch (err) {
      logger.error({ err }, 'desk watch look failed; trying again at the next tick');
    }
  };
  return startMinuteLook({ name: 'desk-watch-tick', tz: deps.config.businessTz, ...(deps.tickCron ? { tickCron: deps.tickCron } : {}), look });
}
