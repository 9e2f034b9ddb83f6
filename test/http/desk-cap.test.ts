import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/databases.js';
import { createBusiness, postCheck, startTestApp, type TestApp } from '../support/app.js';
import { variant } from '../support/fixtures.js';
import { cashDesks, checks, outbox, rejectedPayloads } from '../../src/platform/db/schema.js';
import type { Business } from '../../src/features/shops/businesses.js';
import { loadConfig } from '../../src/platform/config/config.js';

/**
 * A shop's cash desks are capped (MAX_CASH_DESKS_PER_SHOP, here 3): a check from a new fiscal
 * number beyond them is refused with 422 naming the reason, its body kept as any 422's, and the
 * owner is told once, whatever the number of refused checks, instances and restarts.
 */
const CAP = 3;

describe.each(databaseKinds)('the cash desk limit per shop on %s', (kind) => {
  let database: TestDatabase;
  let app: TestApp;
  let seq = 0;
  const check = (desk: string) => variant('sale-cash', `cap-${kind}-${++seq}`, (c) => (c.num_fiscal = desk));
  const startApp = () => startTestApp(database, { config: { maxBodyBytes: 10 * 1024 * 1024, businessTz: 'Europe/Kyiv', maxCashDesksPerShop: CAP } });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
    await database?.destroy();
  });

  const noticesOf = (shop: Business) =>
    database.db.select().from(outbox).where(and(eq(outbox.businessId, shop.id), eq(outbox.kind, 'notice')));

  it('the check of a desk beyond the limit: 422 naming it, body kept, the owner told once; known desks go on', async () => {
    const shop = await createBusiness(database);
    for (const desk of ['D1', 'D2', 'D3']) expect((await postCheck(app.url, shop.webhookToken, check(desk))).status).toBe(200);

    const refused = check('D4');
    const res = await postCheck(app.url, shop.webhookToken, refused);
    expect(res.status).toBe(422);
    const answer = (await res.json()) as { ok: boolean; error: string; fields: string[] };
    expect(answer.ok).toBe(false);
    expect(answer.error).toBe('too many cash desks');
    expect(answer.fields[0]).toContain(`limit of ${CAP} cash desks`);
    expect(answer.fields[0]).toContain('MAX_CASH_DESKS_PER_SHOP');
    const kept = await database.db.select().from(rejectedPayloads).where(eq(rejectedPayloads.businessId, shop.id));
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ status: 422 });
    expect(JSON.parse(kept[0]!.body.toString('utf8'))).toMatchObject({ uuid: refused.uuid, num_fiscal: 'D4' });
    expect(await database.db.select().from(checks).where(eq(checks.uuid, refused.uuid))).toHaveLength(0);

    // More refusals, the same again, another new desk, and from another instance (a restart too): no more notices.
    expect((await postCheck(app.url, shop.webhookToken, refused)).status).toBe(422);
    expect((await postCheck(app.url, shop.webhookToken, check('D5'))).status).toBe(422);
    const other = await startApp();
    try {
      expect((await postCheck(other.url, shop.webhookToken, check('D6'))).status).toBe(422);
    } finally {
      await other.close();
    }
    const notices = await noticesOf(shop);
    expect(notices.map((n) => n.payload)).toEqual([{ key: 'cash_desk_cap', args: { cap: CAP, numFiscal: 'D4' } }]);
    expect(notices[0]!.chatId).toBe(shop.ownerUserId);
    expect(await database.db.select().from(rejectedPayloads).where(eq(rejectedPayloads.businessId, shop.id))).toHaveLength(4);

    // The known desks are taken as always; the shop still has 3 desks; another shop is not limited by this one.
    expect((await postCheck(app.url, shop.webhookToken, check('D2'))).status).toBe(200);
    expect(await database.db.select().from(cashDesks).where(eq(cashDesks.businessId, shop.id))).toHaveLength(CAP);
    const neighbour = await createBusiness(database);
    expect((await postCheck(app.url, neighbour.webhookToken, check('D4'))).status).toBe(200);
  });

  it('new desks in one batch fill the limit and the rest are refused', async () => {
    const shop = await createBusiness(database);
    const statuses = await Promise.all(['B1', 'B2', 'B3', 'B4', 'B5'].map(async (d) => (await postCheck(app.url, shop.webhookToken, check(d))).status));
    expect(statuses.filter((s) => s === 200)).toHaveLength(CAP);
    expect(statuses.filter((s) => s === 422)).toHaveLength(2);
    expect(await database.db.select().from(cashDesks).where(eq(cashDesks.businessId, shop.id))).toHaveLength(CAP);
    expect((await noticesOf(shop)).filter((n) => (n.payload as { key: string }).key === 'cash_desk_cap')).toHaveLength(1);
  });
});

describe('MAX_CASH_DESKS_PER_SHOP', () => {
  const env = { BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ' };
  it('is 200 unless set, a positive whole number when set', () => {
    expect(loadConfig(env).maxCashDesksPerShop).toBe(200);
    expect(loadConfig({ ...env, MAX_CASH_DESKS_PER_SHOP: '500' }).maxCashDesksPerShop).toBe(500);
    expect(() => loadConfig({ ...env, MAX_CASH_DESKS_PER_SHOP: '0' })).toThrow(/MAX_CASH_DESKS_PER_SHOP/);
  });
});
