import { describe, expect, it } from 'vitest';
import { dailyChartTitle, renderPeriodReportText } from '../../../../src/features/reports/messages/period-report.js';
import type { PeriodReport } from '../../../../src/features/reports/period-report.js';
import { figures, week } from '../period-report-fixture.js';
import { en } from '../../../../src/platform/i18n/en.js';
import { uk } from '../../../../src/platform/i18n/uk.js';
import { parseHtml } from '../../../support/fake-telegram.js';


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
