import { describe, expect, it } from 'vitest';
import { renderDeskQuiet, renderDeskSellingAgain } from '../../../../src/features/watchdog/messages/silent-desk.js';
import { deskQuietPayloadSchema, deskSellingAgainPayloadSchema } from '../../../../src/features/watchdog/jobs.js';
import { parseCallbackData } from '../../../../src/features/sales/callback-data.js';
import { uk } from '../../../../src/platform/i18n/uk.js';
import { en } from '../../../../src/platform/i18n/en.js';
import { parseHtml } from '../../../support/fake-telegram.js';

const KYIV = 'Europe/Kyiv';
const quiet = deskQuietPayloadSchema.parse({
  cashDeskId: 7,
  numFiscal: '50037129',
  lastCheckAt: '2026-12-01T12:05:00.000Z', // 14:05 in Kyiv
  detectedAt: '2026-12-01T13:17:00.000Z',
  limitMinutes: 40,
});
const check = { checkId: 42, link: 'https://check.example.com/r/42', hasPdf: true };

describe('"a cash desk went quiet"', () => {
  it('says when the last check was, how long it has been, and the usual pause, in Ukrainian and English', () => {
    expect(parseHtml(renderDeskQuiet(quiet, check, uk, KYIV).text).text).toBe(
      '🔕 Каса 50037129 мовчить\nОстанній чек: 01.12.2026 14:05. Вже 1 год 12 хв без чеків.\nЗазвичай о цій порі перерва не довша за 40 хв.',
    );
    expect(renderDeskQuiet(quiet, check, en, KYIV).plainText).toBe(
      '🔕 Cash desk 50037129 went quiet\nLast check: 01.12.2026 14:05. No check for 1 h 12 min.\nAt this hour a pause is usually no longer than 40 min.',
    );
  });

  it("carries the last check's e-receipt and PDF buttons (the sale alert's callback), none when the check is gone", () => {
    const markup = renderDeskQuiet(quiet, check, uk, KYIV).replyMarkup;
    expect(markup?.inline_keyboard[0]).toEqual([
      { text: uk.sale.receiptButton, url: check.link },
      { text: uk.sale.pdfButton, callback_data: 'pdf:42' },
    ]);
    expect(parseCallbackData('pdf:42')).toEqual({ action: 'pdf', checkId: 42 });
    expect(renderDeskQuiet(quiet, null, uk, KYIV).replyMarkup).toBeUndefined();
    expect(renderDeskQuiet(quiet, { checkId: 42, link: 'javascript:alert(1)', hasPdf: false }, uk, KYIV).replyMarkup).toBeUndefined();
  });

  it('escapes the desk number', () => {
    const odd = { ...quiet, numFiscal: '<b>1&2' };
    expect(parseHtml(renderDeskQuiet(odd, null, en, KYIV).text).text.split('\n')[0]).toBe('🔕 Cash desk <b>1&2 went quiet');
  });

  it('payloads outside their ranges are refused', () => {
    expect(deskQuietPayloadSchema.safeParse({ ...quiet, limitMinutes: 0 }).success).toBe(false);
    expect(deskQuietPayloadSchema.safeParse({ ...quiet, lastCheckAt: 'yesterday' }).success).toBe(false);
    expect(deskQuietPayloadSchema.safeParse({ ...quiet, cashDeskId: -1 }).success).toBe(false);
    expect(deskQuietPayloadSchema.safeParse({ ...quiet, numFiscal: '' }).success).toBe(false);
  });
});

describe('"selling again"', () => {
  it('says how long the silence lasted, from the last check before it to the first after it', () => {
    const again = deskSellingAgainPayloadSchema.parse({
      cashDeskId: 7,
      numFiscal: '50037129',
      lastCheckAt: '2026-12-01T12:05:00.000Z',
      resumedAt: '2026-12-01T14:10:00.000Z',
    });
    expect(renderDeskSellingAgain(again, check, uk, KYIV).plainText).toBe('✅ Каса 50037129 знову продає\nПерерва 2 год 5 хв: з 01.12.2026 14:05 до 16:10.');
    expect(renderDeskSellingAgain(again, check, en, KYIV).plainText).toBe(
      '✅ Cash desk 50037129 is selling again\nA pause of 2 h 5 min: from 01.12.2026 14:05 to 16:10.',
    );
    expect(renderDeskSellingAgain(again, check, en, KYIV).replyMarkup?.inline_keyboard[0]).toHaveLength(2);
  });

  it('over midnight, both dates; days in the length', () => {
    const again = deskSellingAgainPayloadSchema.parse({
      cashDeskId: 7,
      numFiscal: '50037129',
      lastCheckAt: '2026-11-28T17:55:00.000Z', // Saturday 19:55
      resumedAt: '2026-11-30T07:05:00.000Z', // Monday 09:05
    });
    expect(renderDeskSellingAgain(again, null, uk, KYIV).plainText.split('\n')[1]).toBe('Перерва 1 дн 13 год: з 28.11.2026 19:55 до 30.11.2026 09:05.');
    expect(renderDeskSellingAgain(again, null, en, KYIV).plainText.split('\n')[1]).toBe('A pause of 1 d 13 h: from 28.11.2026 19:55 to 30.11.2026 09:05.');
  });
});
