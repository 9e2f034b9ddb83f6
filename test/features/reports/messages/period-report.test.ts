import { describe, expect, it } from 'vitest';
import { dailyChartTitle, renderPeriodReportText } from '../../../../src/features/reports/messages/period-report.js';
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

describe('renderPeriodReportText', () => {
  it('a week: the whole text, compared with the same days before; no picture in it', () => {
    const message = renderPeriodReportText(week(), en);
    expect(parseHtml(message.text).text).toBe(
      '📊 Week 30.11.2026 – 02.12.2026\n\n' +
        'Sales: 4 checks · 300,00 ₴\nNet: 300,00 ₴\nCash: 300,00 ₴ · Cashless: 0,00 ₴\nAverage check: 75,00 ₴\n\n' +
        'Previous period (23.11.2026 – 25.11.2026): 200,00 ₴ → change +50 %',
    );
    expect(message.photo).toBeUndefined();
  });

  it('the title by kind, and the digest when asked for', () => {
    const title = (r: PeriodReport, kind?: Parameters<typeof renderPeriodReportText>[2]) => parseHtml(renderPeriodReportText(r, uk, kind).text).text.split('\n')[0];
    expect(title(week({ kind: 'month' }))).toBe(`📊 ${uk.reports.monthTitle('30.11.2026', '02.12.2026')}`);
    expect(title(week({ kind: 'span' }))).toBe(`📊 ${uk.reports.spanTitle('30.11.2026', '02.12.2026')}`);
    expect(title(week(), 'digest')).toBe(`📊 ${uk.reports.digestTitle('30.11.2026', '02.12.2026')}`);
  });

  it('nothing before: says so instead of a change', () => {
    const text = renderPeriodReportText(week({ previous: figures('2026-11-23', '2026-11-25', 0) }), en).plainText;
    expect(text.endsWith('Previous period (23.11.2026 – 25.11.2026): no sales')).toBe(true);
  });

  it('the top products, at most five, escaped', () => {
    const topByRevenue = Array.from({ length: 6 }, (_, i) => ({ name: `<P${i}>`, unitName: null, quantityMilli: 1000, revenueKop: 1000 }));
    const message = renderPeriodReportText(week({ topByRevenue }), en);
    const lines = parseHtml(message.text).text.split('\n');
    expect(lines).toContain('Top products');
    expect(lines).toContain('5. <P4> — 1 · 10,00 ₴');
    expect(lines.some((l) => l.includes('<P5>'))).toBe(false);
    expect(message.text).toContain('&lt;P0&gt;');
  });
});

describe('dailyChartTitle', () => {
  it("the period's first and last day, in the reader's language", () => {
    expect(dailyChartTitle(week(), en)).toBe('Revenue by day, 30.11.2026 – 02.12.2026');
    expect(dailyChartTitle(week(), uk)).toBe(uk.reports.chartTitle('30.11.2026', '02.12.2026'));
  });
});
