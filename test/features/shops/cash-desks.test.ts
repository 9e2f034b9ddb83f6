import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cashDesks } from '../../../src/platform/db/schema.js';
import { lastCheckTimes, listCashDesks } from '../../../src/features/shops/cash-desks.js';
import { createBusiness } from '../../support/app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';
import { simpleCheck, storeCheck } from '../reports/store-check.js';

describe.each(databaseKinds)('a shop\'s cash desks (%s)', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => database?.destroy());

  it('lists the business\'s own desks by fiscal number byte by byte, with the drawer as last known', async () => {
    const business = await createBusiness(database);
    const other = await createBusiness(database);
    const rows = await database.db
      .insert(cashDesks)
      .values([
        { businessId: business.id, numFiscal: 'a2' },
        { businessId: business.id, numFiscal: '40000002', cashInBoxKop: 12_345 },
        { businessId: business.id, numFiscal: 'B1' },
        { businessId: business.id, numFiscal: '40000001' },
        { businessId: other.id, numFiscal: '40000000' },
      ])
      .returning();
    const idOf = (numFiscal: string) => rows.find((r) => r.businessId === business.id && r.numFiscal === numFiscal)!.id;

    expect(await listCashDesks(database.db, business.id)).toEqual([
      { id: idOf('40000001'), numFiscal: '40000001', cashInBoxKop: null },
      { id: idOf('40000002'), numFiscal: '40000002', cashInBoxKop: 12_345 },
      { id: idOf('B1'), numFiscal: 'B1', cashInBoxKop: null },
      { id: idOf('a2'), numFiscal: 'a2', cashInBoxKop: null },
    ]);
    expect((await listCashDesks(database.db, other.id)).map((d) => d.numFiscal)).toEqual(['40000000']);
    await expect(listCashDesks(database.db, 0)).rejects.toThrow();
  });

  it("answers each desk's newest check by the check's own time, leaving out desks without checks", async () => {
    const business = await createBusiness(database);
    await storeCheck(database.db, business, simpleCheck({ uuid: 'cd-1', date: '01.12.2026', time: '10:00:00', totalUah: '10.00', numFiscal: '1' }));
    // Delivered later, made earlier: not the newest.
    await storeCheck(database.db, business, simpleCheck({ uuid: 'cd-2', date: '01.12.2026', time: '09:00:00', totalUah: '10.00', numFiscal: '1' }));
    await storeCheck(database.db, business, simpleCheck({ uuid: 'cd-3', date: '02.12.2026', time: '08:30:00', totalUah: '10.00', numFiscal: '2' }));
    await database.db.insert(cashDesks).values({ businessId: business.id, numFiscal: '3' });
    const desks = await listCashDesks(database.db, business.id);
    const id = (numFiscal: string) => desks.find((d) => d.numFiscal === numFiscal)!.id;

    const times = await lastCheckTimes(database.db, { businessId: business.id });
    expect(times).toEqual(
      new Map([
        [id('1'), new Date('2026-12-01T08:00:00Z')],
        [id('2'), new Date('2026-12-02T06:30:00Z')],
      ]),
    );
  });
});
