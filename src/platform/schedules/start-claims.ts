import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { scheduleRuns } from '../db/schema.js';

/**
 * Work done once across all instances and restarts, not on a clock (a start-up pass): a claim row
 * in `schedule_runs` per (job, slot). Whoever inserts it does the work and then finishes the
 * claim, or releases it when the work should be tried again at the next start.
 */
export interface StartClaim {
  job: string;
  slot: string;
}

/** True for the one caller whose insert made the row; false when it is already there (done, or being done). */
export async function claimStartWork(db: Executor, claim: StartClaim & { claimedBy: string }): Promise<boolean> {
  const rows = await db.insert(scheduleRuns).values(claim).onConflictDoNothing().returning({ job: scheduleRuns.job });
  return rows.length > 0;
}

/** Gives the claim up: the next start claims it again. */
export async function releaseStartWork(db: Executor, claim: StartClaim): Promise<void> {
  await db.delete(scheduleRuns).where(and(eq(scheduleRuns.job, claim.job), eq(scheduleRuns.slot, claim.slot)));
}

/** Marks the claimed work done. */
export async function finishStartWork(db: Executor, claim: StartClaim): Promise<void> {
  await db
    .update(scheduleRuns)
    .set({ finishedAt: new Date() })
    .where(and(eq(scheduleRuns.job, claim.job), eq(scheduleRuns.slot, claim.slot)));
}
