import { describe, expect, it } from 'vitest';
import { renderCashAlert } from '../../../../src/features/watchdog/messages/cash-alert.js';
import { uk } from '../../../../src/platform/i18n/uk.js';
import { en } from '../../../../src/platform/i18n/en.js';
import { parseHtml } from '../../../support/fake-telegram.js';

describe('cash alerts', () => {
  it('low: desk, drawer, threshold', () => {
    const text = parseHtml(renderCashAlert({ kind: 'low_cash', numFiscal: '50037129', cashKop: 8010, thresholdKop: 10000 }, uk).text).text;
    expect(text).toBe('⚠️ Мало готівки в касі 50037129\nУ шухляді: 80,10 ₴\nПоріг: 100,00 ₴');
  });
  it('high: with the hint to collect', () => {
    const text = renderCashAlert({ kind: 'high_cash', numFiscal: '<1>', cashKop: 1_000_000, thresholdKop: 500_000 }, en).plainText;
    expect(text).toBe('💰 Too much cash in cash desk <1>\nIn drawer: 10 000,00 ₴\nThreshold: 5 000,00 ₴\nTime to collect it.');
  });
});
