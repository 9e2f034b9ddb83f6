import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Business } from '../../../src/features/shops/businesses.js';
import { openDatabase } from '../../../src/platform/db/client.js';
import { chats, deskWatch, outbox } from '../../../src/platform/db/schema.js';
import { runDeskWatch } from '../../../src/features/watchdog/desk-watch.js';
import { addDays } from '../../../src/platform/time/business-time.js';
import { createBusiness } from '../../support/app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';
import { simpleCheck, storeCheck } from '../reports/store-check.js';
import { KYIV, local, seedChecks, tradingTimes } from './desk-watch-seed.js';

/**
 * The watch's periodic look against a real database, with its clock injected: profiles learned
 * once a day, a silence announced once to the chats that follow the desk, its end ("selling
 * again") once, and the same with two looks at once.
 */
const TODAY = '2026-12-01'; // a Tuesday
const DESK = '40000001';

describe.each(databaseKinds)('the desk watch on %s', (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.destroy();
  });

  /** A shop trading 09:00–20:00 every day, a check every 20 minutes, for 29 days up to `until`. */
  const shopWithHistory = async (until: Date, numFiscal = DESK): Promise<{ shop: Business; deskId: number }> => {
    const shop = await createBusiness(database);
    const deskId = await seedChecks(database.db, shop.id, numFiscal, tradingTimes(local(addDays(TODAY, -29), '00:05'), until, 9, 20, 20));
    return { shop, deskId };
  };
  const jobsOf = (shop: Business) =>
    database.db
      .select({ chatId: outbox.chatId, kind: outbox.kind, checkId: outbox.checkId, payload: outbox.payload })
      .from(outbox)
      .where(and(eq(outbox.businessId, shop.id), inArray(outbox.kind, ['desk_quiet', 'desk_selling_again'])))
      .orderBy(asc(outbox.id));
  const look = (at: Date, db = database.db) => runDeskWatch(db, { now: at, tz: KYIV });

  it('announces a silence once to the chats following the desk, and its end once, with the first check after it', async () => {
    // The last check today at 12:45 (checks at :05, :25, :45); the limit is 30 minutes.
    const { shop, deskId } = await shopWithHistory(local(TODAY, '12:50'));
    // Chat ids of their own (owners' ids are consecutive: no +1 of one owner may be the next owner).
    const other = (k: number) => 9_000_000_000 + shop.id * 10 + k;
    await database.db.insert(chats).values([
      { chatId: other(1), businessId: shop.id, type: 'private', role: 'member', muted: true },
      { chatId: other(2), businessId: shop.id, type: 'private', role: 'member', deskFilter: ['49999999'] },
      { chatId: other(3), businessId: shop.id, type: 'private', role: 'member', watchdogOff: ['desk_quiet'] },
      { chatId: other(4), businessId: shop.id, type: 'private', role: 'member', active: false },
      { chatId: other(5), businessId: shop.id, type: 'private', role: 'member', deskFilter: [DESK], watchdogOff: ['large_return'] },
    ]);

    expect(await look(local(TODAY, '13:15'))).toMatchObject({ quiet: 0, sellingAgain: 0, jobs: 0 });
    expect(await look(local(TODAY, '13:16'))).toMatchObject({ profiles: 0, quiet: 1, sellingAgain: 0, jobs: 3 });
    expect(await look(local(TODAY, '14:30'))).toMatchObject({ profiles: 0, quiet: 0, sellingAgain: 0, jobs: 0 });

    const quiet = await jobsOf(shop);
    expect(quiet.map((j) => j.chatId)).toEqual([shop.ownerUserId, other(1), other(5)]);
    expect(quiet[0]).toMatchObject({
      kind: 'desk_quiet',
      payload: {
        cashDeskId: deskId,
        numFiscal: DESK,
        lastCheckAt: local(TODAY, '12:45').toISOString(),
        detectedAt: local(TODAY, '13:16').toISOString(),
        limitMinutes: 30,
      },
    });
    const [watch] = await database.db.select().from(deskWatch).where(eq(deskWatch.cashDeskId, deskId));
    expect(watch).toMatchObject({ profileDate: TODAY, quietCheckId: quiet[0]!.checkId, quietLastCheckAt: local(TODAY, '12:45') });

    // Two checks come in (by the webhook's ingest, unchanged); the first of them ends the silence.
    await storeCheck(database.db, shop, simpleCheck({ uuid: `${shop.id}-back-1`, date: TODAY, time: '14:40:00', totalUah: '12', numFiscal: DESK }));
    await storeCheck(database.db, shop, simpleCheck({ uuid: `${shop.id}-back-2`, date: TODAY, time: '14:50:00', totalUah: '15', numFiscal: DESK }));
    expect(await look(local(TODAY, '14:51'))).toMatchObject({ profiles: 0, quiet: 0, sellingAgain: 1, jobs: 3 });
    expect(await look(local(TODAY, '14:52'))).toMatchObject({ quiet: 0, sellingAgain: 0, jobs: 0 });
    const again = (await jobsOf(shop)).filter((j) => j.kind === 'desk_selling_again');
    expect(again).toHaveLength(3);
    expect(again[0]!.payload).toEqual({
      cashDeskId: deskId,
      numFiscal: DESK,
      lastCheckAt: local(TODAY, '12:45').toISOString(),
      resumedAt: local(TODAY, '14:40').toISOString(),
    });
    expect(again[0]!.checkId).not.toBe(quiet[0]!.checkId);

    // A new silence is a new alert, with the newest check.
    expect(await look(local(TODAY, '15:21'))).toMatchObject({ quiet: 1, jobs: 3 });
    const last = (await jobsOf(shop)).at(-1)!;
    expect(last).toMatchObject({ kind: 'desk_quiet', payload: { lastCheckAt: local(TODAY, '14:50').toISOString() } });
  });

  it('says nothing outside trading hours, nor for a desk in its first two weeks', async () => {
    const { shop } = await shopWithHistory(local(TODAY, '00:00'));
    expect(await look(local(TODAY, '08:30'))).toMatchObject({ quiet: 0 });
    expect(await look(local(TODAY, '22:00'))).toMatchObject({ quiet: 0 });

    const young = await createBusiness(database);
    await seedChecks(database.db, young.id, DESK, tradingTimes(local(addDays(TODAY, -13), '00:05'), local(TODAY, '00:00'), 9, 20, 20));
    expect(await look(local(TODAY, '12:00'))).toMatchObject({ quiet: 1 }); // the first shop, quiet since 09:00
    expect(await jobsOf(young)).toEqual([]);
    expect(await jobsOf(shop)).toHaveLength(1);
  });

  it('learns each profile once a local day', async () => {
    const { deskId } = await shopWithHistory(local(TODAY, '10:00'));
    const first = await look(local(TODAY, '10:01'));
    expect(first.profiles).toBeGreaterThanOrEqual(1);
    expect((await look(local(TODAY, '10:02'))).profiles).toBe(0);
    // After local midnight (22:00Z in winter) every desk is learned again, for the new date.
    expect((await look(local(addDays(TODAY, 1), '00:01'))).profiles).toBeGreaterThanOrEqual(1);
    const [watch] = await database.db.select().from(deskWatch).where(eq(deskWatch.cashDeskId, deskId));
    expect(watch?.profileDate).toBe(addDays(TODAY, 1));
    expect(watch?.profile).toHaveLength(7 * 24);

    // The next day, two instances looking at once learn each desk once between them.
    const desks = (await database.db.select().from(deskWatch)).length;
    const second = kind === 'postgres' ? await openDatabase({ databaseUrl: database.url, maxConnections: 5 }) : database;
    try {
      const at = local(addDays(TODAY, 2), '00:01');
      const runs = await Promise.all([look(at), look(at, second.db), look(at), look(at, second.db)]);
      expect(runs.reduce((n, r) => n + r.profiles, 0)).toBe(desks);
    } finally {
      if (second !== database) await second.close();
    }
    const rows = await database.db.select().from(deskWatch);
    expect(rows.every((r) => r.profileDate === addDays(TODAY, 2) && (r.profile as unknown[]).length === 7 * 24)).toBe(true);
  });

  it('two looks at once (two instances) announce a silence once and its end once', async () => {
    const { shop } = await shopWithHistory(local(TODAY, '12:50'));
    const second = kind === 'postgres' ? await openDatabase({ databaseUrl: database.url, maxConnections: 5 }) : database;
    try {
      const at = local(TODAY, '13:20');
      await look(local(TODAY, '13:00')); // profiles learned, nothing quiet yet
      const runs = await Promise.all([look(at), look(at, second.db), look(at), look(at, second.db)]);
      expect(runs.reduce((n, r) => n + r.quiet, 0)).toBe(1);
      await storeCheck(database.db, shop, simpleCheck({ uuid: `${shop.id}-back`, date: TODAY, time: '13:30:00', totalUah: '12', numFiscal: DESK }));
      const later = local(TODAY, '13:31');
      const ends = await Promise.all([look(later), look(later, second.db), look(later), look(later, second.db)]);
      expect(ends.reduce((n, r) => n + r.sellingAgain, 0)).toBe(1);
    } finally {
      if (second !== database) await second.close();
    }
    expect((await jobsOf(shop)).map((j) => j.kind)).toEqual(['desk_quiet', 'desk_selling_again']);
  });
  it('looks only at desks with a check in the learning window (or an open silence): desks silent for longer are not looked at', async () => {
    const { shop } = await shopWithHistory(local(TODAY, '12:50'));
    const at = local(TODAY, '13:00');
    const before = await look(at);
    expect(before.looked).toBeGreaterThanOrEqual(1);
    // 50 desks whose last checks were 40 days ago, with a profile learned for today that has trading
    // hours (as a desk active then had): none of them is looked at, none is told quiet.
    const oldDay = addDays(TODAY, -40);
    const full = JSON.stringify(Array.from({ length: 7 * 24 }, () => 30 * 60_000));
    for (let n = 0; n < 50; n++) {
      const deskId = await seedChecks(database.db, shop.id, `old-${n}`, [local(oldDay, '10:00'), local(oldDay, '11:00')]);
      await database.db.insert(deskWatch).values({
        cashDeskId: deskId,
        businessId: shop.id,
        profileDate: TODAY,
        profile: JSON.parse(full) as number[],
        firstCheckAt: local(addDays(oldDay, -30), '10:00'),
      });
    }
    const after = await look(at);
    expect(after.looked).toBe(before.looked);
    expect(after.quiet).toBe(0);
    expect((await jobsOf(shop)).filter((j) => (j.payload as { numFiscal: string }).numFiscal.startsWith('old-'))).toEqual([]);
  });
});

