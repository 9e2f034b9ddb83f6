import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type DatabaseHandle } from '../../../src/platform/db/client.js';
import { queryRows } from '../../../src/platform/db/rows.js';
import { createLogger } from '../../../src/platform/observability/logger.js';
import { createMetrics } from '../../../src/platform/observability/metrics.js';
import { addDays, businessDateOf } from '../../../src/platform/time/business-time.js';
import { startSchedules, type ScheduleDeps, type Schedules } from '../../../src/platform/schedules/scheduler.js';
import { dailySummarySchedule, SUMMARY_TICK_JOB } from '../../../src/features/reports/daily-summary-schedule.js';
import { weeklyDigestSchedule } from '../../../src/features/reports/weekly-digest-schedule.js';
import type { Metrics } from '../../../src/platform/observability/metrics.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';
import { createShop, expectedJobs, summaryJobs, type Shop } from '../../features/reports/summary-setup.js';
import { simpleCheck, storeCheck } from '../../features/reports/store-check.js';
import { outbox } from '../../../src/platform/db/schema.js';
import { and, eq } from 'drizzle-orm';

const KYIV = 'Europe/Kyiv';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A logger whose lines the test can read. */
function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), lines };
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 8_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe.each(databaseKinds)('schedules on %s', (kind) => {
  let db: TestDatabase;
  /** Another instance's connection pool. */
  let second: DatabaseHandle;
  const running: Schedules[] = [];

  /** The daily summary's schedule (and the weekly digest's, with its cron), as the service starts them. */
  const start = (
    deps: Partial<Omit<ScheduleDeps, 'db' | 'tz'>> & {
      config?: { businessTz: string; dailySummaryCron: string; weeklyDigestCron?: string; businessDayStart?: number };
      metrics?: Metrics;
    },
    database: Database = db.db,
  ) => {
    const { config = { businessTz: KYIV, dailySummaryCron: '0 21 * * *' }, metrics = createMetrics(), ...rest } = deps;
    const weeklyDigestCron = config.weeklyDigestCron;
    const definitions = [
      dailySummarySchedule({ config, metrics }),
      ...(weeklyDigestCron ? [weeklyDigestSchedule({ config: { ...config, weeklyDigestCron } })] : []),
    ];
    const schedules = startSchedules(definitions, { db: database, tz: config.businessTz, logger: createLogger({ level: 'silent' }), ...rest });
    running.push(schedules);
    return schedules;
  };
  const stopAll = async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
  };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    second = kind === 'postgres' ? await openDatabase({ databaseUrl: db.url, maxConnections: 4 }) : db;
  });
  afterAll(async () => {
    await stopAll();
    if (second && second !== db) await second.close();
    await db?.destroy();
  });

  it('catch-up after downtime: the summary goes out when the service is back the same day, once', async () => {
    const DAY = '2026-12-10';
    const a = await createShop(db, [DAY]);
    const b = await createShop(db, [DAY, addDays(DAY, 1)]);
    const metrics = createMetrics();

    // Back at 20:30 Kyiv: 21:00 has not come yet, nothing to catch up.
    await start({ now: () => new Date('2026-12-10T18:30:00Z'), metrics }).ready;
    await stopAll();
    expect(await summaryJobs(db.db, DAY)).toEqual([]);

    // Down at 21:00, back at 21:30: today's summaries go out now.
    await start({ now: () => new Date('2026-12-10T19:30:00Z'), metrics }).ready;
    await stopAll();
    expect(await summaryJobs(db.db, DAY)).toEqual(expectedJobs([a, b], DAY));
    expect((await metrics.summariesSent.get()).values[0]?.value).toBe(2);

    // Restarted again at 23:59:59: nothing twice.
    await start({ now: () => new Date('2026-12-10T21:59:59Z') }).ready;
    await stopAll();
    expect(await summaryJobs(db.db, DAY)).toEqual(expectedJobs([a, b], DAY));

    // Back only after midnight: yesterday's missed moment is not today's; today's has not come.
    await start({ now: () => new Date('2026-12-10T22:30:00Z') }).ready;
    await stopAll();
    expect(await summaryJobs(db.db, addDays(DAY, 1))).toEqual([]);
  });

  it('BUSINESS_DAY_START 04:00: a summary at 01:30 covers the business day that is closing, once; the digest its week', async () => {
    const dayStart = 4 * 60;
    // Sunday 20.12.2026 and Monday 21.12.2026 (Kyiv winter, UTC+2).
    const DAY = '2026-12-20';
    const NEXT = '2026-12-21';
    const shop = await createShop(db, [DAY]);
    // Sold at 01:00 after midnight: still the 20th's.
    const late = await storeCheck(db.db, shop.business, simpleCheck({ uuid: 'night-owl-1', date: NEXT, time: '01:00:00', totalUah: '50' }), new Date(), dayStart);
    const stored = await queryRows<{ d: string }>(db.db, sql`select business_date::text as d from checks where id = ${late.checkId}`);
    expect(stored[0]?.d).toBe(DAY);
    const config = { businessTz: KYIV, dailySummaryCron: '30 1 * * *', weeklyDigestCron: '0 2 * * 1', businessDayStart: dayStart };
    const digests = () =>
      db.db
        .select({ chatId: outbox.chatId, payload: outbox.payload })
        .from(outbox)
        .where(and(eq(outbox.kind, 'weekly_digest'), eq(outbox.businessId, shop.business.id)));

    // 01:15 on the 21st: the 20th's moment (01:30) has not come.
    await start({ now: () => new Date('2026-12-20T23:15:00Z'), config }).ready;
    await stopAll();
    expect(await summaryJobs(db.db, DAY)).toEqual([]);

    // Down at 01:30, back at 01:45 on the 21st: the summary of the 20th, the closing day.
    await start({ now: () => new Date('2026-12-20T23:45:00Z'), config }).ready;
    await stopAll();
    expect(await summaryJobs(db.db, DAY)).toEqual(expectedJobs([shop], DAY));
    expect(await summaryJobs(db.db, NEXT)).toEqual([]);
    expect(await digests()).toEqual([]);

    // Back at 02:30 on Monday: the weekly digest (02:00) covers Monday 14th to Sunday 20th; the
    // summary is not sent twice. At 09:00 the 21st's summary is not due (its moment is 01:30 on the 22nd).
    await start({ now: () => new Date('2026-12-21T00:30:00Z'), config }).ready;
    await stopAll();
    await start({ now: () => new Date('2026-12-21T07:00:00Z'), config }).ready;
    await stopAll();
    expect(await summaryJobs(db.db, DAY)).toEqual(expectedJobs([shop], DAY));
    expect(await summaryJobs(db.db, NEXT)).toEqual([]);
    const digest = await digests();
    expect(digest.map((d) => d.chatId).sort((a, b) => a - b)).toEqual(shop.recipients);
    for (const d of digest) expect(d.payload).toEqual({ from: '2026-12-14', to: DAY });
  });

  it('no catch-up on a day the cron expression skips', async () => {
    // 2026-12-12 is a Saturday.
    const DAY = '2026-12-12';
    await createShop(db, [DAY]);
    await start({ now: () => new Date('2026-12-12T20:00:00Z'), config: { businessTz: KYIV, dailySummaryCron: '0 21 * * 1-5' } }).ready;
    await stopAll();
    expect(await summaryJobs(db.db, DAY)).toEqual([]);
  });

  it('two instances coming back at once: one summary', async () => {
    const DAY = '2026-12-14';
    const shops: Shop[] = [];
    for (let i = 0; i < 3; i++) shops.push(await createShop(db, [DAY]));
    const now = () => new Date('2026-12-14T20:00:00Z');
    const m1 = createMetrics();
    const m2 = createMetrics();
    await Promise.all([
      start({ now, metrics: m1, instanceId: 'one' }).ready,
      start({ now, metrics: m2, instanceId: 'two' }, second.db).ready,
    ]);
    await stopAll();
    expect(await summaryJobs(db.db, DAY)).toEqual(expectedJobs(shops, DAY));
    const sent = ((await m1.summariesSent.get()).values[0]?.value ?? 0) + ((await m2.summariesSent.get()).values[0]?.value ?? 0);
    expect(sent).toBe(3);
  });

  it('a run that fails (database down) is retried later the same day, and only that day', async () => {
    const DAY = '2026-12-15';
    const shop = await createShop(db, [DAY]);
    const { logger, lines } = capturingLogger();
    let failures = 1;
    const flaky = new Proxy(db.db, {
      get(target, prop, receiver) {
        if (prop === 'execute' && failures > 0) {
          return async () => {
            failures -= 1;
            throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
          };
        }
        return Reflect.get(target, prop, receiver);
      },
    });
    await start({ now: () => new Date('2026-12-15T20:00:00Z'), retryMs: 30, logger }, flaky).ready;
    expect(lines.some((l) => l.msg === 'daily summary run failed; will retry')).toBe(true);
    await waitUntil('the retry', async () => (await summaryJobs(db.db, DAY)).length > 0);
    await sleep(100);
    await stopAll();
    expect(await summaryJobs(db.db, DAY)).toEqual(expectedJobs([shop], DAY));

    // Failing at 23:59:59, the retry comes after midnight: that day is over, nothing is sent late.
    const LATE = '2026-12-16';
    await createShop(db, [LATE]);
    failures = 1;
    let clock = new Date('2026-12-16T21:59:59Z');
    await start({ now: () => clock, retryMs: 30 }, flaky).ready;
    clock = new Date('2026-12-16T22:00:01Z');
    await sleep(200);
    await stopAll();
    expect(failures).toBe(0);
    expect(await summaryJobs(db.db, LATE)).toEqual([]);
  });

  it('real node-cron ticks every second on two instances: claimed tick by tick, one summary a day, none after stop', async () => {
    // Checks today and tomorrow by the real clock, in case the test runs across midnight in Kyiv.
    const today = businessDateOf(new Date(), KYIV);
    const days = [today, addDays(today, 1)];
    const shops = [await createShop(db, days), await createShop(db, days)];
    const config = { businessTz: KYIV, dailySummaryCron: '* * * * * *' };
    const m1 = createMetrics();
    const m2 = createMetrics();
    start({ config, catchUp: false, metrics: m1, instanceId: 'tick-one' });
    start({ config, catchUp: false, metrics: m2, instanceId: 'tick-two' }, second.db);

    const ticks = () => queryRows<{ slot: string; claimed_by: string; finished_at: unknown }>(db.db, sql`select slot, claimed_by, finished_at from schedule_runs where job = ${SUMMARY_TICK_JOB} order by slot`);
    await waitUntil('three ticks', async () => (await ticks()).filter((t) => t.finished_at !== null).length >= 3);
    await stopAll();

    const claimed = await ticks();
    // Each tick ran on one instance only (one row per slot), and finished.
    expect(new Set(claimed.map((t) => t.slot)).size).toBe(claimed.length);
    for (const t of claimed) expect(['tick-one', 'tick-two']).toContain(t.claimed_by);
    const jobsByDay = await Promise.all(days.map((d) => summaryJobs(db.db, d)));
    const sentDays = days.filter((_, i) => jobsByDay[i]!.length > 0);
    expect(sentDays.length).toBeGreaterThanOrEqual(1);
    for (const [i, d] of days.entries()) {
      if (jobsByDay[i]!.length > 0) expect(jobsByDay[i]).toEqual(expectedJobs(shops, d));
    }
    const sent = ((await m1.summariesSent.get()).values[0]?.value ?? 0) + ((await m2.summariesSent.get()).values[0]?.value ?? 0);
    expect(sent).toBe(shops.length * sentDays.length);

    // Stopped: a shop with checks today waits in vain.
    const late = await createShop(db, days);
    const before = (await ticks()).length;
    await sleep(1_300);
    expect((await ticks()).length).toBe(before);
    for (const d of days) expect((await summaryJobs(db.db, d)).filter((j) => j.businessId === late.business.id)).toEqual([]);
  });
});
