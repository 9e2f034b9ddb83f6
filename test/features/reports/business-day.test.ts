import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Business } from '../../../src/features/shops/businesses.js';
import { computePeriodFigures } from '../../../src/features/reports/figures.js';
import { createBusiness } from '../../support/app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';
import { simpleCheck, storeCheck } from './store-check.js';

/**
 * The business day is the check's own ORDERDATE/ORDERTIME in Kyiv, around midnight and on both
 * DST-change days. Each check's total is a distinct power of two (in hryvnias), so a day's sum
 * says exactly which checks it took in.
 */

interface Case {
  date: string;
  time: string;
  uah: number;
}

// 2026-03-29: 03:00 → 04:00 (a 23-hour day). 2026-10-25: 04:00 → 03:00 (25 hours).
const spring: Case[] = [
  { date: '2026-03-28', time: '23:59:59', uah: 1 },
  { date: '2026-03-29', time: '00:00:00', uah: 2 },
  { date: '2026-03-29', time: '02:59:59', uah: 4 },
  // In the skipped hour: a time CashDesk should not write, still the 29th.
  { date: '2026-03-29', time: '03:30:00', uah: 8 },
  { date: '2026-03-29', time: '04:00:00', uah: 16 },
  { date: '2026-03-29', time: '23:59:59', uah: 32 },
  { date: '2026-03-30', time: '00:00:00', uah: 64 },
];
const autumn: Case[] = [
  { date: '2026-10-24', time: '23:59:59', uah: 1 },
  { date: '2026-10-25', time: '00:00:00', uah: 2 },
  // In the repeated hour.
  { date: '2026-10-25', time: '03:30:00', uah: 4 },
  { date: '2026-10-25', time: '04:00:00', uah: 8 },
  { date: '2026-10-25', time: '23:00:00', uah: 16 },
  { date: '2026-10-25', time: '23:59:59', uah: 32 },
  { date: '2026-10-26', time: '00:00:00', uah: 64 },
];
// An ordinary winter midnight, written the other way CashDesk writes dates.
const winter: Case[] = [
  { date: '31.12.2026', time: '23:59:59', uah: 1 },
  { date: '01.01.2027', time: '0:00', uah: 2 },
];

const sumOf = (cases: Case[], date: string) => {
  const iso = (d: string) => (d.includes('.') ? `${d.slice(6)}-${d.slice(3, 5)}-${d.slice(0, 2)}` : d);
  const mine = cases.filter((c) => iso(c.date) === date);
  return { count: mine.length, sumKop: mine.reduce((s, c) => s + c.uah * 100, 0) };
};

describe.each(databaseKinds)('business days on %s', (kind) => {
  let db: TestDatabase;
  let business: Business;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    business = await createBusiness(db);
    let n = 0;
    for (const c of [...spring, ...autumn, ...winter]) {
      const body = simpleCheck({ uuid: `bd-${n++}`, date: c.date, time: c.time, totalUah: String(c.uah) });
      // Everything arrives at one moment, far from any of these days: arrival never decides the day.
      expect((await storeCheck(db.db, business, body, new Date('2027-02-01T12:00:00Z'))).status).toBe('stored');
    }
  });
  afterAll(async () => {
    await db?.destroy();
  });

  const day = (date: string) => computePeriodFigures(db.db, { businessId: business.id, from: date, to: date });

  it('just before and just after midnight Kyiv time', async () => {
    expect((await day('2026-12-31')).sales).toEqual({ count: 1, sumKop: 100 });
    expect((await day('2027-01-01')).sales).toEqual({ count: 1, sumKop: 200 });
    expect(sumOf(winter, '2027-01-01')).toEqual({ count: 1, sumKop: 200 });
  });

  it('the spring DST day (23 hours) has its own checks and no others', async () => {
    expect((await day('2026-03-28')).sales).toEqual({ count: 1, sumKop: 100 });
    expect((await day('2026-03-29')).sales).toEqual({ count: 5, sumKop: (2 + 4 + 8 + 16 + 32) * 100 });
    expect((await day('2026-03-29')).sales).toEqual(sumOf(spring, '2026-03-29'));
    expect((await day('2026-03-30')).sales).toEqual({ count: 1, sumKop: 6_400 });
  });

  it('the autumn DST day (25 hours) has its own checks and no others', async () => {
    expect((await day('2026-10-24')).sales).toEqual({ count: 1, sumKop: 100 });
    expect((await day('2026-10-25')).sales).toEqual({ count: 5, sumKop: (2 + 4 + 8 + 16 + 32) * 100 });
    expect((await day('2026-10-25')).sales).toEqual(sumOf(autumn, '2026-10-25'));
    expect((await day('2026-10-26')).sales).toEqual({ count: 1, sumKop: 6_400 });
  });

  it('a period across both changes', async () => {
    const f = await computePeriodFigures(db.db, { businessId: business.id, from: '2026-03-29', to: '2026-10-25' });
    expect(f.sales.sumKop).toBe((2 + 4 + 8 + 16 + 32 + 64 + 1 + 2 + 4 + 8 + 16 + 32) * 100);
  });
});
