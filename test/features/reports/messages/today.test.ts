import { describe, expect, it } from 'vitest';
import { figureLines, isEmptyPeriod, renderToday, withShop } from '../../../../src/features/reports/messages/today.js';
import type { PeriodFigures } from '../../../../src/features/reports/figures-types.js';
import { uk } from '../../../../src/platform/i18n/uk.js';
import { en } from '../../../../src/platform/i18n/en.js';
import { TEXT_LIMIT } from '../../../../src/platform/telegram/limits.js';
import { parseHtml } from '../../../support/fake-telegram.js';

const zero = { count: 0, sumKop: 0 };
const figures = (patch: Partial<PeriodFigures> = {}): PeriodFigures => ({
  businessId: 1,
  from: '2026-01-05',
  to: '2026-01-05',
  sales: { count: 1, sumKop: 76_800 },
  returns: zero,
  netKop: 76_800,
  cashKop: 0,
  cashlessKop: 76_800,
  averageCheckKop: 76_800,
  roundingKop: 0,
  serviceIn: zero,
  serviceOut: zero,
  cashDesks: [],
  ...patch,
});

describe('withShop', () => {
  it("puts the shop's name before the title, when there is one", () => {
    expect(withShop('Today, 05.01.2026', undefined)).toBe('Today, 05.01.2026');
    expect(withShop('Today, 05.01.2026', 'Кав’ярня')).toBe('Кав’ярня · Today, 05.01.2026');
  });
});

describe('isEmptyPeriod', () => {
  it('empty only when no check of any kind came', () => {
    const none = figures({ sales: zero });
    expect(isEmptyPeriod(none)).toBe(true);
    expect(isEmptyPeriod({ ...none, returns: { count: 1, sumKop: 100 } })).toBe(false);
    expect(isEmptyPeriod({ ...none, serviceIn: { count: 1, sumKop: 100 } })).toBe(false);
    expect(isEmptyPeriod({ ...none, serviceOut: { count: 1, sumKop: 100 } })).toBe(false);
    expect(isEmptyPeriod({ ...none, netKop: 500 })).toBe(true);
  });
});

describe('figureLines', () => {
  it('one sale, no returns: no returns line, and the net in bold', () => {
    expect(figureLines(figures(), en)).toEqual([
      'Sales: 1 check · 768,00 ₴',
      '<b>Net: 768,00 ₴</b>',
      'Cash: 0,00 ₴ · Cashless: 768,00 ₴',
      'Average check: 768,00 ₴',
    ]);
  });

  it('only service deposits: no average, the deposits counted', () => {
    const lines = figureLines(figures({ sales: zero, netKop: 0, cashlessKop: 0, averageCheckKop: 0, serviceIn: { count: 2, sumKop: 100_000 } }), en);
    expect(lines).toEqual(['Sales: 0 checks · 0,00 ₴', '<b>Net: 0,00 ₴</b>', 'Cash: 0,00 ₴ · Cashless: 0,00 ₴', 'Cash deposits: 2 checks · 1 000,00 ₴']);
  });

  it('a negative net (more returned than sold) keeps its sign', () => {
    const lines = figureLines(figures({ sales: { count: 1, sumKop: 1000 }, returns: { count: 1, sumKop: 5000 }, netKop: -4000 }), uk);
    expect(lines).toContain('<b>Чистий виторг: -40,00 ₴</b>');
  });
});

describe('renderToday', () => {
  it('the whole message for one sale in a shop with its name, in English', () => {
    const message = renderToday(
      figures({ cashDesks: [{ cashDeskId: 1, numFiscal: '4000000000', sales: { count: 1, sumKop: 76_800 }, returns: zero, cashInBoxKop: 0 }] }),
      en,
      'Corner <Shop>',
    );
    expect(parseHtml(message.text).text).toBe(
      '📊 Corner <Shop> · Today, 05.01.2026\n\n' +
        'Sales: 1 check · 768,00 ₴\nNet: 768,00 ₴\nCash: 0,00 ₴ · Cashless: 768,00 ₴\nAverage check: 768,00 ₴\n\n' +
        'Cash desks\nCash desk 4000000000: 1 check · 768,00 ₴ · in drawer 0,00 ₴',
    );
    expect(message.text).toContain('Corner &lt;Shop&gt;');
  });

  it('no cash desks: no cash desks heading', () => {
    expect(renderToday(figures(), en).plainText).not.toContain('Cash desks');
  });

  it('many cash desks fit in one message, the rest counted', () => {
    const cashDesks = Array.from({ length: 500 }, (_, i) => ({ cashDeskId: i, numFiscal: `${'9'.repeat(50)}${i}`, sales: { count: 1, sumKop: 100 }, returns: zero, cashInBoxKop: 100 }));
    const text = parseHtml(renderToday(figures({ cashDesks }), uk).text).text;
    expect(text.length).toBeLessThanOrEqual(TEXT_LIMIT);
    const kept = text.split('\n').filter((line) => line.startsWith('Каса 999')).length;
    expect(kept).toBeGreaterThan(0);
    expect(text.endsWith(uk.sale.more(500 - kept))).toBe(true);
  });
});
