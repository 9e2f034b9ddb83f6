import { describe, expect, it } from 'vitest';
import { percentChange, productLine, renderSummary, TOP_PRODUCTS } from '../../../../src/features/reports/messages/summary.js';
import type { PeriodFigures, SummaryFigures } from '../../../../src/features/reports/figures-types.js';
import { uk } from '../../../../src/platform/i18n/uk.js';
import { en } from '../../../../src/platform/i18n/en.js';
import { parseHtml } from '../../../support/fake-telegram.js';

const zero = { count: 0, sumKop: 0 };
const day = (from: string, patch: Partial<PeriodFigures> = {}): PeriodFigures => ({
  businessId: 1,
  from,
  to: from,
  sales: { count: 2, sumKop: 20_000 },
  returns: zero,
  netKop: 20_000,
  cashKop: 20_000,
  cashlessKop: 0,
  averageCheckKop: 10_000,
  roundingKop: 0,
  serviceIn: zero,
  serviceOut: zero,
  cashDesks: [],
  ...patch,
});
const summary = (patch: Partial<SummaryFigures> = {}): SummaryFigures => ({
  ...day('2026-12-07'),
  topByRevenue: [],
  topByQuantity: [],
  weekAgo: day('2026-11-30', { netKop: 10_000 }),
  ...patch,
});

describe('percentChange', () => {
  it('against the absolute value before, so a loss that shrinks is a rise', () => {
    expect(percentChange(-50, -100)).toBe('+50 %');
    expect(percentChange(-150, -100)).toBe('−50 %');
    expect(percentChange(100, -100)).toBe('+200 %');
  });

  it('rounds to one decimal, and drops the sign where it rounds to nothing', () => {
    expect(percentChange(100_001, 100_000)).toBe('0 %');
    expect(percentChange(99_999, 100_000)).toBe('0 %');
    expect(percentChange(100_050, 100_000)).toBe('+0,1 %');
    expect(percentChange(2, 3)).toBe('−33,3 %');
    expect(percentChange(0, 100)).toBe('−100 %');
    expect(percentChange(1_000_000, 1)).toBe('+99999900 %');
  });
});

describe('productLine', () => {
  it('the place, the name, the quantity with its unit, and the revenue', () => {
    expect(productLine({ name: 'Кава', unitName: 'кг', quantityMilli: 1053, revenueKop: 24_219 }, 0)).toBe('1. Кава — 1,053 кг · 242,19 ₴');
    expect(productLine({ name: 'Послуга', unitName: null, quantityMilli: 2000, revenueKop: 100 }, 4)).toBe('5. Послуга — 2 · 1,00 ₴');
  });

  it("escapes the names and cuts them (120 characters, a unit's 20)", () => {
    const line = productLine({ name: `<b>${'x'.repeat(200)}`, unitName: 'u'.repeat(30), quantityMilli: 1000, revenueKop: 0 }, 0);
    expect(line).toBe(`1. &lt;b&gt;${'x'.repeat(116)}… — 1 ${'u'.repeat(19)}… · 0,00 ₴`);
  });
});

describe('renderSummary', () => {
  it('the whole message in English: title, figures, and a week before on a Monday', () => {
    const text = parseHtml(renderSummary(summary(), en, 'Shop').text).text;
    expect(text).toBe(
      '📊 Shop · Z summary for 07.12.2026\n\n' +
        'Sales: 2 checks · 200,00 ₴\nNet: 200,00 ₴\nCash: 200,00 ₴ · Cashless: 0,00 ₴\nAverage check: 100,00 ₴\n\n' +
        'A week before (Mon, 30.11.2026): 100,00 ₴ → change +100 %',
    );
  });

  it('the weekday in the reader\'s language', () => {
    expect(parseHtml(renderSummary(summary(), uk).text).text).toContain('(пн, 30.11.2026)');
  });

  it('a week before with only returns is compared, and a net of zero then has no percentage', () => {
    const weekAgo = day('2026-11-30', { sales: zero, returns: { count: 1, sumKop: 500 }, netKop: 0 });
    expect(renderSummary(summary({ weekAgo }), en).plainText.endsWith('A week before (Mon, 30.11.2026): 0,00 ₴')).toBe(true);
  });

  it(`at most ${TOP_PRODUCTS} products, in the order given`, () => {
    const topByRevenue = Array.from({ length: 8 }, (_, i) => ({ name: `P${i}`, unitName: null, quantityMilli: 1000, revenueKop: 1000 - i }));
    const lines = renderSummary(summary({ topByRevenue }), en).plainText.split('\n');
    expect(lines.filter((l) => /^\d\. P\d/.test(l))).toEqual(['1. P0 — 1 · 10,00 ₴', '2. P1 — 1 · 9,99 ₴', '3. P2 — 1 · 9,98 ₴', '4. P3 — 1 · 9,97 ₴', '5. P4 — 1 · 9,96 ₴']);
    expect(lines).toContain('Top products');
  });

  it('no products: no top heading', () => {
    expect(renderSummary(summary(), en).plainText).not.toContain('Top products');
  });
});
