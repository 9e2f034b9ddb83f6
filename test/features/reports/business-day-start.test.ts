import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Business } from '../../../src/features/shops/businesses.js';
import { checks } from '../../../src/platform/db/schema.js';
import { checkPages } from '../../../src/features/exports/export-source.js';
import { computePeriodFigures, computeSummaryFigures } from '../../../src/features/reports/figures.js';
import { computeDailyRevenue, computeHourlyRevenue } from '../../../src/features/reports/series.js';
import { createBusiness, postCheck, startTestApp, type TestApp } from '../../support/app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';
import { KYIV, simpleCheck } from './store-check.js';

/**
 * BUSINESS_DAY_START=04:00 end to end through the real webhook: a check after midnight and
 * before 04:00 belongs to the day before in the figures, the summaries, the hourly and daily
 * series and the export, on both DST-change days. Each total is a distinct power of two (in
 * hryvnias), so a day's sum says exactly which checks it took in.
 */
const DAY_START = 4 * 60;

interface Case {
  date: string;
  time: string;
  uah: number;
  /** The business day it must count on with days from 04:00. */
  day: string;
}

const cases: Case[] = [
  // An ordinary winter night: 27.11 from 04:00 to 28.11 04:00.
  { date: '2026-11-27', time: '03:59:59', uah: 1, day: '2026-11-26' },
  { date: '2026-11-27', time: '04:00:00', uah: 2, day: '2026-11-27' },
  { date: '2026-11-27', time: '23:30:00', uah: 4, day: '2026-11-27' },
  { date: '2026-11-28', time: '01:00:00', uah: 8, day: '2026-11-27' },
  { date: '2026-11-28', time: '04:10:00', uah: 16, day: '2026-11-28' },
  // Spring, 29.03.2026: 03:00 → 04:00 after midnight of the 28th's business day.
  { date: '2026-03-29', time: '02:59:00', uah: 32, day: '2026-03-28' },
  { date: '2026-03-29', time: '03:30:00', uah: 64, day: '2026-03-29' }, // in the gap: 04:00 EEST, the 29th's first instant
  { date: '2026-03-29', time: '04:00:00', uah: 128, day: '2026-03-29' },
  // Autumn, 25.10.2026: 04:00 → 03:00; the repeated hour is still the 24th's.
  { date: '2026-10-25', time: '03:30:00', uah: 256, day: '2026-10-24' },
  { date: '2026-10-25', time: '04:00:00', uah: 512, day: '2026-10-25' },
  { date: '2026-10-26', time: '03:59:00', uah: 1024, day: '2026-10-25' },
];

const expected = (day: string) => {
  const mine = cases.filter((c) => c.day === day);
  return { count: mine.length, sumKop: mine.reduce((s, c) => s + c.uah * 100, 0) };
};

describe.each(databaseKinds)('BUSINESS_DAY_START=04:00 on %s', (kind) => {
  let db: TestDatabase;
  let app: TestApp;
  let business: Business;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    app = await startTestApp(db, { config: { maxBodyBytes: 1024 * 1024, businessTz: KYIV, businessDayStart: DAY_START } });
    business = await createBusiness(db);
    for (const [i, c] of cases.entries()) {
      const res = await postCheck(app.url, business.webhookToken, simpleCheck({ uuid: `bds-${i}`, date: c.date, time: c.time, totalUah: String(c.uah) }));
      expect(res.status).toBe(200);
    }
  });
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  const day = (date: string) => computePeriodFigures(db.db, { businessId: business.id, from: date, to: date });

  it('each check is stored on its business day', async () => {
    for (const [i, c] of cases.entries()) {
      const [row] = await db.db.select({ d: checks.businessDate }).from(checks).where(and(eq(checks.businessId, business.id), eq(checks.uuid, `bds-${i}`)));
      expect({ at: `${c.date} ${c.time}`, day: row?.d }).toEqual({ at: `${c.date} ${c.time}`, day: c.day });
    }
  });

  it('figures (/today, /report) and the summary take the night after midnight into the closing day', async () => {
    for (const d of ['2026-11-26', '2026-11-27', '2026-11-28', '2026-03-28', '2026-03-29', '2026-10-24', '2026-10-25']) {
      expect((await day(d)).sales).toEqual(expected(d));
    }
    const summary = await computeSummaryFigures(db.db, { businessId: business.id, date: '2026-11-27' });
    expect(summary.sales).toEqual({ count: 3, sumKop: (2 + 4 + 8) * 100 });
    const week = await computePeriodFigures(db.db, { businessId: business.id, from: '2026-11-23', to: '2026-11-29' });
    expect(week.sales.sumKop).toBe((1 + 2 + 4 + 8 + 16) * 100);
  });

  it("hourly revenue starts at the business day's first hour; daily revenue by business day", async () => {
    const hours = await computeHourlyRevenue(db.db, { businessId: business.id, date: '2026-11-27', tz: KYIV, dayStart: DAY_START });
    expect(hours).toHaveLength(24);
    // 04:00 → index 0, 23:30 → 19, 01:00 after midnight → 21.
    const want = Array.from({ length: 24 }, () => 0);
    want[0] = 200;
    want[19] = 400;
    want[21] = 800;
    expect(hours).toEqual(want);
    // The autumn day: 04:00 on the 25th is index 0, 03:59 on the 26th the last.
    const autumn = await computeHourlyRevenue(db.db, { businessId: business.id, date: '2026-10-25', tz: KYIV, dayStart: DAY_START });
    expect(autumn[0]).toBe(51_200);
    expect(autumn[23]).toBe(102_400);
    const days = await computeDailyRevenue(db.db, { businessId: business.id, from: '2026-11-26', to: '2026-11-28' });
    expect(days).toEqual([
      { date: '2026-11-26', netKop: 100 },
      { date: '2026-11-27', netKop: 1400 },
      { date: '2026-11-28', netKop: 1600 },
    ]);
  });

  it('the export of a day has its checks after midnight and not those before its start', async () => {
    const rows = [];
    for await (const page of checkPages(db.db, { businessId: business.id, from: '2026-11-27', to: '2026-11-27' })) rows.push(...page);
    expect(rows.map((r) => [r.uuid, r.businessDate])).toEqual([
      ['bds-1', '2026-11-27'],
      ['bds-2', '2026-11-27'],
      ['bds-3', '2026-11-27'],
    ]);
  });
});
