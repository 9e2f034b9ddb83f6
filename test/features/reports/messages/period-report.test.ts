import { describe, expect, it } from 'vitest';
import { renderPeriodReport } from '../../../../src/features/reports/messages/period-report.js';
import type { PeriodReport } from '../../../../src/features/reports/period-report.js';
import type { PeriodFigures } from '../../../../src/features/reports/figures-types.js';
import { en } from '../../../../src/platform/i18n/en.js';
import { uk } from '../../../../src/platform/i18n/uk.js';
import { parseHtml } from '../../../support/fake-telegram.js';

const zero = { count: 0, sumKop: 0 };
const figures = (from: string, to: string, netKop: number): PeriodFigures => ({
  businessId: 1,
  from,
  to,
  sales: netKop > 0 ? { count: 4, sumKop: netKop } : zero,
  returns: zero,
  netKop,
  cashKop: netKop,
  cashlessKop: 0,
  averageCheckKop: netKop > 0 ? Math.round(netKop / 4) : 0,
  roundingKop: 0,
  serviceIn: zero,
  serviceOut: zero,
  cashDesks: [],
});
const week = (patch: Partial<PeriodReport> = {}): PeriodReport => ({
  kind: 'week',
  figures: figures('2026-11-30', '2026-12-02', 30_000),
  previous: figures('2026-11-23', '2026-11-25', 20_000),
  topByRevenue: [],
  daily: [
    { date: '2026-11-30', netKop: 10_000 },
    { date: '2026-12-01', netKop: 0 },
    { date: '2026-12-02', netKop: 20_000 },
  ],
  ...patch,
});
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('renderPeriodReport', () => {
  it('a week: the whole text, compared with the same days before, and its chart by day as a photo', () => {
    const message = renderPeriodReport(week(), en);
    expect(parseHtml(message.text).text).toBe(
      '📊 Week 30.11.2026 – 02.12.2026\n\n' +
        'Sales: 4 checks · 300,00 ₴\nNet: 300,00 ₴\nCash: 300,00 ₴ · Cashless: 0,00 ₴\nAverage check: 75,00 ₴\n\n' +
        'Previous period (23.11.2026 – 25.11.2026): 200,00 ₴ → change +50 %',
    );
    expect(message.photo?.filename).toBe('report-2026-11-30-2026-12-02.png');
    expect(message.photo?.bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  });

  it('the title by kind, and the digest when asked for', () => {
    const title = (r: PeriodReport, kind?: Parameters<typeof renderPeriodReport>[2]) => parseHtml(renderPeriodReport(r, uk, kind).text).text.split('\n')[0];
    expect(title(week({ kind: 'month' }))).toBe(`📊 ${uk.reports.monthTitle('30.11.2026', '02.12.2026')}`);
    expect(title(week({ kind: 'span' }))).toBe(`📊 ${uk.reports.spanTitle('30.11.2026', '02.12.2026')}`);
    expect(title(week(), 'digest')).toBe(`📊 ${uk.reports.digestTitle('30.11.2026', '02.12.2026')}`);
  });

  it('nothing before: says so instead of a change', () => {
    const text = renderPeriodReport(week({ previous: figures('2026-11-23', '2026-11-25', 0) }), en).plainText;
    expect(text.endsWith('Previous period (23.11.2026 – 25.11.2026): no sales')).toBe(true);
  });

  it('the top products, at most five, escaped', () => {
    const topByRevenue = Array.from({ length: 6 }, (_, i) => ({ name: `<P${i}>`, unitName: null, quantityMilli: 1000, revenueKop: 1000 }));
    const message = renderPeriodReport(week({ topByRevenue }), en);
    const lines = parseHtml(message.text).text.split('\n');
    expect(lines).toContain('Top products');
    expect(lines).toContain('5. <P4> — 1 · 10,00 ₴');
    expect(lines.some((l) => l.includes('<P5>'))).toBe(false);
    expect(message.text).toContain('&lt;P0&gt;');
  });

  it('a report of one day is drawn by hour', () => {
    const day = week({
      figures: figures('2026-12-02', '2026-12-02', 30_000),
      previous: figures('2026-11-25', '2026-11-25', 20_000),
      daily: [{ date: '2026-12-02', netKop: 30_000 }],
      hourly: { hours: Array.from({ length: 24 }, (_, h) => (h === 10 ? 30_000 : 0)), previousHours: Array.from({ length: 24 }, () => 0), dayStart: 0 },
    });
    const byHour = renderPeriodReport(day, en).photo!.bytes;
    const byDay = renderPeriodReport({ ...day, hourly: undefined }, en).photo!.bytes;
    expect(byHour.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(byHour.equals(byDay)).toBe(false);
  });
});
