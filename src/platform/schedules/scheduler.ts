import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database } from '../db/client.js';
import type { Logger } from '../observability/logger.js';
import { startClaimedSchedule } from './claimed-schedule.js';
import { startMinuteLook } from './minute-look.js';

/**
 * The clock of the service: each feature defines its schedules (what to run, on which cron)
 * and the wiring hands them all to startSchedules, which runs each with the claims of
 * schedule_runs, so whatever the number of instances each thing happens once.
 */

/** What a schedule's work gets when it runs. */
export interface ScheduleContext {
  db: Database;
  /** Who claims, in schedule_runs; unique per running instance. */
  instanceId: string;
  /** The schedules' clock (tests set it). */
  now: () => Date;
  /** The log, as the schedule's component. */
  logger: Logger;
}

/**
 * Work done once per day (or more rarely) on one instance: a node-cron task on `expression` in
 * the business's zone, each tick claimed across instances, the work itself claiming what it does
 * (claimed-schedule.ts). A run that failed is retried the same day; at start, a run whose moment
 * passed today while the service was down happens now.
 */
export interface DailySchedule {
  kind: 'daily';
  /** node-cron's task name, and the job of its tick claims in schedule_runs. */
  name: string;
  expression: string;
  /** BUSINESS_DAY_START in minutes after local midnight, for work by business day (default 0: calendar days). */
  dayStart?: number;
  /** The job of the claims `run` writes (pruned with the ticks' after `keepClaimsMs`). */
  claimJob: string;
  keepClaimsMs: number;
  /** Its log component. */
  component: string;
  /** What it is called in the log: "daily summary" → "daily summary run failed; will retry". */
  label: string;
  /** The log line of a run that did something. */
  message: string;
  /** The work of the day `date`, whose scheduled moment was `scheduledAt`; what to log, or nothing when nothing was due. */
  run(context: ScheduleContext, date: string, scheduledAt: Date): Promise<Record<string, unknown> | undefined>;
}

/**
 * A look at start and at every tick of `tickCron` (default every minute) on every instance, claim
 * rows in the database making each thing happen once (minute-look.ts). A look that fails is
 * simply the next tick's to do.
 */
export interface LookSchedule {
  kind: 'look';
  /** node-cron's task name. */
  name: string;
  tickCron?: string;
  /** Its log component. */
  component: string;
  /** What it is called in the log: "desk watch" → "desk watch look failed; trying again at the next tick". */
  label: string;
  look(context: ScheduleContext): Promise<void>;
}

export type ScheduleDefinition = DailySchedule | LookSchedule;

export interface ScheduleDeps {
  db: Database;
  /** BUSINESS_TZ: the crons' time zone. */
  tz: string;
  logger: Logger;
  /** Who claims, in schedule_runs; unique per running instance. */
  instanceId?: string;
  /** The clock of the runs, the start-up catch-up and the retries (tests). */
  now?: () => Date;
  /** After a daily run that failed (database down), try again this much later, the same day only. */
  retryMs?: number;
  /** How long a tick's claim holds before another instance may take over a run that never finished. */
  tickLeaseMs?: number;
  /** Run today's daily work at start when today's moment has passed (default true). */
  catchUp?: boolean;
}

export interface Schedules {
  /** Settles when every start-up catch-up and first look has run. */
  ready: Promise<void>;
  /** No more ticks; settles when the runs under way have ended. */
  stop(): Promise<void>;
}

/** Starts every schedule defined; one stop for them all. */
export function startSchedules(definitions: readonly ScheduleDefinition[], deps: ScheduleDeps): Schedules {
  const now = deps.now ?? (() => new Date());
  const instanceId = deps.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const started = definitions.map((definition) => {
    const logger = deps.logger.child({ component: definition.component });
    const context: ScheduleContext = { db: deps.db, instanceId, now, logger };
    if (definition.kind === 'look') {
      return startMinuteLook({
        name: definition.name,
        tz: deps.tz,
        ...(definition.tickCron ? { tickCron: definition.tickCron } : {}),
        look: async () => {
          try {
            await definition.look(context);
          } catch (err) {
            logger.error({ err }, `${definition.label} look failed; trying again at the next tick`);
          }
        },
      });
    }
    return startClaimedSchedule({
      db: deps.db,
      tz: deps.tz,
      dayStart: definition.dayStart ?? 0,
      expression: definition.expression,
      tickJob: definition.name,
      claimJob: definition.claimJob,
      keepClaimsMs: definition.keepClaimsMs,
      instanceId,
      now,
      ...(deps.retryMs !== undefined ? { retryMs: deps.retryMs } : {}),
      ...(deps.tickLeaseMs !== undefined ? { tickLeaseMs: deps.tickLeaseMs } : {}),
      ...(deps.catchUp !== undefined ? { catchUp: deps.catchUp } : {}),
      logger,
      label: definition.label,
      message: definition.message,
      run: (date, scheduledAt) => definition.run(context, date, scheduledAt),
    });
  });
  return {
    ready: Promise.all(started.map((s) => s.ready)).then(() => undefined),
    async stop() {
      await Promise.all(started.map((s) => s.stop()));
    },
  };
}
