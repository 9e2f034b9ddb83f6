import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Business } from '../../../src/features/shops/businesses.js';
import { openDatabase } from '../../../src/platform/db/client.js';
import { cashDesks, checks, outbox } from '../../../src/platform/db/schema.js';
import { CLOCK_AHEAD_TOLERANCE_MS, isDatedAhead } from '../../../src/features/watchdog/desk-clock.js';
import { createBusiness } from '../../support/app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';
import { simpleCheck, storeCheck } from '../reports/store-check.js';

/**
 * A wrong clock cannot freeze a cash desk: a check dated more than a day after its arrival is
 * stored (its money is real) but never moves the drawer nor its low/high-cash state, and the
 * owner is told, at most once in 24 hours per cash desk, that the desk's clock looks wrong.
 */

const DESK = '50037129';
const HOUR = 60 * 60 * 1000;
/** When the checks arrive: 2026-11-27 10:00 in Kyiv (UTC+2). */
const ARRIVAL = new Date('2026-11-27T08:00:00.000Z');
const at = (ms: number) => new Date(ARRIVAL.getTime() + ms);

let seq = 0;
const check = (date: string, time: string, cash: string, numFiscal = DESK) =>
  simpleCheck({ uuid: `clock-${++seq}`, date, time, totalUah: '10', numFiscal, cashInBox: cash });

describe('isDatedAhead', () => {
  it('is more than a day after arrival, not a day exactly', () => {
    expect(isDatedAhead(at(CLOCK_AHEAD_TOLERANCE_MS), ARRIVAL)).toBe(false);
    expect(isDatedAhead(at(CLOCK_AHEAD_TOLERANCE_MS + 1000), ARRIVAL)).toBe(true);
    expect(isDatedAhead(at(-365 * 24 * HOUR), ARRIVAL)).toBe(false);
  });
});

describe.each(databaseKinds)('a wrong clock on %s', (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.destroy();
  });

  const desk = async (business: Business, numFiscal = DESK) =>
    (await database.db.select().from(cashDesks).where(and(eq(cashDesks.businessId, business.id), eq(cashDesks.numFiscal, numFiscal))))[0]!;
  const jobs = async (business: Business) =>
    database.db
      .select({ chatId: outbox.chatId, kind: outbox.kind, payload: outbox.payload })
      .from(outbox)
      .where(and(eq(outbox.businessId, business.id), inArray(outbox.kind, ['low_cash', 'high_cash', 'notice'])))
      .orderBy(asc(outbox.id));

  it('a check dated 2099 is stored on its own day but neither moves the drawer nor raises a cash alert; the next real check does', async () => {
    const shop = await createBusiness(database, { defaultLowCashKop: 100_000 });
    await storeCheck(database.db, shop, check('2026-11-27', '09:59:00', '1500'), ARRIVAL);

    const future = check('2099-01-01', '12:00:00', '50');
    // Its sale alert and the notice, both to the owner.
    expect(await storeCheck(database.db, shop, future, at(HOUR))).toMatchObject({ status: 'stored', jobs: 2 });
    const [stored] = await database.db.select().from(checks).where(and(eq(checks.businessId, shop.id), eq(checks.uuid, future.uuid as string)));
    expect(stored).toMatchObject({ businessDate: '2099-01-01', totalKop: 1000, cashInBoxKop: 5000 });
    expect(await desk(shop)).toMatchObject({ cashInBoxKop: 150_000, cashInBoxAt: new Date('2026-11-27T07:59:00.000Z'), lowCashAlerted: false });

    // The drawer is not frozen: a check of now moves it and crosses the threshold.
    await storeCheck(database.db, shop, check('2026-11-27', '12:00:00', '900'), at(2 * HOUR));
    expect(await desk(shop)).toMatchObject({ cashInBoxKop: 90_000, lowCashAlerted: true });

    expect(await jobs(shop)).toEqual([
      {
        chatId: shop.ownerUserId,
        kind: 'notice',
        payload: {
          key: 'desk_clock_wrong',
          args: { numFiscal: DESK, orderedAt: '2099-01-01T10:00:00.000Z', receivedAt: at(HOUR).toISOString() },
        },
      },
      { chatId: shop.ownerUserId, kind: 'low_cash', payload: { cashDeskId: (await desk(shop)).id, cashKop: 90_000 } },
    ]);
  });

  it('up to a day ahead is a clock a little off, not wrong: the drawer follows it and nobody is told', async () => {
    const shop = await createBusiness(database);
    // 10:00 arrival, dated 09:59 the next day: 23 h 59 min ahead.
    await storeCheck(database.db, shop, check('2026-11-28', '09:59:00', '700'), ARRIVAL);
    expect(await desk(shop)).toMatchObject({ cashInBoxKop: 70_000 });
    expect(await jobs(shop)).toEqual([]);
  });

  it('the owner is told once in 24 hours per cash desk, whatever the number of such checks', async () => {
    const shop = await createBusiness(database);
    for (let i = 0; i < 3; i++) await storeCheck(database.db, shop, check('2099-01-01', `12:0${i}:00`, '50'), at(i * HOUR));
    await storeCheck(database.db, shop, check('2099-01-01', '13:00:00', '50', '50037130'), at(3 * HOUR));
    // 23 hours after the first notice: still quiet; 24 hours after it: told again.
    await storeCheck(database.db, shop, check('2099-01-02', '12:00:00', '50'), at(23 * HOUR));
    await storeCheck(database.db, shop, check('2099-01-02', '13:00:00', '50'), at(24 * HOUR));
    const notices = (await jobs(shop)).map((j) => (j.payload as { args: { numFiscal: string; receivedAt: string } }).args);
    expect(notices.map((n) => [n.numFiscal, n.receivedAt])).toEqual([
      [DESK, ARRIVAL.toISOString()],
      ['50037130', at(3 * HOUR).toISOString()],
      [DESK, at(24 * HOUR).toISOString()],
    ]);
    expect(await database.db.select().from(checks).where(eq(checks.businessId, shop.id))).toHaveLength(6);
  });

  it('ten such checks of one desk at once tell the owner once (two instances on PostgreSQL)', async () => {
    const shop = await createBusiness(database);
    const second = kind === 'postgres' ? await openDatabase({ databaseUrl: database.url, maxConnections: 5 }) : database;
    try {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          storeCheck((i % 2 ? second : database).db, shop, check('2099-01-01', `12:00:${String(i).padStart(2, '0')}`, '50'), ARRIVAL),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(10).fill('stored'));
    } finally {
      if (second !== database) await second.close();
    }
    expect((await jobs(shop)).filter((j) => j.kind === 'notice')).toHaveLength(1);
  });

  it('a drawer already frozen by a check dated far ahead thaws with the next real check', async () => {
    const shop = await createBusiness(database, { defaultLowCashKop: 100_000 });
    await storeCheck(database.db, shop, check('2026-11-27', '09:00:00', '1500'), ARRIVAL);
    // What a 2099 check left before such checks were kept out of the drawer.
    await database.db
      .update(cashDesks)
      .set({ cashInBoxKop: 5_000, cashInBoxAt: new Date('2099-01-01T10:00:00.000Z'), lowCashAlerted: true })
      .where(eq(cashDesks.businessId, shop.id));
    await storeCheck(database.db, shop, check('2026-11-27', '11:00:00', '1200'), at(HOUR));
    expect(await desk(shop)).toMatchObject({ cashInBoxKop: 120_000, cashInBoxAt: new Date('2026-11-27T09:00:00.000Z'), lowCashAlerted: false });
    await storeCheck(database.db, shop, check('2026-11-27', '11:30:00', '800'), at(2 * HOUR));
    expect(await desk(shop)).toMatchObject({ cashInBoxKop: 80_000, lowCashAlerted: true });
    expect((await jobs(shop)).map((j) => j.kind)).toEqual(['low_cash']);
  });

  it('an older check that arrived long ago (replayed) does not pass a real figure for one dated ahead', async () => {
    const shop = await createBusiness(database);
    await storeCheck(database.db, shop, check('2026-11-27', '09:00:00', '1500'), ARRIVAL);
    const weekAgo = new Date(ARRIVAL.getTime() - 7 * 24 * HOUR);
    await storeCheck(database.db, shop, check('2026-11-20', '10:00:00', '300'), weekAgo);
    expect(await desk(shop)).toMatchObject({ cashInBoxKop: 150_000 });
  });
});
