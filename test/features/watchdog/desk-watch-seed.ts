import { sql } from 'drizzle-orm';
import type { Database } from '../../../src/platform/db/client.js';
import { queryRows } from '../../../src/platform/db/rows.js';
import { localToInstant } from '../../../src/platform/time/business-time.js';
import { localHourOf } from '../../../src/platform/time/hours.js';

export const KYIV = 'Europe/Kyiv';
export const MIN = 60_000;
export const local = (date: string, time: string): Date => localToInstant(date, time, KYIV)!;

/** Instants every `step` minutes of real time from `from` (inclusive) to `to` (exclusive), within local hours [open, close). */
export function tradingTimes(from: Date, to: Date, open: number, close: number, step: number): Date[] {
  const out: Date[] = [];
  for (let t = from.getTime(); t < to.getTime(); t += step * MIN) {
    const { hour } = localHourOf(new Date(t), KYIV);
    if (hour >= open && hour < close) out.push(new Date(t));
  }
  return out;
}

let seq = 0;
/**
 * History for the watch without going through the webhook a thousand times: checks of a cash
 * desk (made if new) at the given instants, in one statement. Answers the desk's id.
 */
export async function seedChecks(db: Database, businessId: number, numFiscal: string, times: Date[]): Promise<number> {
  const rows = JSON.stringify(
    times.map((t) => ({ uuid: `seed-${process.pid}-${++seq}`, at: t.toISOString(), date: localHourOf(t, KYIV).date })),
  );
  const [desk] = await queryRows<{ id: unknown }>(
    db,
    sql`with desk as (
          insert into cash_desks (business_id, num_fiscal) values (${businessId}, ${numFiscal})
          on conflict (business_id, num_fiscal) do update set num_fiscal = excluded.num_fiscal
          returning id
        ), ins as (
          insert into checks (business_id, cash_desk_id, uuid, check_type, kind, ordered_at, business_date, total_kop, raw)
          select ${businessId}, desk.id, x.uuid, 'Z_SALE', 'sale', x.at, x.date, 1000, '{}'::jsonb
            from desk, jsonb_to_recordset(${rows}::jsonb) as x(uuid text, at timestamptz, date date)
          returning 1
        )
        select id, (select count(*) from ins) as n from desk`,
  );
  return Number(desk!.id);
}
