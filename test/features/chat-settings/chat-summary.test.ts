import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { chats, outbox } from '../../../src/platform/db/schema.js';
import { createLogger } from '../../../src/platform/observability/logger.js';
import { runChatSummaries } from '../../../src/features/reports/chat-summary.js';
import { chatSummarySchedule } from '../../../src/features/reports/chat-summary-schedule.js';
import { startSchedules } from '../../../src/platform/schedules/scheduler.js';
import { runDailySummary } from '../../../src/features/reports/daily-summary.js';
import { setSummaryTime } from '../../../src/features/reports/summary-time.js';
import { migrateChat } from '../../../src/features/shops/chat-lifecycle.js';
import { chatMoveSteps } from '../../../src/bot/updates/chat-member.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';
import { createShop } from '../reports/summary-setup.js';
import { simpleCheck, storeCheck } from '../reports/store-check.js';

const TZ = 'Europe/Kyiv';
/** 27.11.2026 at a Kyiv wall-clock time (UTC+2 in November). */
const kyiv = (hhmm: string) => new Date(`2026-11-27T${hhmm}:00+02:00`);

describe.each(databaseKinds)('per-chat summary time on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => database?.destroy());

  /** daily_summary jobs of a business: [chatId, date] in order. */
  async function summaries(businessId: number): Promise<Array<[number, string]>> {
    const rows = await database.db
      .select({ chatId: outbox.chatId, date: sql<string>`${outbox.payload}->>'date'` })
      .from(outbox)
      .where(and(eq(outbox.businessId, businessId), eq(outbox.kind, 'daily_summary')))
      .orderBy(outbox.chatId, outbox.id);
    return rows.map((r) => [r.chatId, r.date]);
  }

  /** A shop with sales on the 26th and 27th; an evening chat (21:00) and a morning one (09:00). */
  async function shopWithTimes() {
    const shop = await createShop(database, ['2026-11-26', '2026-11-27']);
    const evening = -2_000_000_000_000 - shop.business.id * 10;
    const morning = evening - 1;
    await database.db.insert(chats).values([
      { chatId: evening, businessId: shop.business.id, type: 'supergroup', role: 'member', summaryTime: '21:00' },
      { chatId: morning, businessId: shop.business.id, type: 'private', role: 'member', summaryTime: '09:00' },
    ]);
    return { ...shop, evening, morning };
  }

  it('each chat at its own time, exactly once with two schedulers racing; the default cron skips them', async () => {
    const shop = await shopWithTimes();
    const id = shop.business.id;

    await runChatSummaries(database.db, { now: kyiv('08:59'), tz: TZ, claimedBy: 'a' });
    expect(await summaries(id)).toEqual([]);

    // 09:00: the morning chat gets the previous day's summary; the evening chat nothing yet.
    await Promise.all(['a', 'b'].map((claimedBy) => runChatSummaries(database.db, { now: kyiv('09:00'), tz: TZ, claimedBy })));
    expect(await summaries(id)).toEqual([[shop.morning, '2026-11-26']]);

    // 21:00 and later, two schedulers every tick: the evening chat once, the morning chat not again.
    for (const at of ['21:00', '21:01', '23:30']) {
      await Promise.all(['a', 'b', 'c'].map((claimedBy) => runChatSummaries(database.db, { now: kyiv(at), tz: TZ, claimedBy })));
    }
    expect(await summaries(id)).toEqual([
      [shop.morning, '2026-11-26'],
      [shop.evening, '2026-11-27'],
    ]);

    // The business's default summary of the 27th: its other chats only (the muted group, the owner).
    await Promise.all(['a', 'b'].map((claimedBy) => runDailySummary(database.db, { date: '2026-11-27', claimedBy })));
    expect(await summaries(id)).toEqual(
      (
        [...shop.recipients.map((c) => [c, '2026-11-27']), [shop.evening, '2026-11-27'], [shop.morning, '2026-11-26']] as Array<[number, string]>
      ).sort((x, y) => x[0] - y[0]),
    );
  });

  it('a time set after its moment today, or for a summary already sent by default, starts the next day', async () => {
    const shop = await shopWithTimes();
    const id = shop.business.id;
    const owner = shop.business.ownerUserId;
    // The owner had the 27th's summary by the default schedule, then chooses 22:00 at 21:30.
    await runDailySummary(database.db, { date: '2026-11-27', claimedBy: 'a' });
    const before = (await summaries(id)).filter(([c]) => c === owner);
    expect(before).toEqual([[owner, '2026-11-27']]);
    await setSummaryTime(database.db, { chatId: owner, businessId: id, minutes: 22 * 60, now: kyiv('21:30'), tz: TZ });
    // The evening chat switches to 10:00 at 21:30 (that moment of today has passed).
    await setSummaryTime(database.db, { chatId: shop.evening, businessId: id, minutes: 10 * 60, now: kyiv('21:30'), tz: TZ });

    await runChatSummaries(database.db, { now: kyiv('22:00'), tz: TZ, claimedBy: 'a' });
    const jobs = await summaries(id);
    expect(jobs.filter(([c]) => c === owner)).toEqual([[owner, '2026-11-27']]);
    expect(jobs.filter(([c]) => c === shop.evening)).toEqual([]);

    // Back to the default: stored as null, and the default run picks the chat up again.
    await setSummaryTime(database.db, { chatId: owner, businessId: id, minutes: null, now: kyiv('22:10'), tz: TZ });
    const [row] = await database.db.select({ t: chats.summaryTime }).from(chats).where(eq(chats.chatId, owner));
    expect(row!.t).toBeNull();
  });

  it('a group that became a supergroup after its summary went out today gets no second one under its new id', async () => {
    const shop = await shopWithTimes();
    const id = shop.business.id;
    // The evening chat is a plain group; a second one (20:00) moves to a supergroup the bot was already linked to.
    const merging = shop.evening - 2;
    const known = shop.evening - 3;
    await database.db.insert(chats).values([
      { chatId: merging, businessId: id, type: 'group', role: 'member', summaryTime: '20:00' },
      { chatId: known, businessId: id, type: 'supergroup', role: 'member' },
    ]);
    await database.db.update(chats).set({ type: 'group' }).where(eq(chats.chatId, shop.evening));
    await runChatSummaries(database.db, { now: kyiv('21:00'), tz: TZ, claimedBy: 'a' });
    const moved = shop.evening - 4;
    await migrateChat(database.db, shop.evening, moved, chatMoveSteps);
    await migrateChat(database.db, merging, known, chatMoveSteps);
    for (const at of ['21:30', '22:00', '23:59']) await runChatSummaries(database.db, { now: kyiv(at), tz: TZ, claimedBy: 'b' });
    // The summaries sent under the old ids moved with the chats (they had not gone yet); none more.
    expect((await summaries(id)).filter(([c]) => c !== shop.morning)).toEqual(
      (
        [
          [moved, '2026-11-27'],
          [known, '2026-11-27'],
        ] as Array<[number, string]>
      ).sort((x, y) => x[0] - y[0]),
    );
    // Nor does the business's default summary of the day reach them.
    await runDailySummary(database.db, { date: '2026-11-27', claimedBy: 'a' });
    const day = (await summaries(id)).filter(([, date]) => date === '2026-11-27').map(([c]) => c);
    expect(day.filter((c) => c === moved || c === known)).toEqual([moved, known].sort((x, y) => x - y));
  });

  it('a summary claimed while the group moves to a supergroup goes once: the claim waits for the move, or the move carries it', async () => {
    const shop = await shopWithTimes();
    const id = shop.business.id;
    const moved = shop.evening - 4;
    await database.db.update(chats).set({ type: 'group' }).where(eq(chats.chatId, shop.evening));
    let tick: Promise<unknown> | undefined;
    // The 21:00 look runs while the migration has done its work but not committed yet (it holds the group's row).
    await database.db.transaction(async (tx) => {
      await migrateChat(tx, shop.evening, moved, chatMoveSteps);
      tick = runChatSummaries(database.db, { now: kyiv('21:00'), tz: TZ, claimedBy: 'a' });
      await new Promise((r) => setTimeout(r, 300));
    });
    await tick;
    for (const at of ['21:01', '22:00']) await runChatSummaries(database.db, { now: kyiv(at), tz: TZ, claimedBy: 'b' });
    expect((await summaries(id)).filter(([c]) => c === moved || c === shop.evening)).toEqual([[moved, '2026-11-27']]);
  });

  it('BUSINESS_DAY_START: a chat time after midnight brings the closing day; never a business day not begun', async () => {
    // Days from 14:00: a check at 15:00 on the 27th and one at 13:00 on the 28th are both the 27th's.
    const dayStart = 14 * 60;
    const shop = await createShop(database, []);
    const id = shop.business.id;
    for (const [uuid, date, time] of [
      ['afternoon-1', '2026-11-27', '15:00:00'],
      ['afternoon-2', '2026-11-28', '13:00:00'],
      ['afternoon-3', '2026-11-28', '14:30:00'], // the 28th's first
    ] as const) {
      await storeCheck(database.db, shop.business, simpleCheck({ uuid: `${uuid}-${id}`, date, time, totalUah: '10' }), new Date(), dayStart);
    }
    const night = -3_000_000_000_000 - id * 10;
    const noon = night - 1;
    await database.db.insert(chats).values([
      { chatId: night, businessId: id, type: 'private', role: 'member', summaryTime: '01:30' },
      { chatId: noon, businessId: id, type: 'private', role: 'member', summaryTime: '13:30' },
    ]);
    const kyiv28 = (hhmm: string) => new Date(`2026-11-28T${hhmm}:00+02:00`);
    // 01:30 on the 28th: the 27th, the business day in progress (it closes at 14:00).
    await runChatSummaries(database.db, { now: kyiv28('01:30'), tz: TZ, dayStart, claimedBy: 'a' });
    expect(await summaries(id)).toEqual([[night, '2026-11-27']]);
    // 13:30 on the 28th: after noon, but the 28th's business day has not begun: the 27th again,
    // once; nor does the 28th's summary follow when its day has begun at 14:00.
    for (const at of ['13:30', '13:31', '14:05', '15:00']) await runChatSummaries(database.db, { now: kyiv28(at), tz: TZ, dayStart, claimedBy: 'b' });
    expect(await summaries(id)).toEqual([
      [noon, '2026-11-27'],
      [night, '2026-11-27'],
    ]);
    // Set at 15:00 on the 28th for 13:45 (passed today): the summary it would bring (the 27th's) is settled, none goes out.
    await setSummaryTime(database.db, { chatId: shop.business.ownerUserId, businessId: id, minutes: 13 * 60 + 45, now: kyiv28('15:00'), tz: TZ, dayStart });
    await runChatSummaries(database.db, { now: kyiv28('15:01'), tz: TZ, dayStart, claimedBy: 'c' });
    expect((await summaries(id)).filter(([c]) => c === shop.business.ownerUserId)).toEqual([]);
    // Its first: 13:45 on the 29th, the 28th's (the day begun at 14:00 on the 28th).
    await runChatSummaries(database.db, { now: new Date('2026-11-29T13:45:00+02:00'), tz: TZ, dayStart, claimedBy: 'd' });
    expect((await summaries(id)).filter(([c]) => c === shop.business.ownerUserId)).toEqual([[shop.business.ownerUserId, '2026-11-28']]);
  });

  it('the schedule looks at every tick and enqueues what is due (a fast tick for the test)', async () => {
    const shop = await shopWithTimes();
    const schedule = startSchedules([chatSummarySchedule({ config: { businessTz: TZ }, tickCron: '* * * * * *' })], {
      db: database.db,
      tz: TZ,
      logger: createLogger({ level: 'silent' }),
      now: () => kyiv('21:05'),
    });
    try {
      await schedule.ready;
      expect(await summaries(shop.business.id)).toEqual([
        [shop.morning, '2026-11-26'],
        [shop.evening, '2026-11-27'],
      ]);
      await new Promise((r) => setTimeout(r, 1_200));
      expect(await summaries(shop.business.id)).toHaveLength(2);
    } finally {
      await schedule.stop();
    }
  });
});
