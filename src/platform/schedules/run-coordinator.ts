import { sql } from 'drizzle-orm';
import type { RunCoordinator } from 'node-cron';
import type { Executor } from '../db/client.js';
import { queryRows } from '../db/rows.js';

/**
 * Exactly-once scheduled work across any number of instances, on the `schedule_runs` table: a
 * row per (job, slot), and whoever inserts it first runs that slot. Nothing process-local.
 */

/**
 * Claims (job, slot) for good inside the caller's transaction: true for the one caller whose
 * insert made the row, false for everyone else, now or later. Put the work in the same
 * transaction, and the claim and the work commit (or vanish) together.
 */
export async function claimSlot(tx: Executor, claim: { job: string; slot: string; claimedBy: string }): Promise<boolean> {
  const rows = await queryRows(
    tx,
    sql`insert into schedule_runs (job, slot, claimed_by, claimed_at, finished_at)
        values (${claim.job}, ${claim.slot}, ${claim.claimedBy}, now(), now())
        on conflict (job, slot) do nothing
        returning job`,
  );
  return rows.length > 0;
}

/** node-cron's RunCoordinator, whose answer here is always a promise (a query). */
interface ClaimRowCoordinator extends RunCoordinator {
  shouldRun(key: string, ttlMs: number): Promise<boolean>;
}

/**
 * node-cron 4's RunCoordinator (for `distributed: true` tasks): node-cron asks with the key
 * `<task name>:<slot ISO time>`, and only the instance that claims the row runs that tick.
 * A claim is a lease of `ttlMs`: if its holder neither finishes nor comes back within it (the
 * process died mid-run), a later ask may take the slot over; a finished slot never runs again.
 */
export function createRunCoordinator(db: Executor, options: { instanceId: string }): ClaimRowCoordinator {
  return {
    async shouldRun(key: string, ttlMs: number): Promise<boolean> {
      const { job, slot } = splitKey(key);
      const leaseMs = Math.max(0, Math.floor(ttlMs));
      const rows = await queryRows(
        db,
        sql`insert into schedule_runs (job, slot, claimed_by, claimed_at)
            values (${job}, ${slot}, ${options.instanceId}, now())
            on conflict (job, slot) do update
              set claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at
              where schedule_runs.finished_at is null
                and schedule_runs.claimed_at < now() - ${leaseMs} * interval '1 millisecond'
            returning job`,
      );
      return rows.length > 0;
    },
    async onComplete(key: string): Promise<void> {
      const { job, slot } = splitKey(key);
      await db.execute(
        sql`update schedule_runs set finished_at = now()
            where job = ${job} and slot = ${slot} and claimed_by = ${options.instanceId} and finished_at is null`,
      );
    },
  };
}

/** node-cron's key is `<name>:<ISO time>`; the name (ours, without colons) is the job. */
export function splitKey(key: string): { job: string; slot: string } {
  const at = key.indexOf(':');
  if (at <= 0 || at === key.length - 1) throw new Error(`run coordinator: unexpected key ${JSON.stringify(key)}`);
  return { job: key.slice(0, at), slot: key.slice(at + 1) };
}

/**
 * Forgets finished claims of a job older than `olderThanMs` by the database's clock (the one
 * that wrote them); they only ever grow otherwise.
 */
export async function pruneScheduleRuns(db: Executor, input: { job: string; olderThanMs: number }): Promise<void> {
  const ms = Math.max(0, Math.floor(input.olderThanMs));
  await db.execute(
    sql`delete from schedule_runs
        where job = ${input.job} and finished_at is not null and claimed_at < now() - ${ms} * interval '1 millisecond'`,
  );
}
