import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../../src/platform/db/client.js';
import { chats } from '../../../src/platform/db/schema.js';
import { enqueueDailySummary, runDailySummary } from '../../../src/features/reports/daily-summary.js';
import { dailySummaryPayloadSchema } from '../../../src/features/reports/jobs.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';
import { createShop, expectedJobs, summaryClaims, summaryJobs } from './summary-setup.js';

/** Each test has its days to itself, in one database for the file. */
describe.each(databaseKinds)('daily summary on %s', (kind) => {
  let db: TestDatabase;
  /** Other connection pools to the same database: other instances (PostgreSQL only). */
  const instances: DatabaseHandle[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    for (let i = 0; i < 3; i++) instances.push(kind === 'postgres' ? await openDatabase({ databaseUrl: db.url, maxConnections: 3 }) : db);
  });
  afterAll(async () => {
    for (const h of instances) if (h !== db) await h.close();
    await db?.destroy();
  });

  it('one job per active chat of each business with checks that day, muted chats included', async () => {
    const DAY = '2026-11-27';
    const a = await createShop(db, [DAY]);
    const b = await createShop(db, ['2026-11-26', DAY, '2026-11-28']);
    // Checks on other days only: no summary today.
    await createShop(db, ['2026-11-26', '2026-11-28']);
    // Checks and no chat that can receive: claimed, nothing to send.
    const silent = await createShop(db, [DAY]);
    await db.db.update(chats).set({ active: false }).where(sql`business_id = ${silent.business.id}`);

    const run = await runDailySummary(db.db, { date: DAY, claimedBy: 'test' });
    expect(run).toEqual({ date: DAY, businesses: 3, jobs: 4 });
    const jobs = await summaryJobs(db.db, DAY);
    expect(jobs).toEqual(expectedJobs([a, b], DAY));
    for (const j of jobs) expect(dailySummaryPayloadSchema.parse(j.payload)).toEqual({ date: DAY });
    expect((await summaryClaims(db.db, DAY)).map((c) => c.slot).sort()).toEqual(
      [a, b, silent].map((s) => `${s.business.id}:${DAY}`).sort(),
    );

    // Any number of runs later that day: nothing more.
    expect(await runDailySummary(db.db, { date: DAY, claimedBy: 'test' })).toEqual({ date: DAY, businesses: 0, jobs: 0 });
    expect(await enqueueDailySummary(db.db, { businessId: a.business.id, date: DAY, claimedBy: 'test' })).toBeNull();
    expect(await summaryJobs(db.db, DAY)).toEqual(expectedJobs([a, b], DAY));

    // The next day is its own.
    const next = await runDailySummary(db.db, { date: '2026-11-28', claimedBy: 'test' });
    expect(next.businesses).toBe(2);
    expect(await summaryJobs(db.db, '2026-11-28')).toHaveLength(2 + 2);
  });

  it('a business whose first check comes after the summary gets its own at the next run, the others nothing again', async () => {
    const DAY = '2026-12-01';
    const a = await createShop(db, [DAY]);
    await runDailySummary(db.db, { date: DAY, claimedBy: 'test' });
    const late = await createShop(db, [DAY]);
    await runDailySummary(db.db, { date: DAY, claimedBy: 'test' });
    expect(await summaryJobs(db.db, DAY)).toEqual(expectedJobs([a, late], DAY));
  });

  it('many schedulers racing for the same day: each summary is enqueued once', async () => {
    const DAY = '2026-12-02';
    const shops = [];
    for (let i = 0; i < 5; i++) shops.push(await createShop(db, [DAY]));
    const runs = await Promise.all(
      Array.from({ length: 6 }, (_, i) => runDailySummary(instances[i % instances.length]!.db, { date: DAY, claimedBy: `instance-${i}` })),
    );
    expect(runs.reduce((s, r) => s + r.businesses, 0)).toBe(5);
    expect(runs.reduce((s, r) => s + r.jobs, 0)).toBe(10);
    expect(await summaryJobs(db.db, DAY)).toEqual(expectedJobs(shops, DAY));
    expect(await summaryClaims(db.db, DAY)).toHaveLength(5);
  });

  it('the claim and the jobs commit together: a failed enqueue leaves no claim, and the retry sends', async () => {
    const DAY = '2026-12-03';
    const shop = await createShop(db, [DAY]);
    // The outbox refuses writes for a moment (a full disk, a lost connection…).
    await db.db.execute(sql`create function refuse_outbox() returns trigger language plpgsql as $$ begin raise exception 'outbox unavailable'; end $$`);
    await db.db.execute(sql`create trigger refuse_outbox before insert on outbox for each row execute function refuse_outbox()`);
    await expect(runDailySummary(db.db, { date: DAY, claimedBy: 'test' })).rejects.toThrow();
    expect(await summaryClaims(db.db, DAY)).toEqual([]);
    expect(await summaryJobs(db.db, DAY)).toEqual([]);

    await db.db.execute(sql`drop trigger refuse_outbox on outbox`);
    expect(await runDailySummary(db.db, { date: DAY, claimedBy: 'test' })).toMatchObject({ businesses: 1, jobs: 2 });
    expect(await summaryJobs(db.db, DAY)).toEqual(expectedJobs([shop], DAY));
  });

  it('refuses a malformed date', async () => {
    await expect(runDailySummary(db.db, { date: '27.11.2026', claimedBy: 'test' })).rejects.toThrow();
  });
});
