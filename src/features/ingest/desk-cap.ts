import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { queryRows } from '../../platform/db/rows.js';
import { notifyOwners } from '../shops/index.js';

/** schedule_runs' job for the one notice per business and limit (the slot: `<business id>:<limit>`). */
export const DESK_CAP_NOTICE_JOB = 'cash-desk-cap-notice';

/**
 * A check from a new cash desk was refused: the shop has `cap` cash desks already. Tells the
 * owner once per business and limit, however many checks are refused, on any instance and after
 * restarts: the first caller claims the notice in schedule_runs (the exactly-once claims table)
 * in the caller's transaction, so the claim and the notice commit together. Answers how many
 * owner chats were told (0 when told before).
 */
export async function tellDeskCapOnce(tx: Executor, input: { businessId: number; cap: number; numFiscal: string }): Promise<number> {
  const claimed = await queryRows(
    tx,
    sql`insert into schedule_runs (job, slot, claimed_by, finished_at)
        values (${DESK_CAP_NOTICE_JOB}, ${`${input.businessId}:${input.cap}`}, 'ingest', now())
        on conflict do nothing
        returning slot`,
  );
  if (claimed.length === 0) return 0;
  return notifyOwners(tx, input.businessId, { key: 'cash_desk_cap', args: { cap: input.cap, numFiscal: input.numFiscal } });
}
