import { describe, expect, it } from 'vitest';
import { renderToday } from '../../../../src/features/reports/messages/today.js';
import { percentChange, renderSummary } from '../../../../src/features/reports/messages/summary.js';
import { uk } from '../../../../src/platform/i18n/uk.js';
import { en } from '../../../../src/platform/i18n/en.js';
import type { PeriodFigures, SummaryFigures } from '../../../../src/features/reports/figures-types.js';
import { parseHtml } from '../../../support/fake-telegram.js';

const zero = { count: 0, sumKop: 0 };
function period(patch: Partial<PeriodFigures> = {}): PeriodFigures {
  return {
    businessId: 1,
    from: '2026-11-27',
    to: '2026-11-27',
    sales: { count: 3, sumKop: 123450 },
    returns: { count: 1, sumKop: 2890 },
    netKop: 120560,
    cashKop: 50000,
    cashlessKop: 70560,
    averageCheckKop: 41150,
    roundingKop: -2,
    serviceIn: zero,
    serviceOut: { count: 1, sumKop: 10000 },
    cashDesks: [
      { cashDeskId: 1, numFiscal: '50037129', sales: { count: 2, sumKop: 100000 }, returns: { count: 1, sumKop: 2890 }, cashInBoxKop: 153040 },
      { cashDeskId: 2, numFiscal: '<desk&2>', sales: { count: 1, sumKop: 23450 }, returns: zero, cashInBoxKop: null },
    ],
    ...patch,
  };
}

describe('renderToday', () => {
  it('shows sales, returns, net, cash vs cashless, average, service, and each desk with its drawer', () => {
    const text = parseHtml(renderToday(period(), uk).text).text;
    expect(text).toContain('Сьогодні, 27.11.2026');
    expect(text).toContain('Продажі: 3 чеки · 1 234,50 ₴');
    expect(text).toContain('Повернення: 1 чек · 28,90 ₴');
    expect(text).toContain('Чистий виторг: 1 205,60 ₴');
    expect(text).toContain('Готівкою: 500,00 ₴ · Безготівково: 705,60 ₴');
    expect(text).toContain('Середній чек: 411,50 ₴');
    expect(text).toContain('Службова видача: 1 чек · 100,00 ₴');
    expect(text).not.toContain('Службове внесення');
    expect(text).toContain('Каса 50037129: 2 чеки · 1 000,00 ₴ · повернення 28,90 ₴ · у шухляді 1 530,40 ₴');
    expect(text).toContain('Каса <desk&2>: 1 чек · 234,50 ₴ · залишок невідомий');
  });

  it('says when there were no checks yet, still showing the drawers', () => {
    const empty = period({ sales: zero, returns: zero, netKop: 0, cashKop: 0, cashlessKop: 0, averageCheckKop: 0, serviceOut: zero });
    const text = renderToday(empty, en).plainText;
    expect(text).toContain('No checks yet.');
    expect(text).not.toContain('Average');
    expect(text).toContain('Cash desk 50037129: 2 checks');
  });
});

describe('renderSummary', () => {
  const summary = (patch: Partial<SummaryFigures> = {}): SummaryFigures => ({
    ...period(),
    topByRevenue: Array.from({ length: 7 }, (_, i) => ({ name: `Товар <${i + 1}>`, unitName: 'шт', quantityMilli: (7 - i) * 1000, revenueKop: (7 - i) * 10000 })),
    topByQuantity: [],
    weekAgo: period({ from: '2026-11-20', to: '2026-11-20', netKop: 100000 }),
    ...patch,
  });

  it('adds the top 5 products and the change against the same weekday a week before', () => {
    const text = parseHtml(renderSummary(summary(), uk).text).text;
    expect(text).toContain('Z-звіт за 27.11.2026');
    expect(text).toContain('Чистий виторг: 1 205,60 ₴');
    expect(text).toContain('1. Товар <1> — 7 шт · 700,00 ₴');
    expect(text).toContain('5. Товар <5> — 3 шт · 300,00 ₴');
    expect(text).not.toContain('Товар <6>');
    expect(text).toContain('Тиждень тому (пт, 20.11.2026): 1 000,00 ₴ → зміна +20,6 %');
  });

  it('says so when there was nothing a week before', () => {
    const text = renderSummary(summary({ weekAgo: period({ from: '2026-11-20', sales: zero, returns: zero, netKop: 0 }) }), en).plainText;
    expect(text).toContain('A week before (Fri, 20.11.2026): no sales');
  });

  it('computes the change with a sign and one decimal', () => {
    expect(percentChange(110, 100)).toBe('+10 %');
    expect(percentChange(90, 100)).toBe('−10 %');
    expect(percentChange(100, 100)).toBe('0 %');
    expect(percentChange(1, 3)).toBe('−66,7 %');
    expect(percentChange(5, 0)).toBeUndefined();
  });
});
