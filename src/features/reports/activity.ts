import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.js';
import { queryRows } from '../../platform/db/rows.js';
import { periodSchema } from './period.js';

/**
 * What the Mini App's dashboard shows beside computePeriodFigures: how many checks of every kind
 * a period has, and when each cash desk sent its newest check (by the check's own time).
 */
const businessId = z.number().int().positive();
const periodInputSchema = periodSchema.and(z.object({ businessId }));

/** Checks of every kind (sales, returns, service, other) in the business days of a period. */
export async function countChecks(db: Executor, input: { businessId: number; from: string; to: string }): Promise<number> {
  const { businessId: id, from, to } = periodInputSchema.parse(input);
  const [row] = await queryRows<{ n: unknown }>(
    db,
    sql`select count(*) as n from checks where business_id = ${id} and business_date between ${from}::date and ${to}::date`,
  );
  return Number(row?.n ?? 0);
}

/** Each cash desk's newest check time (one index probe a desk); desks that never sent one are left out. */
export async function lastCheckTimes(db: Executor, input: { businessId: number }): Promise<Map<number, Date>> {
  const id = businessId.parse(input.businessId);
  const rows = await queryRows<{ id: unknown; last_at: Date | string | null }>(
    db,
    sql`select d.id, (select max(c.ordered_at) from checks c where c.cash_desk_id = d.id) as last_at
        from cash_desks d where d.business_id = ${id}`,
  );
  const result = new Map<number, Date>();
  for (const r of rows) {
    if (r.last_at === null || r.last_at === undefined) continue;
    result.set(Number(r.id), r.last_at instanceof Date ? r.last_at : new Date(r.last_at));
  }
  return result;
}
