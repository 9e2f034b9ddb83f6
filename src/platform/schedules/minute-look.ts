import cron, { type ScheduledTask } from 'node-cron';

export interface MinuteLook {
  /** Settles when the first look (at start) is done. */
  ready: Promise<void>;
  /** No more ticks; settles when a look under way has ended. */
  stop(): Promise<void>;
}

/**
 * A look at start and then at every tick of `tickCron` (default every minute, in the business's
 * time zone), for schedules where every instance looks and claim rows in the database make each
 * thing happen once (chat summaries, the desk watch). Looks of one process never overlap: a tick
 * during a look queues the next one behind it. `look` handles its own failures (a failed look is
 * simply the next tick's to do); it is not called after stop().
 */
export function startMinuteLook(options: { name: string; tz: string; tickCron?: string; look: () => Promise<void> }): MinuteLook {
  let stopped = false;
  let chain: Promise<void> = Promise.resolve();
  const queue = (): Promise<void> => {
    chain = chain.then(() => (stopped ? undefined : options.look()));
    return chain;
  };
  const task: ScheduledTask = cron.schedule(options.tickCron ?? '* * * * *', () => queue(), {
    name: options.name,
    timezone: options.tz,
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
