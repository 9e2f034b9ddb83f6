import { describe, expect, it } from 'vitest';
import { barChartSvg, labelEvery, niceScale, type ChartSpec } from '../../../../src/features/reports/charts/bar-chart.js';

const spec = (patch: Partial<ChartSpec> = {}): ChartSpec => ({
  title: 'Net by day',
  labels: ['01', '02', '03'],
  series: [{ name: 'Net', values: [10_000, 20_000, 0], style: 'bars', color: '#2563eb' }],
  formatTick: (kop) => `${kop / 100}`,
  emptyText: 'No sales',
  ...patch,
});

describe('niceScale', () => {
  it('always covers zero: only negative values reach up to it', () => {
    expect(niceScale(-5_000, -1_000)).toEqual({ min: -5_000, max: 0, step: 1_000, ticks: [-5_000, -4_000, -3_000, -2_000, -1_000, 0] });
  });

  it('a step is 1, 2 or 5 times a power of ten, never under 1 ₴', () => {
    expect(niceScale(0, 50)).toEqual({ min: 0, max: 100, step: 100, ticks: [0, 100] });
    expect(niceScale(-500, 1_000)).toEqual({ min: -500, max: 1_000, step: 500, ticks: [-500, 0, 500, 1_000] });
    expect(niceScale(0, 100_000, 10).step).toBe(10_000);
  });
});

describe('labelEvery', () => {
  it('every how many slots a label fits: 20-pixel font, 0.62 of it a character, 8 pixels apart', () => {
    // '01.12' is 5 × 12.4 + 8 = 70 pixels wide.
    expect(labelEvery(['01.12'], 70)).toBe(1);
    expect(labelEvery(['01.12'], 69)).toBe(2);
    expect(labelEvery(['01.12'], 35)).toBe(2);
    expect(labelEvery(['01.12'], 34)).toBe(3);
    expect(labelEvery([], 100)).toBe(1);
  });
});

describe('barChartSvg', () => {
  it('an SVG of the size asked for, 1000 × 600 unless told', () => {
    expect(barChartSvg(spec())).toMatch(/^<svg [^>]*width="1000" height="600"/);
    expect(barChartSvg(spec({ width: 640, height: 320 }))).toMatch(/^<svg [^>]*width="640" height="320"/);
  });

  it('escapes every text it writes: title, series name, labels, ticks and the empty text', () => {
    const svg = barChartSvg(
      spec({
        title: 'Кава & <Чай>',
        labels: ['"a"', "b'", 'c'],
        series: [{ name: '<net>', values: [0, 0, 0], style: 'bars', color: '#000' }],
        formatTick: () => '<t>',
        emptyText: 'nothing & none',
      }),
    );
    expect(svg).toContain('Кава &amp; &lt;Чай&gt;');
    expect(svg).toContain('&lt;net&gt;');
    expect(svg).toContain('&quot;a&quot;');
    expect(svg).toContain('b&apos;');
    expect(svg).toContain('&lt;t&gt;');
    expect(svg).toContain('nothing &amp; none');
    expect(svg).not.toMatch(/<Чай>|<net>|<t>/);
  });

  it('the empty text only when every value is 0', () => {
    expect(barChartSvg(spec({ series: [{ name: 'Net', values: [0, 0, 0], style: 'bars', color: '#000' }] }))).toContain('>No sales</text>');
    expect(barChartSvg(spec())).not.toContain('>No sales</text>');
  });
});
