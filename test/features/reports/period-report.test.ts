import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Business } from '../../../src/features/shops/businesses.js';
import { computePeriodFigures } from '../../../src/features/reports/figures.js';
import { comparedPeriod, computePeriodReport } from '../../../src/features/reports/period-report.js';
import { monthToDate, periodDays, previousMonth, previousSpan, previousWeek, weekBeforeDay, weekToDate } from '../../../src/features/reports/periods.js';
import { computeDailyRevenue, computeHourlyRevenue } from '../../../src/features/reports/series.js';
import { addDays } from '../../../src/platform/time/business-time.js';
import { hourlyChartPng, hourlyChartSpec } from '../../../src/features/reports/charts/sales-charts.js';
import { renderPeriodReport } from '../../../src/features/reports/period-report-photo.js';
import { uk } from '../../../src/platform/i18n/uk.js';
import { createBusiness } from '../../support/app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';
import { KYIV, simpleCheck, storeCheck } from './store-check.js';

describe('periods', () => {
  it('week and month to date, and what they are compared with', () => {
    expect(weekToDate('2026-11-27')).toEqual({ from: '2026-11-23', to: '2026-11-27' }); // a Friday
    expect(weekToDate('2026-11-23')).toEqual({ from: '2026-11-23', to: '2026-11-23' }); // a Monday
    expect(weekToDate('2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' }); // a Sunday
    expect(monthToDate('2026-03-31')).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(previousWeek({ from: '2026-11-23', to: '2026-11-27' })).toEqual({ from: '2026-11-16', to: '2026-11-20' });
    expect(previousMonth({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousMonth({ from: '2026-01-01', to: '2026-01-15' })).toEqual({ from: '2025-12-01', to: '2025-12-15' });
    expect(previousSpan({ from: '2026-11-01', to: '2026-11-30' })).toEqual({ from: '2026-10-02', to: '2026-10-31' });
    expect(weekBeforeDay('2026-11-30')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(periodDays({ from: '2026-03-28', to: '2026-03-30' })).toBe(3); // across the spring DST change
    expect(periodDays({ from: '2026-01-01', to: '2026-12-31' })).toBe(365);
    expect(comparedPeriod('span', { from: '2026-11-27', to: '2026-11-27' })).toEqual({ from: '2026-11-26', to: '2026-11-26' });
  });
});

describe.each(databaseKinds)('period report figures (%s)', (kind) => {
  let database: TestDatabase;
  let business: Business;
  const DAYS = ['2026-11-16', '2026-11-18', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-27'];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    business = await createBusiness(database);
    let n = 0;
    for (const [i, date] of DAYS.entries()) {
      for (let k = 0; k <= i; k++) {
        n += 1;
        await storeCheck(database.db, business, simpleCheck({ uuid: `s-${n}`, date, time: `${String(9 + k).padStart(2, '0')}:15:00`, totalUah: `${100 + n}.${n % 100}`, productName: `P${k % 3}`, paymentCode: k % 2 }));
      }
      if (i % 2 === 1) {
        await storeCheck(database.db, business, { ...simpleCheck({ uuid: `r-${i}`, date, time: '18:00:00', totalUah: '40.05' }), check_type: 'Z_RETURN' });
      }
    }
    await storeCheck(database.db, business, { ...simpleCheck({ uuid: 'svc', date: '2026-11-24', time: '08:00:00', totalUah: '500' }), check_type: 'SERVICE_IN', check_data: { total_sum: 500, products: [] } });
    // Another business's checks count nowhere here.
    const other = await createBusiness(database);
    await storeCheck(database.db, other, simpleCheck({ uuid: 'other-1', date: '2026-11-24', time: '12:00:00', totalUah: '9999' }));
  });
  afterAll(async () => {
    await database.destroy();
  });

  it('a week report has the figures of the figures module over the same days, and of the same days before', async () => {
    const period = weekToDate('2026-11-27');
    const report = await computePeriodReport(database.db, { businessId: business.id, kind: 'week', ...period });
    expect(report.figures).toEqual(await computePeriodFigures(database.db, { businessId: business.id, ...period }));
    expect(report.previous).toEqual(await computePeriodFigures(database.db, { businessId: business.id, from: '2026-11-16', to: '2026-11-20' }));
    expect(report.figures.sales.count).toBe(3 + 4 + 5 + 6);
    expect(report.previous.sales.count).toBe(1 + 2);
    expect(report.topByRevenue.map((p) => p.name).sort()).toEqual(['P0', 'P1', 'P2']);
  });

  it('the days of a period add up to its net, day by day as the figures module counts each', async () => {
    const from = '2026-11-15';
    const to = '2026-11-28';
    const daily = await computeDailyRevenue(database.db, { businessId: business.id, from, to });
    expect(daily.map((d) => d.date)).toEqual(Array.from({ length: 14 }, (_, i) => addDays(from, i)));
    for (const d of daily) {
      const day = await computePeriodFigures(database.db, { businessId: business.id, from: d.date, to: d.date });
      expect(d.netKop).toBe(day.netKop);
    }
    const whole = await computePeriodFigures(database.db, { businessId: business.id, from, to });
    expect(daily.reduce((s, d) => s + d.netKop, 0)).toBe(whole.netKop);
    expect(whole.netKop).toBeGreaterThan(0);
  });

  it('the hours of a day add up to its net, each check in its local hour', async () => {
    const hours = await computeHourlyRevenue(database.db, { businessId: business.id, date: '2026-11-24', tz: KYIV });
    const day = await computePeriodFigures(database.db, { businessId: business.id, from: '2026-11-24', to: '2026-11-24' });
    expect(hours).toHaveLength(24);
    expect(hours.reduce((s, v) => s + v, 0)).toBe(day.netKop);
    expect(hours[9]).toBeGreaterThan(0);
    expect(hours[18]).toBe(-4005); // the return alone in its hour
    expect(hours[8]).toBe(0); // the service deposit is not revenue
    expect(hours.slice(0, 8).every((v) => v === 0)).toBe(true);
  });

  it('a month report compares with the same days of the month before', async () => {
    const report = await computePeriodReport(database.db, { businessId: business.id, kind: 'month', from: '2026-11-01', to: '2026-11-27' });
    expect(report.previous.from).toBe('2026-10-01');
    expect(report.previous.to).toBe('2026-10-27');
    expect(report.previous.sales.count).toBe(0);
    expect(report.daily).toHaveLength(27);
    expect(report.hourly).toBeUndefined();
  });

  it('a report of one day is cut into hours (its own and those of the day compared with), and drawn by hour', async () => {
    const clock = { tz: KYIV, dayStart: 0 };
    const report = await computePeriodReport(database.db, { businessId: business.id, kind: 'span', from: '2026-11-24', to: '2026-11-24', clock });
    expect(report.hourly?.hours).toEqual(await computeHourlyRevenue(database.db, { businessId: business.id, date: '2026-11-24', ...clock }));
    expect(report.hourly?.previousHours).toEqual(await computeHourlyRevenue(database.db, { businessId: business.id, date: '2026-11-23', ...clock }));
    expect(report.hourly!.hours.reduce((a, b) => a + b, 0)).toBe(report.figures.netKop);
    // Drawn by hour: the hours of the day on the axis, not one bar of the day.
    const spec = hourlyChartSpec({ date: report.figures.from, hours: report.hourly!.hours, weekAgoDate: report.previous.from, weekAgoHours: report.hourly!.previousHours, report: true }, uk);
    expect(spec.labels).toEqual(['9', '10', '11', '12', '13', '14', '15', '16', '17', '18']);
    const photo = renderPeriodReport(report, uk).photo!.bytes;
    expect(photo.equals(hourlyChartPng({ date: '2026-11-24', hours: report.hourly!.hours, weekAgoDate: '2026-11-23', weekAgoHours: report.hourly!.previousHours, dayStart: 0, report: true }, uk))).toBe(true);
    // Without the clock (or over several days) a report has no hours.
    expect((await computePeriodReport(database.db, { businessId: business.id, kind: 'span', from: '2026-11-24', to: '2026-11-24' })).hourly).toBeUndefined();
    expect((await computePeriodReport(database.db, { businessId: business.id, kind: 'span', from: '2026-11-23', to: '2026-11-24', clock })).hourly).toBeUndefined();
  });
});
