import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { queryRows } from '../db/rows.js';
import { REJECTED_RETENTION_DAYS } from '../../features/ingest/rejected.js';
import { pruneReceiptPdfs } from '../../features/sales/receipt-retention.js';
import { startClaimedSchedule, type ClaimedSchedule } from './claimed-schedule.js';
import { createRunCoordinator } from './run-coordinator.js';

/**
 * Storage stays bounded: once a day, one instance (claimed in schedule_runs like the daily
 * summary) deletes what nobody needs any more, in batches of BATCH rows per statement so no run
 * holds long locks or builds a huge transaction:
 * - stored receipt PDFs older than RECEIPT_RETENTION_DAYS (receipt-retention.ts);
 * - refused webhook bodies, and their daily counts, after 30 days;
 * - outbox rows sent, merged or dropped more than 14 days ago, dead ones after 90 days (a
 *   pending row, in flight or waiting, is never touched);
 * - invites used or expired more than 30 days ago;
 * - chat_leases rows that are idle: no pending job for the chat, no worker's lease and no send
 *   budget (not_before, a 429's retry_after) in force for an hour. A row is made again by the
 *   next message to the chat (enqueue, the rate limiter, the worker's periodic check). A job
 *   committed in the very moment its chat's idle row is deleted (its transaction not yet
 *   visible here) finds no row; the worker's periodic check (every 5 s) makes it again.
 * Rows locked by someone else are skipped (SKIP LOCKED): they wait for the next night.
 */

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
  invitesDays: 30,
  rejectedDays: REJECTED_RETENTION_DAYS,
  /** A lease row is idle when its lease and its send budget ended at least this long ago. */
  leaseIdleMs: 60 * 60 * 1000,
} as const;

type PrunedTable = 'check_pdfs' | 'rejected_payloads' | 'rejected_payload_days' | 'outbox' | 'invites' | 'chat_leases';
export type Pruned = Record<PrunedTable, number>;

/** Deletes rows chosen by `select` (a query of the key column `key`, in batches) until none is left. */
async function deleteInBatches(db: Database, table: string, key: string, select: SQL): Promise<number> {
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

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();

/** One housekeeping pass; idempotent, safe beside running workers. Answers the rows deleted per table. */
export async function runHousekeeping(db: Database, options: { receiptRetentionDays: number; now?: Date }): Promise<Pruned> {
  const now = options.now ?? new Date();
  const rejectedCutoff = daysBefore(now, RETENTION.rejectedDays);
  const finishedCutoff = daysBefore(now, RETENTION.outboxFinishedDays);
  const deadCutoff = daysBefore(now, RETENTION.outboxDeadDays);
  const invitesCutoff = daysBefore(now, RETENTION.invitesDays);
  const leaseCutoff = new Date(now.getTime() - RETENTION.leaseIdleMs).toISOString();
  const rejectedDayCutoff = rejectedCutoff.slice(0, 10);

  const pruned: Pruned = {
    check_pdfs: await pruneReceiptPdfs(db, options.receiptRetentionDays, now),
    rejected_payloads: await deleteInBatches(
      db,
      'rejected_payloads',
      'id',
      sql`select id from rejected_payloads where received_at < ${rejectedCutoff}::timestamptz`,
    ),
    rejected_payload_days: await deleteInBatches(
      db,
      'rejected_payload_days',
      'ctid',
      sql`select ctid from rejected_payload_days where day < ${rejectedDayCutoff}::date`,
    ),
    outbox: await deleteInBatches(
      db,
      'outbox',
      'id',
      sql`select id from outbox
          where status <> 'pending' and status in ('done', 'merged', 'dropped', 'dead')
            and finished_at < ${finishedCutoff}::timestamptz
            and (status <> 'dead' or finished_at < ${deadCutoff}::timestamptz)`,
    ),
    invites: await deleteInBatches(
      db,
      'invites',
      'code_hash',
      sql`select code_hash from invites
          where (used_at is not null and used_at < ${invitesCutoff}::timestamptz)
             or (used_at is null and expires_at < ${invitesCutoff}::timestamptz)`,
    ),
    chat_leases: await deleteInBatches(
      db,
      'chat_leases',
      'chat_id',
      sql`select l.chat_id from chat_leases l
          where l.lease_until < ${leaseCutoff}::timestamptz
            and (l.not_before is null or l.not_before < ${leaseCutoff}::timestamptz)
            and not exists (select 1 from outbox o where o.chat_id = l.chat_id and o.status = 'pending')`,
    ),
  };
  return pruned;
}

export interface HousekeepingDeps {
  db: Database;
  tz: string;
  receiptRetentionDays: number;
  logger: Logger;
  metrics: Pick<Metrics, 'pruned'>;
  instanceId: string;
  now?: () => Date;
  expression?: string;
  retryMs?: number;
  catchUp?: boolean;
}

/**
 * runHousekeeping on HOUSEKEEPING_CRON in BUSINESS_TZ, by one instance a day: each tick is
 * claimed across instances, and the day's pass by its own claim (a lease: if its holder dies
 * mid-way, a later tick or start-up of any instance takes the day over after it ran out). At
 * start, if today's moment has passed and nobody did today's pass, it runs now.
 */
export function startHousekeeping(deps: HousekeepingDeps): ClaimedSchedule {
  const coordinator = createRunCoordinator(deps.db, { instanceId: deps.instanceId });
  const now = deps.now ?? (() => new Date());
  return startClaimedSchedule({
    db: deps.db,
    tz: deps.tz,
    expression: deps.expression ?? HOUSEKEEPING_CRON,
    tickJob: HOUSEKEEPING_TICK_JOB,
    claimJob: HOUSEKEEPING_JOB,
    keepClaimsMs: 7 * DAY_MS,
    instanceId: deps.instanceId,
    now,
    ...(deps.retryMs !== undefined ? { retryMs: deps.retryMs } : {}),
    ...(deps.catchUp !== undefined ? { catchUp: deps.catchUp } : {}),
    logger: deps.logger.child({ component: 'housekeeping' }),
    label: 'housekeeping',
    message: 'housekeeping pruned old rows',
    run: async (date) => {
      const key = `${HOUSEKEEPING_JOB}:${date}`;
      if (!(await coordinator.shouldRun(key, 30 * 60_000))) return undefined;
      let pruned: Pruned;
      try {
        pruned = await runHousekeeping(deps.db, { receiptRetentionDays: deps.receiptRetentionDays, now: now() });
      } catch (err) {
        // Give the day back, so the retry (here or on another instance) may take it.
        await deps.db
          .execute(
            sql`delete from schedule_runs where job = ${HOUSEKEEPING_JOB} and slot = ${date} and claimed_by = ${deps.instanceId} and finished_at is null`,
          )
          .catch(() => undefined);
        throw err;
      }
      await coordinator.onComplete?.(key);
      for (const [table, n] of Object.entries(pruned)) if (n > 0) deps.metrics.pruned.inc({ table }, n);
      return { ...pruned };
    },
  });
}
