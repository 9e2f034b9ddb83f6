import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.js';
import { queryRows } from '../../platform/db/rows.js';

/**
 * A shop's cash desks (its tills), known by their fiscal numbers: the one place that lists them
 * and names them, for the bot's menus, reports and the Mini App alike, always in the same order
 * (the fiscal number byte by byte, then the id). A desk's row is made by ingest when its first
 * check comes; what its thresholds and watchdog columns mean stays with the feature whose rule
 * they are (features/watchdog), and a chat's filter of desks with chat-settings.
 */
export interface CashDesk {
  id: number;
  numFiscal: string;
  /** The drawer now: cash_in_box of the desk's newest check by its own time; null if never sent. */
  cashInBoxKop: number | null;
}

const businessIdSchema = z.number().int().positive();

const num = (value: unknown) => Number(value);

/** The business's cash desks. */
export async function listCashDesks(db: Executor, businessId: number): Promise<CashDesk[]> {
  const id = businessIdSchema.parse(businessId);
  const rows = await queryRows<{ id: unknown; num_fiscal: string; cash_in_box_kop: unknown }>(
    db,
    sql`select id, num_fiscal, cash_in_box_kop from cash_desks where business_id = ${id} order by num_fiscal collate "C", id`,
  );
  return rows.map((r) => ({
    id: num(r.id),
    numFiscal: r.num_fiscal,
    cashInBoxKop: r.cash_in_box_kop === null || r.cash_in_box_kop === undefined ? null : num(r.cash_in_box_kop),
  }));
}

/** Each cash desk's newest check time (one index probe a desk); desks that never sent one are left out. */
export async function lastCheckTimes(db: Executor, input: { businessId: number }): Promise<Map<number, Date>> {
  const id = businessIdSchema.parse(input.businessId);
  const rows = await queryRows<{ id: unknown; last_at: Date | string | null }>(
    db,
    sql`select d.id, (select max(c.ordered_at) from checks c where c.cash_desk_id = d.id) as last_at
        from cash_desks d where d.business_id = ${id}`,
  );
  const result = new Map<number, Date>();
  for (const r of rows) {
    if (r.last_at === null || r.last_at === undefined) continue;
    result.set(num(r.id), r.last_at instanceof Date ? r.last_at : new Date(r.last_at));
  }
  return result;
}
