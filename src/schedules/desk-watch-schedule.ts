import cron, { type ScheduledTask } from 'node-cron';
import type { Database } from '../db/client.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { runDeskWatch } from '../alerts/desk-watch.js';

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

export interface DeskWatchSchedule {
  /** Settles when the first look (at start) is done. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * The "cash desk went quiet" watch (alerts/desk-watch.ts) every minute. Every instance looks;
 * the watch's conditional claims make each alert go once. A look that fails is simply the next
 * minute's to do. Looks of one process never overlap.
 */
export function startDeskWatchSchedule(deps: DeskWatchScheduleDeps): DeskWatchSchedule {
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger.child({ component: 'desk-watch' });
  let stopped = false;
  let chain: Promise<void> = Promise.resolve();

  const look = async (): Promise<void> => {
    if (stopped) return;
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
  const queue = (): Promise<void> => {
    chain = chain.then(look);
    return chain;
  };

  const task: ScheduledTask = cron.schedule(deps.tickCron ?? '* * * * *', () => queue(), {
    name: 'desk-watch-tick',
    timezone: deps.config.businessTz,
    noOverlap: true,
  });
  const ready = queue();

  return {
    ready,
    async stop() {
      stopped = true;
      await task.destroy();
      await chain;
    },
  };
}
