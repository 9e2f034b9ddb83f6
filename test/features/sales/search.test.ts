import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ensureBusiness, type Business } from '../../../src/features/shops/businesses.js';
import { searchChecks } from '../../../src/features/sales/search.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';

/**
 * The check search's two ways to find a product (the newest checks probed one by one, then the
 * trigram index over every line) give the same answer, whatever the window; keyset pages hold
 * when checks share a time to the microsecond.
 */
describe.each(databaseKinds)('check search (%s)', (kind) => {
  let database: TestDatabase;
  let shop: Business;
  let other: Business;
  const N = 40;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const { db } = database;
    shop = (await ensureBusiness(db, { ownerUserId: 51, ownerChatId: 51, chatType: 'private', defaultLowCashKop: 0 })).business;
    other = (await ensureBusiness(db, { ownerUserId: 52, ownerChatId: 52, chatType: 'private', defaultLowCashKop: 0 })).business;
    await db.execute(sql`insert into cash_desks (business_id, num_fiscal) values (${shop.id}, '1'), (${other.id}, '2')`);
    // 40 checks a minute apart, every fourth pair sharing one instant (to the microsecond);
    // "Кавун" in checks 3, 13, 23, 33, and in every check of the other business.
    await db.execute(sql`
      insert into checks (business_id, cash_desk_id, uuid, kind, order_num, ordered_at, business_date, total_kop, raw)
      select b.id, d.id, b.id || '-' || g, 'sale', 'S' || g,
             timestamptz '2026-11-27 08:00:00.123456+00' + ((g / 2) * 2) * interval '1 minute', '2026-11-27', 100 * g, '{}'::jsonb
      from generate_series(1, ${N}::int) g, businesses b join cash_desks d on d.business_id = b.id`);
    await db.execute(sql`
      insert into check_items (check_id, business_id, position, name, amount_milli, price_kop, cost_kop)
      select c.id, c.business_id, 0, case when c.business_id = ${other.id} or substr(c.order_num, length(c.order_num)) = '3' then 'Кавун херсонський' else 'Хліб ' || c.order_num end,
             1000, c.total_kop, c.total_kop
      from checks c`);
  });
  afterAll(async () => database?.destroy());

  const ids = async (input: Parameters<typeof searchChecks>[1]) => (await searchChecks(database.db, input)).checks.map((c) => c.orderNum);

  it('a product: the same checks, newest first, whether the window holds them or the trigram index finds them', async () => {
    const expected = ['S33', 'S23', 'S13', 'S3'];
    expect(await ids({ businessId: shop.id, q: 'кавун' })).toEqual(expected);
    for (const productWindow of [1, 2, 5, 10]) expect(await ids({ businessId: shop.id, q: 'кавун', productWindow }), String(productWindow)).toEqual(expected);
    // A page of two: the window finds it (window 40) or the index (window 3); the next page after it.
    for (const productWindow of [40, 3]) {
      const first = await searchChecks(database.db, { businessId: shop.id, q: 'кавун', limit: 2, productWindow });
      expect(first.checks.map((c) => c.orderNum)).toEqual(['S33', 'S23']);
      const next = await searchChecks(database.db, { businessId: shop.id, q: 'кавун', limit: 2, productWindow, before: first.nextCursor! });
      expect(next.checks.map((c) => c.orderNum)).toEqual(['S13', 'S3']);
      expect(next.nextCursor).toBeNull();
    }
  });

  it('digits only go to the index directly; amounts and number prefixes are found too', async () => {
    expect(await ids({ businessId: shop.id, q: '1,00' })).toEqual(['S1']);
    expect(await ids({ businessId: shop.id, q: 'S3' })).toEqual(['S39', 'S38', 'S37', 'S36', 'S35', 'S34', 'S33', 'S32', 'S31', 'S30', 'S3']);
    expect(await ids({ businessId: shop.id, q: 'Хліб S1', productWindow: 2 })).toEqual(['S19', 'S18', 'S17', 'S16', 'S15', 'S14', 'S12', 'S11', 'S10', 'S1']);
    // A number-like word goes to the index directly: found in the product names as well.
    await database.db.execute(sql`update check_items set name = 'Кава арт. 4820001' where check_id = (select id from checks where business_id = ${shop.id} and order_num = 'S7')`);
    expect(await ids({ businessId: shop.id, q: '4820001', productWindow: 1000 })).toEqual(['S7']);
    expect(await ids({ businessId: shop.id, q: 'арт.4820001' })).toEqual([]);
    expect(await ids({ businessId: shop.id, q: 'арт. 4820001', productWindow: 1 })).toEqual(['S7']);
  });

  it('pages of 3 walk all 40 checks once, in order, though pairs share an instant', async () => {
    const seen: string[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await searchChecks(database.db, { businessId: shop.id, limit: 3, ...(before ? { before } : {}) });
      seen.push(...page.checks.map((c) => c.orderNum!));
      if (!page.nextCursor) break;
      before = page.nextCursor;
    }
    expect(seen).toHaveLength(N);
    expect(new Set(seen).size).toBe(N);
    const all = (await searchChecks(database.db, { businessId: shop.id, limit: 100 })).checks.map((c) => c.orderNum!);
    expect(seen).toEqual(all);
  });

  it("the other business's checks never appear", async () => {
    const found = await searchChecks(database.db, { businessId: shop.id, q: 'кавун', limit: 100, productWindow: 1 });
    expect(found.checks.every((c) => c.cashDeskId !== undefined && c.orderNum!.startsWith('S'))).toBe(true);
    expect(found.checks).toHaveLength(4);
  });
});
