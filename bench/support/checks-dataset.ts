import { sql } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client.js';
import { ensureBusiness, type Business } from '../../src/features/shops/businesses.js';

/**
 * The benchmarks' big dataset: `total` checks over the year that ends on `day` (21:59:59 UTC),
 * nine in ten for one business (two cash desks, two items and one payment a check), one in ten
 * for another business sharing the tables. Business 1's owner is user 1 (private chat 1).
 */
export async function loadYearOfChecks(db: Database, total: number, day: string): Promise<{ business: Business; other: Business; loadSeconds: number }> {
  const { business } = await ensureBusiness(db, { ownerUserId: 1, ownerChatId: 1, chatType: 'private', defaultLowCashKop: 0 });
  // Another business's checks share the table, as they would.
  const { business: other } = await ensureBusiness(db, { ownerUserId: 2, ownerChatId: 2, chatType: 'private', defaultLowCashKop: 0 });
  const loadStarted = Date.now();
  await db.execute(sql`insert into cash_desks (business_id, num_fiscal, cash_in_box_kop, cash_in_box_at)
    values (${business.id}::bigint, '4000000001', 150000, now()), (${business.id}::bigint, '4000000002', 90000, now()), (${other.id}::bigint, '4000000003', 1000, now())`);
  const stepSeconds = (365 * 24 * 3600) / total;
  await db.execute(sql`
    insert into checks (business_id, cash_desk_id, uuid, check_type, kind, order_num, ordered_at, business_date,
                        total_kop, round_kop, cash_kop, cashless_kop, cash_in_box_kop, raw, has_pdf)
    select case when g % 10 = 0 then ${other.id}::bigint else ${business.id}::bigint end,
           (select id from cash_desks where num_fiscal = case when g % 10 = 0 then '4000000003' when g % 2 = 0 then '4000000001' else '4000000002' end),
           'u' || g, case when g % 25 = 0 then 'RETURN' else 'Z_SALE' end, case when g % 25 = 0 then 'return' else 'sale' end,
           'N' || g, t.ts, (t.ts at time zone 'Europe/Kyiv')::date,
           1000 + (g % 997) * 13, case when g % 3 = 0 then -2 else 0 end,
           case when g % 2 = 0 then 1000 + (g % 997) * 13 else 0 end,
           case when g % 2 = 0 then 0 else 1000 + (g % 997) * 13 end,
           100000, '{}'::jsonb, false
    from generate_series(1, ${total}::int) g,
         lateral (select (timestamptz '${sql.raw(day)} 21:59:59+00' - (${total}::int - g) * make_interval(secs => ${stepSeconds}::double precision)) as ts) t`);
  await db.execute(sql`
    insert into check_items (check_id, business_id, position, name, unit_name, amount_milli, price_kop, cost_kop)
    select c.id, c.business_id, p.pos, 'Товар ' || ((c.id * 7 + p.pos) % 200), 'шт', 1000 * (1 + p.pos), c.total_kop / 3, (c.total_kop / 3) * (1 + p.pos)
    from checks c cross join (values (0), (1)) as p(pos)`);
  await db.execute(sql`
    insert into check_payments (check_id, position, code, name, sum_kop, is_cash)
    select id, 0, case when cash_kop > 0 then 0 else 1 end, 'x', total_kop, cash_kop > 0 from checks`);
  await db.execute(sql`analyze`);
  const loadSeconds = Math.round((Date.now() - loadStarted) / 1000);
  return { business, other, loadSeconds };
}
