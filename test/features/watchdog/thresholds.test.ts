import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { cashDesks } from '../../../src/platform/db/schema.js';
import { effectiveThreshold, listThresholds, setThreshold } from '../../../src/features/watchdog/thresholds.js';
import { createBusiness } from '../../support/app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';

describe.each(databaseKinds)('cash thresholds (%s)', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => database?.destroy());

  it('all desks follow the default; one desk may have its own; changing re-arms the alert', async () => {
    const business = await createBusiness(database, { defaultLowCashKop: 10_000 });
    const other = await createBusiness(database);
    const [d1] = await database.db.insert(cashDesks).values({ businessId: business.id, numFiscal: '1', lowCashAlerted: true, cashInBoxKop: 500 }).returning();
    await database.db.insert(cashDesks).values({ businessId: business.id, numFiscal: '2' });
    const [foreign] = await database.db.insert(cashDesks).values({ businessId: other.id, numFiscal: '9' }).returning();

    expect(await listThresholds(database.db, business.id, 'low')).toEqual({
      kind: 'low',
      defaultKop: 10_000,
      desks: [
        { cashDeskId: d1!.id, numFiscal: '1', ownKop: null, cashInBoxKop: 500 },
        expect.objectContaining({ numFiscal: '2', ownKop: null, cashInBoxKop: null }),
      ],
    });
    expect(await setThreshold(database.db, { businessId: business.id, kind: 'low', numFiscal: '2', kop: 300 })).toBe('ok');
    expect(await setThreshold(database.db, { businessId: business.id, kind: 'low', numFiscal: '9', kop: 300 })).toBe('desk_not_found');
    expect(await effectiveThreshold(database.db, business.id, d1!.id, 'low')).toEqual({ numFiscal: '1', thresholdKop: 10_000 });
    expect(await effectiveThreshold(database.db, business.id, foreign!.id, 'low')).toBeUndefined();

    expect(await setThreshold(database.db, { businessId: business.id, kind: 'low', kop: 20_000 })).toBe('ok');
    const desks = await database.db.select().from(cashDesks).where(eq(cashDesks.businessId, business.id));
    expect(desks.map((d) => [d.lowCashKop, d.lowCashAlerted])).toEqual([
      [null, false],
      [null, false],
    ]);
    expect((await listThresholds(database.db, business.id, 'low')).defaultKop).toBe(20_000);

    expect(await setThreshold(database.db, { businessId: business.id, kind: 'high', numFiscal: '1', kop: 99 })).toBe('ok');
    const [high] = await database.db.select().from(cashDesks).where(and(eq(cashDesks.businessId, business.id), eq(cashDesks.numFiscal, '1')));
    expect(high!.highCashKop).toBe(99);
    expect(high!.lowCashKop).toBeNull();
    expect((await listThresholds(database.db, other.id, 'high')).desks.map((d) => d.numFiscal)).toEqual(['9']);
  });
});
