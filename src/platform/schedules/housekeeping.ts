import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import type { Metrics } from '../observability/metrics.js';
import { queryRows } from '../db/rows.js';
import { createRunCoordinator } from './run-coordinator.js';
import type { DailySchedule } from './scheduler.js';

/**
 * Storage stays bounded: once a day, one instance (claimed in schedule_runs like the daily
 * summary) deletes what nobody needs any more. Each feature gives the pruning of its own tables
 * (a PruneTask: its stored receipt PDFs, refused webhook bodies, used invites…); the outbox's are
 * here: rows sent, merged or dropped more than 14 days ago, dead ones after 90 days (a pending
 * row, in flight or waiting, is never touched), and chat_leases rows that are idle: no pending
 * job for the chat, no worker's lease and no send budget (not_before, a 429's retry_after) in
 * force for an hour. A lease row is made again by the next message to the chat (enqueue, the
 * rate limiter, the worker's periodic check). A job committed in the very moment its chat's idle
 * row is deleted (its transaction not yet visible here) finds no row; the worker's periodic
 * check (every 5 s) makes it again.
 * Tasks delete in batches of BATCH rows per statement (deleteInBatches) so no run holds long
 * locks or builds a huge transaction; rows locked by someone else are skipped (SKIP LOCKED):
 * they wait for the next night.
 */

/** One table's pruning: deletes its rows that nobody needs any more as of `now`; answers how many. */
export interface PruneTask {
  /** The table (the `table` label of housekeeping_pruned_rows_total). */
  table: string;
  prune(db: Database, now: Date): Promise<number>;
}

/** Daily, at a quiet hour of the business day (the time the receipt retention always ran). */
const HOUSEKEEPING_CRON = '30 3 * * *';
const HOUSEKEEPING_TICK_JOB = 'housekeeping-tick';
/** The job of the one claim per day that lets one instance do the day's pruning. */
export const HOUSEKEEPING_JOB = 'housekeeping';
/** Rows deleted per statement. */
const BATCH = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const RETENTION = {
  outboxFinishedDays: 14,
  outboxDeadDays: 90,
  /** A lease row is idle when its lease and its send budget ended at least this long ago. */
  leaseIdleMs: 60 * 60 * 1000,
} as const;

export type Pruned = Record<string, number>;

/** Deletes rows of `table` chosen by `select` (a query of the key column `key`, in batches) until none is left. */
export async function deleteInBatches(db: Database, table: string, key: string, select: SQL): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await queryRows<{ n: unknown }>(
      db,
      sql`with gone as (
            delete from ${sql.identifier(table)} where ${sql.identifier(key)} in (${select} limit ${BATCH} for update skip locked)
            returning 1
          ) select count(*) as n from gone`,
    );
    const n = Number(rows[0]?.n ?? 0);
    total += n;
    if (n < BATCH) return total;
  }
}

/** The instant `days` days before `now`, as ISO text for a timestamptz parameter. */
export const daysBefore = (now: Date, days: number): string => new Date(now.getTime() - days * DAY_MS).toISOString();

/** The outbox's own pruning. */
const OUTBOX_TASKS: readonly PruneTask[] = [
  {
    table: 'outbox',
    prune: (db, now) =>
      deleteInBatches(
        db,
        'outbox',
        'id',
        sql`select id from outbox
            where status <> 'pending' and status in ('done', 'merged', 'dropped', 'dead')
              and finished_at < ${daysBefore(now, RETENTION.outboxFinishedDays)}::timestamptz
              and (status <> 'dead' or finished_at < ${daysBefore(now, RETENTION.outboxDeadDays)}::timestamptz)`,
      ),
  },
  {
    table: 'chat_leases',
    prune: (db, now) => {
      const leaseCutoff = new Date(now.getTime() - RETENTION.leaseIdleMs).toISOString();
      return deleteInBatches(
        db,
        'chat_leases',
        'chat_id',
        sql`select l.chat_id from chat_leases l
            where l.lease_until < ${leaseCutoff}::timestamptz
              and (l.not_before is null or l.not_before < ${leaseCutoff}::timestamptz)
              and not exists (select 1 from outbox o where o.chat_id = l.chat_id and o.status = 'pending')`,
      );
    },
  },
];

/**
 * One housekeeping pass: the features' tasks in their order, then the outbox's; idempotent, safe
 * beside running workers. Answers the rows deleted per table.
 */
export async function runHousekeeping(db: Database, options: { tasks: readonly PruneTask[]; now?: Date }): Promise<Pruned> {
  const now = options.now ?? new Date();
  const pruned: Pruned = {};
  for (const task of [...options.tasks, ...OUTBOX_TASKS]) pruned[task.table] = (pruned[task.table] ?? 0) + (await task.prune(db, now));
  return pruned;
}

export interface HousekeepingDeps {
  /** The features' pruning. */
  tasks: readonly PruneTask[];
  metrics: Pick<Metrics, 'pruned'>;
  expression?: string;
}

/**
 * runHousekeeping on HOUSEKEEPING_CRON in BUSINESS_TZ, by one instance a day: each tick is
 * claimed across instances, and the day's pass by its own claim (a lease: if its holder dies
 * mid-way, a later tick or start-up of any instance takes the day over after it ran out). At
 * start, if today's moment has passed and nobody did today's pass, it runs now.
 */
export function housekeepingSchedule(deps: HousekeepingDeps): DailySchedule {
  return {
    kind: 'daily',
    name: HOUSEKEEPING_TICK_JOB,
    expression: deps.expression ?? HOUSEKEEPING_CRON,
    claimJob: HOUSEKEEPING_JOB,
    keepClaimsMs: 7 * DAY_MS,
    component: 'housekeeping',
    label: 'housekeeping',
    message: 'housekeeping pruned old rows',
    run: async ({ db, instanceId, now }, date) => {
      const coordinator = createRunCoordinator(db, { instanceId });
      const key = `${HOUSEKEEPING_JOB}:${date}`;
      if (!(await coordinator.shouldRun(key, 30 * 60_000))) return undefined;
      let pruned: Pruned;
      try {
        pruned = await runHousekeeping(db, { tasks: deps.tasks, now: now() });
      } catch (err) {
        // Give the day back, so the retry (here or on another instance) may take it.
        await db
          .execute(sql`delete from schedule_runs where job = ${HOUSEKEEPING_JOB} and slot = ${date} and claimed_by = ${instanceId} and finished_at is null`)
          .catch(() => undefined);
        throw err;
      }
      await coordinator.onComplete?.(key);
      for (const [table, n] of Object.entries(pruned)) if (n > 0) deps.metrics.pruned.inc({ table }, n);
      return { ...pruned };
    },
  };
}
