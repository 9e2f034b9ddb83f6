import { describe, expect, it } from 'vitest';
import { renderSaleAlert, kindLabel } from '../../../../src/features/sales/messages/sale-alert.js';
import { uk } from '../../../../src/platform/i18n/uk.js';
import { en } from '../../../../src/platform/i18n/en.js';
import { parseHtml } from '../../../support/fake-telegram.js';
import { checkView } from './check-views.js';

const TZ = 'Europe/Kyiv';

describe('renderSaleAlert', () => {
  it('shows kind, cash desk, local time, number, items, rounding, total, payment and both buttons', () => {
    const msg = renderSaleAlert(checkView(), uk, TZ);
    const visible = parseHtml(msg.text).text;
    expect(visible).toBe(msg.plainText);
    expect(visible).toContain('Продаж · Каса 50037129');
    expect(visible).toContain('27.11.2026 10:15 · чек № DEV_00000128ebcfe');
    expect(visible).toContain('1. Хліб білий\n    2 шт × 28,90 ₴ = 57,80 ₴');
    expect(visible).toContain('3. Яблука Голден\n    1,237 кг × 39,99 ₴ = 49,47 ₴');
    expect(visible).toContain('Заокруглення: -0,02 ₴');
    expect(visible).not.toContain('Знижка');
    expect(visible).toContain('Разом: 148,60 ₴');
    expect(visible).toContain('Готівка: 148,60 ₴ (отримано 200,00 ₴, решта 51,40 ₴)');
    expect(msg.parseMode).toBe('HTML');
    expect(msg.replyMarkup).toEqual({
      inline_keyboard: [
        [
          { text: 'Чек онлайн', url: 'https://test.cashdesk.com.ua/check/0b6f3c1e/html' },
          { text: 'PDF', callback_data: 'pdf:42' },
        ],
      ],
    });
  });

  it('shows discounts when not zero, card payments, and English', () => {
    const msg = renderSaleAlert(
      checkView({ discountKop: 500, roundKop: 0, payments: [{ isCash: false, name: 'КАРТКА', sumKop: 14360, providedKop: null, remainsKop: null }] }),
      en,
      TZ,
    );
    expect(msg.plainText).toContain('Sale · Cash desk 50037129');
    expect(msg.plainText).toContain('Discount: 5,00 ₴');
    expect(msg.plainText).not.toContain('Rounding');
    expect(msg.plainText).toContain('Card: 143,60 ₴');
  });

  it('keeps every product name exactly as sent: HTML and Markdown characters verbatim', () => {
    const names = ['<b>Вино</b> "Шато" & Co', '*жирний* _курсив_ `код` [лінк](http://x) ~~', '</code><a href="x">', '&amp; &lt; 5>3'];
    const view = checkView({ items: names.map((name) => ({ name, unitName: 'шт<>', amountMilli: 1000, priceKop: 100, costKop: 100, discountKop: 0 })) });
    const msg = renderSaleAlert(view, uk, TZ);
    const parsed = parseHtml(msg.text);
    for (const name of names) expect(parsed.text).toContain(name);
    expect(parsed.text).toContain('1 шт<> × 1,00 ₴');
    // Only our own markup became entities: the bold kind and the bold total.
    expect(parsed.entities.map((e) => e.type)).toEqual(['bold', 'bold']);
  });

  it('shortens a long check to 4096 visible characters, keeping the total, with "…і ще N"', () => {
    const items = Array.from({ length: 400 }, (_, i) => ({
      name: `Товар ${i + 1}: цвяхи оцинковані 3x40 мм, упаковка <100 шт> & "ще"`,
      unitName: 'уп',
      amountMilli: 1000,
      priceKop: 2500,
      costKop: 2500,
      discountKop: 0,
    }));
    const msg = renderSaleAlert(checkView({ items, totalKop: 1_000_000, roundKop: 0 }), uk, TZ);
    const parsed = parseHtml(msg.text);
    expect(parsed.text.length).toBeLessThanOrEqual(4096);
    const shown = parsed.text.split('\n').filter((l) => /^\d+\. Товар/.test(l)).length;
    expect(shown).toBeGreaterThan(10);
    expect(parsed.text).toContain(`…і ще ${400 - shown}`);
    expect(parsed.text).toContain('Разом: 10 000,00 ₴');
    expect(parsed.text).toContain('Готівка');
    expect(renderSaleAlert(checkView({ items }), en, TZ).plainText).toMatch(/…and \d+ more/);
  });

  it('clips a monstrous product name instead of losing the message', () => {
    const msg = renderSaleAlert(checkView({ items: [{ name: 'Я'.repeat(10_000), unitName: null, amountMilli: 1000, priceKop: 1, costKop: 1, discountKop: 0 }] }), uk, TZ);
    expect(parseHtml(msg.text).text.length).toBeLessThanOrEqual(4096);
    expect(msg.plainText).toContain('Разом: 148,60 ₴');
    expect(msg.plainText).toContain('…\n    1 × 0,01 ₴');
  });

  it('names the kinds, and shows an unknown check_type as it came', () => {
    expect(kindLabel({ kind: 'return', checkType: 'RETURN' }, uk)).toBe('Повернення');
    expect(kindLabel({ kind: 'service_in', checkType: 'SERVICE_IN' }, uk)).toBe('Службове внесення');
    expect(kindLabel({ kind: 'service_out', checkType: 'SERVICE_OUT' }, en)).toBe('Cash withdrawal');
    expect(kindLabel({ kind: 'sale', checkType: 'PREPAYMENT<1>' }, uk)).toBe('Продаж (PREPAYMENT<1>)');
    expect(kindLabel({ kind: 'other', checkType: 'FISCAL_X' }, en)).toBe('Check (FISCAL_X)');
    const msg = renderSaleAlert(checkView({ kind: 'other', checkType: 'FISCAL_<X>', items: [] }), uk, TZ);
    expect(parseHtml(msg.text).text).toContain('Чек (FISCAL_<X>) · Каса 50037129');
    expect(msg.plainText).toContain('без товарів');
  });

  it('leaves out buttons it cannot make: no PDF, or a link Telegram would refuse', () => {
    expect(renderSaleAlert(checkView({ hasPdf: false, link: 'javascript:alert(1)' }), uk, TZ).replyMarkup).toBeUndefined();
    expect(renderSaleAlert(checkView({ hasPdf: false }), uk, TZ).replyMarkup?.inline_keyboard[0]).toHaveLength(1);
    expect(renderSaleAlert(checkView({ link: null }), uk, TZ).replyMarkup?.inline_keyboard[0]).toEqual([{ text: 'PDF', callback_data: 'pdf:42' }]);
  });

  it('marks an offline check', () => {
    expect(renderSaleAlert(checkView({ isOffline: true }), uk, TZ).plainText).toContain('· офлайн-чек');
  });
});
