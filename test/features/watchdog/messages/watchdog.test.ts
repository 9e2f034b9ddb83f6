import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../../src/platform/i18n/lang.js';
import {
  formatPercent,
  renderDrawerMismatch,
  renderLargeDiscount,
  renderLargeReturn,
  renderServiceOut,
  renderTillOffline,
} from '../../../../src/features/watchdog/messages/watchdog.js';
import { renderWatchdogThreshold } from '../../../../src/features/watchdog/messages/watchdog-thresholds.js';
import { pdfCallbackData } from '../../../../src/features/sales/callback-data.js';
import { checkView } from '../../sales/messages/check-views.js';

const TZ = 'Europe/Kyiv';
const uk = catalogue('uk');
const en = catalogue('en');

/** The e-receipt and PDF buttons of the sale alert, for the check concerned. */
function expectCheckButtons(message: { replyMarkup?: { inline_keyboard: unknown[][] } }, checkId: number, link: string) {
  const buttons = message.replyMarkup!.inline_keyboard.flat() as Array<{ url?: string; callback_data?: string }>;
  expect(buttons.map((b) => b.url ?? b.callback_data)).toEqual([link, pdfCallbackData(checkId)]);
}

const returned = checkView({
  checkId: 77,
  kind: 'return',
  checkType: 'RETURN',
  orderNum: 'DEV_00000328ebcff',
  orderedAt: new Date('2026-11-27T13:10:00Z'),
  totalKop: 120_000,
  items: [{ name: 'Кавоварка <Delonghi> & фільтр', unitName: 'шт', amountMilli: 1000, priceKop: 120_000, costKop: 120_000, discountKop: 0 }],
});

describe('watchdog messages', () => {
  it('large return: amount against the threshold, the day\'s share, the items escaped, the check number and its buttons', () => {
    const m = renderLargeReturn(returned, { thresholdKop: 100_000, share: { salesKop: 800_000, returnsKop: 120_000 } }, uk, TZ);
    expect(m.plainText).toBe(
      [
        '↩️ Велике повернення · Каса 50037129',
        '27.11.2026 15:10 · чек № DEV_00000328ebcff',
        '',
        'Повернення: 1 200,00 ₴ (поріг 1 000,00 ₴)',
        'Повернення за день — 15 % продажів (1 200,00 ₴ з 8 000,00 ₴)',
        '',
        '1. Кавоварка <Delonghi> & фільтр',
        '    1 шт × 1 200,00 ₴ = 1 200,00 ₴',
      ].join('\n'),
    );
    expect(m.text).toContain('Кавоварка &lt;Delonghi&gt; &amp; фільтр');
    expectCheckButtons(m, 77, returned.link!);
    const share = renderLargeReturn(returned, { thresholdKop: null, share: { salesKop: 0, returnsKop: 120_000 } }, en, TZ);
    expect(share.plainText).toContain('Return: 1 200,00 ₴\nThe day\'s returns are 100 % of its sales (1 200,00 ₴ of 0,00 ₴)');
  });

  it('large discount: the share of the price before discounts, the threshold, the total', () => {
    const sale = checkView({ totalKop: 14_860, discountKop: 6_000 });
    const m = renderLargeDiscount(sale, { thresholdPct: 20 }, uk, TZ);
    expect(m.plainText).toBe(
      [
        '🏷 Велика знижка · Каса 50037129',
        '27.11.2026 10:15 · чек № DEV_00000128ebcfe',
        '',
        'Знижка: 60,00 ₴ — 28,7 % від ціни без знижки (208,60 ₴)',
        'Поріг: 20 %',
        'Разом: 148,60 ₴',
      ].join('\n'),
    );
    expect(renderLargeDiscount(sale, { thresholdPct: 20 }, en, TZ).plainText).toContain('Discount: 60,00 ₴ — 28.7 % of the price before discounts (208,60 ₴)');
    expectCheckButtons(m, 42, sale.link!);
  });

  it('withdrawal: amount and the drawer after it; a threshold of 0 (every one) is not shown', () => {
    const out = checkView({ kind: 'service_out', checkType: 'SERVICE_OUT', totalKop: 200_000, items: [] });
    const m = renderServiceOut(out, { thresholdKop: 0, cashInBoxKop: 50_000 }, uk, TZ);
    expect(m.plainText).toBe(['📤 Вилучення готівки · Каса 50037129', '27.11.2026 10:15 · чек № DEV_00000128ebcfe', '', 'Вилучено: 2 000,00 ₴', 'У шухляді після: 500,00 ₴'].join('\n'));
    expect(renderServiceOut(out, { thresholdKop: 100_000, cashInBoxKop: null }, en, TZ).plainText).toContain('Withdrawn: 2 000,00 ₴\nThreshold: 1 000,00 ₴');
  });

  it('drawer mismatch: expected (before + the check), found, the signed difference', () => {
    const m = renderDrawerMismatch(checkView(), { previousKop: 138_180, movementKop: 14_860, expectedKop: 153_040, foundKop: 148_040, differenceKop: -5_000 }, uk, TZ);
    expect(m.plainText).toBe(
      [
        '🧮 Готівка не сходиться · Каса 50037129',
        '27.11.2026 10:15 · чек № DEV_00000128ebcfe',
        '',
        'Мало бути: 1 530,40 ₴ (було 1 381,80 ₴, за чеком +148,60 ₴)',
        'У касі: 1 480,40 ₴',
        'Різниця: -50,00 ₴',
        'Гроші внесли чи забрали без чека? Сьогодні по цій касі більше не нагадуватиму.',
      ].join('\n'),
    );
    expect(renderDrawerMismatch(checkView(), { previousKop: 0, movementKop: 0, expectedKop: 0, foundKop: 500, differenceKop: 500 }, en, TZ).plainText).toContain('Difference: +5,00 ₴');
  });

  it('till offline: from when to when, how many, their total; the last check\'s buttons', () => {
    const view = {
      numFiscal: '50037129',
      firstAt: new Date('2026-11-26T21:58:10Z'),
      lastAt: new Date('2026-11-26T22:10:00Z'),
      count: 3,
      totalKop: 25_550,
      last: { checkId: 9, link: 'https://test.cashdesk.com.ua/check/9/html', hasPdf: true },
    };
    const m = renderTillOffline(view, uk, TZ);
    expect(m.plainText).toBe(
      ['📡 Каса 50037129 була без зв’язку', 'Офлайн-чеки з 26.11.2026 23:58 до 27.11.2026 00:10', '3 чеки на 255,50 ₴', 'Чеки щойно надійшли: перевірте інтернет на касі.'].join('\n'),
    );
    expectCheckButtons(m, 9, view.last.link);
    expect(renderTillOffline({ ...view, count: 1 }, en, TZ).plainText).toContain('1 check, 255,50 ₴');
  });

  it('percent: tenths, rounded down; comma in Ukrainian', () => {
    expect(formatPercent(2_876, uk)).toBe('28,7');
    expect(formatPercent(2_876, en)).toBe('28.7');
    expect(formatPercent(1_500, uk)).toBe('15');
  });

  it('a threshold set answers with today\'s checks past it, or that there are none', () => {
    const past = [{ numFiscal: '50037129', orderNum: 'DEV_1', localNumber: 1, uuid: 'u', orderedAt: new Date('2026-11-27T12:00:00Z'), totalKop: 150_000, discountKop: 0 }];
    const m = renderWatchdogThreshold({ which: 'returnKop', value: 100_000, past, changed: true, usage: '' }, uk, TZ);
    expect(m.plainText).toContain('Поріг «велике повернення»: 1 000,00 ₴.');
    expect(m.plainText).toContain('Сьогодні вже понад поріг:\n14:00 · 50037129 · № DEV_1 · 1 500,00 ₴');
    const none = renderWatchdogThreshold({ which: 'withdrawKop', value: 0, past: [], changed: true, usage: '' }, en, TZ);
    expect(none.plainText).toBe('Cash-withdrawal threshold: every withdrawal.\n\nNothing past it today yet.');
    const off = renderWatchdogThreshold({ which: 'discountPct', value: null, past: [], changed: false, usage: '/discountalert …' }, en, TZ);
    expect(off.plainText).toBe('Large-discount threshold: off\n\nUsage: /discountalert …');
  });
});

describe('watchdog job payloads (zod, read at send time)', () => {
  it('take what decideWatchdog writes and refuse anything else', async () => {
    const { largeReturnPayloadSchema, largeDiscountPayloadSchema, serviceOutPayloadSchema, drawerMismatchPayloadSchema, tillOfflinePayloadSchema } = await import('../../../../src/features/watchdog/jobs.js');
    expect(largeReturnPayloadSchema.safeParse({ thresholdKop: 100, share: null }).success).toBe(true);
    expect(largeReturnPayloadSchema.safeParse({ thresholdKop: -1, share: null }).success).toBe(false);
    expect(largeDiscountPayloadSchema.safeParse({ thresholdPct: 101 }).success).toBe(false);
    expect(serviceOutPayloadSchema.safeParse({ thresholdKop: 0, cashInBoxKop: 1.5 }).success).toBe(false);
    expect(drawerMismatchPayloadSchema.safeParse({ previousKop: 1, movementKop: 1, expectedKop: 2, foundKop: '3', differenceKop: 1 }).success).toBe(false);
    expect(tillOfflinePayloadSchema.safeParse({ cashDeskId: 1, from: '2026-11-27T10:00:00.000Z', until: '2026-11-27T10:02:00.000Z' }).success).toBe(true);
    expect(tillOfflinePayloadSchema.safeParse({ cashDeskId: 0, from: 'yesterday', until: '' }).success).toBe(false);
  });
});
