import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { barChartSvg, labelEvery, niceScale } from '../../../../src/features/reports/charts/bar-chart.js';
import { dailyChartPng, dailyChartSpec, hourlyChartPng, hourlyChartSpec } from '../../../../src/features/reports/charts/sales-charts.js';
import { formatMoneyWhole } from '../../../../src/platform/money/format.js';
import { catalogue } from '../../../../src/platform/i18n/lang.js';
import { addDays } from '../../../../src/platform/time/business-time.js';

const uk = catalogue('uk');

/** Width and height from a PNG's IHDR, after checking the signature and that chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  expect(png.subarray(png.length - 8, png.length - 4).toString('latin1')).toBe('IEND');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Kept for a look when CHART_OUT is set (CHART_OUT=/tmp/charts npx vitest run test/charts). */
function keep(name: string, png: Buffer) {
  const dir = process.env.CHART_OUT;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), png);
}

const zeros = () => Array.from({ length: 24 }, () => 0);

describe('chart PNGs', () => {
  it.each([
    ['no sales', zeros(), zeros()],
    ['one sale', zeros().map((_, h) => (h === 10 ? 12_350 : 0)), zeros()],
    // Thousands of sales: about 3 000 checks of 50–900 ₴ spread over the opening hours.
    [
      'thousands',
      zeros().map((_, h) => (h >= 8 && h <= 21 ? 214 * (5_000 + ((h * 7919) % 85_000)) : 0)),
      zeros().map((_, h) => (h >= 9 && h <= 20 ? 190 * (6_000 + ((h * 104729) % 70_000)) : 0)),
    ],
  ])('the hourly chart of a day with %s is a phone-sized PNG', (name, hours, weekAgoHours) => {
    const png = hourlyChartPng({ date: '2026-11-27', hours, weekAgoDate: '2026-11-20', weekAgoHours }, uk);
    keep(`hourly-${name.replace(/ /g, '-')}.png`, png);
    expect(pngSize(png)).toEqual({ width: 1000, height: 600 });
    expect(png.length).toBeGreaterThan(8_000);
    expect(png.length).toBeLessThan(400_000);
  });

  it.each([7, 31, 366])('the daily chart of %i days is a phone-sized PNG', (n) => {
    const days = Array.from({ length: n }, (_, i) => ({ date: addDays('2026-01-01', i), netKop: ((i * 7919) % 50) * 123_456 }));
    const png = dailyChartPng({ title: uk.reports.chartTitle('01.01.2026', '…'), days }, uk);
    keep(`daily-${n}.png`, png);
    expect(pngSize(png)).toEqual({ width: 1000, height: 600 });
    expect(png.length).toBeGreaterThan(8_000);
    expect(png.length).toBeLessThan(400_000);
  });

  it('different data draws a different picture', () => {
    const a = hourlyChartPng({ date: '2026-11-27', hours: zeros(), weekAgoDate: '2026-11-20', weekAgoHours: zeros() }, uk);
    const b = hourlyChartPng({ date: '2026-11-27', hours: zeros().map((_, h) => (h === 10 ? 100 : 0)), weekAgoDate: '2026-11-20', weekAgoHours: zeros() }, uk);
    expect(a.equals(b)).toBe(false);
  });

  it("the hourly chart's bars are labelled by the wall-clock hour, from the business day's first hour (BUSINESS_DAY_START)", () => {
    const input = { date: '2026-11-27', hours: zeros(), weekAgoDate: '2026-11-20', weekAgoHours: zeros() };
    // Checks from the business day's first hour to its last: all 24 hours, 04:00 first.
    const allDay = zeros().map((_, h) => (h === 0 || h === 23 ? 100 : 0));
    expect(hourlyChartSpec({ ...input, hours: allDay }, uk).labels).toEqual(zeros().map((_, h) => String(h)));
    const bar = hourlyChartSpec({ ...input, hours: allDay, dayStart: 4 * 60 }, uk).labels;
    expect(bar.slice(0, 3)).toEqual(['4', '5', '6']);
    expect(bar.slice(19)).toEqual(['23', '0', '1', '2', '3']);
    const png = hourlyChartPng({ ...input, hours: zeros().map((_, h) => (h === 21 ? 100 : 0)), dayStart: 4 * 60 }, uk);
    expect(pngSize(png)).toEqual({ width: 1000, height: 600 });
  });
});

describe('the chart SVG', () => {
  const svg = (values: number[], extra: Partial<Parameters<typeof barChartSvg>[0]> = {}) =>
    barChartSvg({
      title: 'Виторг <за> годинами',
      labels: values.map((_, i) => String(i)),
      series: [{ name: 'Сьогодні', values, style: 'bars', color: '#2563eb' }],
      formatTick: (kop) => `${kop / 100} ₴`,
      emptyText: 'Продажів не було',
      ...extra,
    });

  it('has one bar per non-zero value, escaped Ukrainian text and money ticks', () => {
    const out = svg([0, 500, 0, 12_000]);
    expect(out.match(/<rect [^>]*fill="#2563eb"/g)).toHaveLength(3); // the legend's swatch and two bars
    expect(out).toContain('Виторг &lt;за&gt; годинами');
    expect(out).toContain('>0 ₴</text>');
    expect(out).toContain('>150 ₴</text>');
    expect(out).not.toContain('Продажів не було');
  });

  it('says so when there were no sales', () => {
    expect(svg([0, 0, 0])).toContain('Продажів не було');
  });

  it('draws negative values (more returns than sales) below the zero line', () => {
    const out = svg([-1_000, 5_000]);
    expect(out).toContain('>-20 ₴</text>');
    expect(out).not.toContain('#ffffff" stroke-width="3"'); // not cut
  });
});

describe('niceScale', () => {
  it.each([
    [0, 0, { min: 0, max: 10_000, step: 2_000 }],
    [0, 1, { min: 0, max: 100, step: 100 }],
    [0, 12_350, { min: 0, max: 15_000, step: 5_000 }],
    [0, 987_654_321, { min: 0, max: 1_000_000_000, step: 200_000_000 }],
    [-3_000, 5_000, { min: -4_000, max: 6_000, step: 2_000 }],
  ])('%i..%i', (lo, hi, expected) => {
    const s = niceScale(lo, hi);
    expect({ min: s.min, max: s.max, step: s.step }).toEqual(expected);
    expect(s.ticks[0]).toBe(s.min);
    expect(s.ticks.at(-1)).toBe(s.max);
    expect(s.ticks.every((t) => t % 100 === 0)).toBe(true);
  });
});

describe('labelEvery', () => {
  it('writes every label when they fit, and thins them when they do not', () => {
    expect(labelEvery(['1', '2', '3'], 100)).toBe(1);
    expect(labelEvery(['01.01'], 30)).toBeGreaterThan(1);
  });
});

describe('charts that read at a glance', () => {
  const hoursOf = (busy: Record<number, number>) => Array.from({ length: 24 }, (_, h) => busy[h] ?? 0);

  it('the hourly chart shows the hours the shop was open, not 24', () => {
    const spec = hourlyChartSpec({ date: '2026-11-27', hours: hoursOf({ 9: 1_000_00, 20: 500_00 }), weekAgoDate: '2026-11-20', weekAgoHours: hoursOf({ 8: 300_00 }) }, uk);
    expect(spec.labels).toEqual(['8', '9', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20']);
    expect(spec.series.map((s) => s.values.length)).toEqual([13, 13]);
    expect(spec.series[0]!.values[1]).toBe(1_000_00);
    expect(spec.series[1]!.values[0]).toBe(300_00);
  });

  it('one negative day does not stretch the axis: its bar is cut, with its value written', () => {
    const days = Array.from({ length: 7 }, (_, i) => ({ date: `2026-11-${23 + i}`, netKop: i === 3 ? -85_400_00 : 20_000_00 + i * 1_000_00 }));
    const out = barChartSvg(dailyChartSpec({ title: 'Тиждень', days }, uk));
    // The axis ends at -10 000 ₴ (30 % of the best day, rounded out to a tick), not at -90 000 ₴.
    expect(out).toContain('>-10 000 ₴</text>');
    expect(out).not.toMatch(/>-[2-9]0 000 ₴<\/text>/);
    expect(out).toContain('stroke="#ffffff" stroke-width="3"');
    expect(out).toMatch(/>-85( 400 ₴| тис\.)<\/text>/);
  });

  it('the bars carry their values, with the one money formatter', () => {
    const days = Array.from({ length: 7 }, (_, i) => ({ date: `2026-11-${23 + i}`, netKop: 9_000_00 + i * 4_321_00 }));
    const out = barChartSvg(dailyChartSpec({ title: 'Тиждень', days }, uk));
    for (const d of days) expect(out).toContain(`>${formatMoneyWhole(d.netKop)}</text>`);
  });
});

