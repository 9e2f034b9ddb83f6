import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Business } from '../../../src/features/shops/businesses.js';
import { findBusinessById } from '../../../src/features/shops/businesses.js';
import { openDatabase, type Database, type DatabaseHandle } from '../../../src/platform/db/client.js';
import { cashDesks, chats, outbox } from '../../../src/platform/db/schema.js';
import { createBusiness } from '../../support/app.js';
import { createTestDatabase, databaseKinds, type DatabaseKind, type TestDatabase } from '../../support/databases.js';
import { simpleCheck, storeCheck } from '../reports/store-check.js';

/**
 * Low- and high-cash alerts through the real ingest transaction: one alert per crossing, to
 * every active chat (muted ones too), the state in the database so that restarts and parallel
 * webhooks neither repeat nor lose one.
 */

const DESK = '50037129';
/** A muted member group and a chat that blocked the bot, per business. */
const memberChat = (businessId: number) => -100_777_000_000 - businessId * 2;
const goneChat = (businessId: number) => -100_777_000_001 - businessId * 2;

/** A database that can be closed and opened again like a restarted service. */
interface Reopenable {
  open(): Promise<DatabaseHandle>;
  destroy(): Promise<void>;
}

async function reopenable(kind: DatabaseKind): Promise<Reopenable> {
  const base: TestDatabase = await createTestDatabase(kind);
  return { open: () => openDatabase({ databaseUrl: base.url, maxConnections: 8 }), destroy: () => base.destroy() };
}

async function cashAlerts(db: Database, businessId: number) {
  const rows = await db
    .select({ chatId: outbox.chatId, kind: outbox.kind, payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.businessId, businessId), inArray(outbox.kind, ['low_cash', 'high_cash'])))
    .orderBy(asc(outbox.id));
  return rows;
}

/** The alerts as (kind, cash) once per crossing, checking they went to exactly the live chats. */
async function crossings(db: Database, business: Business): Promise<Array<[string, number]>> {
  const rows = await cashAlerts(db, business.id);
  const out: Array<[string, number]> = [];
  for (let i = 0; i < rows.length; i += 2) {
    const pair = rows.slice(i, i + 2);
    expect(pair.map((r) => r.chatId).sort((a, b) => a - b)).toEqual([memberChat(business.id), business.ownerUserId].sort((a, b) => a - b));
    expect(pair[0]!.kind).toBe(pair[1]!.kind);
    expect(pair[0]!.payload).toEqual(pair[1]!.payload);
    out.push([pair[0]!.kind, (pair[0]!.payload as { cashKop: number }).cashKop]);
  }
  return out;
}

async function addChats(db: Database, businessId: number) {
  await db.insert(chats).values([
    // A muted group still gets cash alerts; a chat that blocked the bot gets nothing.
    { chatId: memberChat(businessId), businessId, type: 'supergroup', role: 'member', muted: true },
    { chatId: goneChat(businessId), businessId, type: 'private', role: 'member', active: false },
  ]);
}

let seq = 0;
/** A check of `DESK` at a given minute of 2026-11-27 with a drawer of `cash` UAH. */
const drawer = (minute: number, cash: string, extra: Partial<Parameters<typeof simpleCheck>[0]> = {}) =>
  simpleCheck({
    uuid: `cash-${++seq}`,
    date: '2026-11-27',
    time: `${String(8 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00`,
    totalUah: '10',
    numFiscal: DESK,
    cashInBox: cash,
    ...extra,
  });

describe.each(databaseKinds)('cash crossings on %s', (kind) => {
  let shared: TestDatabase;
  let handle: DatabaseHandle | undefined;

  beforeAll(async () => {
    shared = await createTestDatabase(kind);
    handle = shared;
  });
  afterAll(async () => {
    await shared?.destroy();
  });

  it('low cash: down, repeated, up, down again — one alert per crossing', async () => {
    const business = await createBusiness(handle!, { defaultLowCashKop: 100_000 });
    await addChats(handle!.db, business.id);
    const amounts = ['1500', '900', '800', '999.99', '1000', '999.99', '2000', '500', '499.50'];
    for (const [i, cash] of amounts.entries()) await storeCheck(handle!.db, business, drawer(i, cash));
    expect(await crossings(handle!.db, business)).toEqual([
      ['low_cash', 90_000],
      ['low_cash', 99_999],
      ['low_cash', 50_000],
    ]);
    const [desk] = await handle!.db.select().from(cashDesks).where(eq(cashDesks.businessId, business.id));
    expect(desk).toMatchObject({ cashInBoxKop: 49_950, lowCashAlerted: true, highCashAlerted: false });
    const alert = (await cashAlerts(handle!.db, business.id))[0]!;
    expect(alert.payload).toEqual({ cashDeskId: desk!.id, cashKop: 90_000 });
  });

  it('high cash: above, repeated, at the limit re-arms, above again', async () => {
    const business = await createBusiness(handle!);
    await addChats(handle!.db, business.id);
    await storeCheck(handle!.db, business, drawer(0, '100'));
    // What /highcash 50037129 5000 writes.
    await handle!.db.update(cashDesks).set({ highCashKop: 500_000 }).where(eq(cashDesks.businessId, business.id));
    for (const [i, cash] of ['5000', '5000.01', '7000', '5000', '4000', '5200'].entries()) {
      await storeCheck(handle!.db, business, drawer(i + 1, cash));
    }
    expect(await crossings(handle!.db, business)).toEqual([
      ['high_cash', 500_001],
      ['high_cash', 520_000],
    ]);
  });

  it('a late offline check with an older time raises nothing and leaves the drawer; a duplicate changes nothing', async () => {
    const business = await createBusiness(handle!, { defaultLowCashKop: 100_000 });
    await addChats(handle!.db, business.id);
    await storeCheck(handle!.db, business, drawer(30, '1500'));
    // Made at 08:10, delivered after the 08:30 one: its 200 UAH is not the drawer now.
    await storeCheck(handle!.db, business, drawer(10, '200', { uuid: 'offline-old' }));
    expect(await crossings(handle!.db, business)).toEqual([]);
    const below = drawer(40, '300');
    await storeCheck(handle!.db, business, below);
    expect((await storeCheck(handle!.db, business, below)).status).toBe('duplicate');
    expect(await crossings(handle!.db, business)).toEqual([['low_cash', 30_000]]);
    const [desk] = await handle!.db.select().from(cashDesks).where(eq(cashDesks.businessId, business.id));
    expect(desk!.cashInBoxKop).toBe(30_000);
  });

  it('after a restart the state is still there: no repeat while low, an alert after re-arming', async () => {
    const store = await reopenable(kind);
    let db = await store.open();
    try {
      const business = await createBusiness(db, { defaultLowCashKop: 100_000 });
      await addChats(db.db, business.id);
      await storeCheck(db.db, business, drawer(0, '900'));
      expect(await crossings(db.db, business)).toEqual([['low_cash', 90_000]]);

      await db.close();
      db = await store.open();
      const again = (await findBusinessById(db.db, business.id))!;
      await storeCheck(db.db, again, drawer(1, '800'));
      expect(await crossings(db.db, again)).toEqual([['low_cash', 90_000]]);
      await storeCheck(db.db, again, drawer(2, '1200'));

      await db.close();
      db = await store.open();
      await storeCheck(db.db, again, drawer(3, '700'));
      expect(await crossings(db.db, again)).toEqual([
        ['low_cash', 90_000],
        ['low_cash', 70_000],
      ]);
    } finally {
      await db.close();
      await store.destroy();
    }
  });

  it('parallel webhooks of one desk on two instances crossing together alert once', async () => {
    const business = await createBusiness(handle!, { defaultLowCashKop: 100_000 });
    await addChats(handle!.db, business.id);
    await storeCheck(handle!.db, business, drawer(0, '5000'));
    // Ten checks below the threshold at once, from two instances' connection pools on PostgreSQL.
    const second = kind === 'postgres' ? await openDatabase({ databaseUrl: shared.url, maxConnections: 5 }) : handle!;
    try {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) => storeCheck((i % 2 ? second : handle!).db, business, drawer(i + 1, String(900 - i)))),
      );
    } finally {
      if (second !== handle) await second.close();
    }
    const alerts = await crossings(handle!.db, business);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]![0]).toBe('low_cash');
    const [desk] = await handle!.db.select().from(cashDesks).where(eq(cashDesks.businessId, business.id));
    // The drawer is the newest check by its own time, whatever order they committed in.
    expect(desk).toMatchObject({ cashInBoxKop: 89_100, lowCashAlerted: true });
  });
});
