import { describe, expect, it } from 'vitest';
import { parseInviteCode, parseLangArgs, parsePeriod, parseReceiptArgs, parseThresholdArgs, parseWatchdogArgs } from '../../src/bot/arguments.js';
import { langFromTelegram, pickLang } from '../../src/platform/i18n/lang.js';

describe('command arguments', () => {
  it('/lowcash: an amount, or a cash desk and an amount, in UAH with dot or comma', () => {
    expect(parseThresholdArgs('500')).toEqual({ numFiscal: undefined, kop: 50000 });
    expect(parseThresholdArgs(' 300,5 ')).toEqual({ numFiscal: undefined, kop: 30050 });
    expect(parseThresholdArgs('50037129 300.50')).toEqual({ numFiscal: '50037129', kop: 30050 });
    expect(parseThresholdArgs('0')).toEqual({ numFiscal: undefined, kop: 0 });
    for (const bad of ['', 'abc', '-5', '1.234', '1 2 3', '5 <b>', '1e3', '12345678901', '300 50037129x']) {
      expect(parseThresholdArgs(bad)).toBeUndefined();
    }
  });

  it('/discountalert: a whole percent from 1 to 100; a whole number outside it says so; off in either language', () => {
    expect(parseWatchdogArgs('30', 'percent')).toEqual({ value: 30 });
    expect(parseWatchdogArgs('100%', 'percent')).toEqual({ value: 100 });
    for (const out of ['0', '101', '150', '999999']) expect(parseWatchdogArgs(out, 'percent'), out).toEqual({ error: 'percentRange' });
    for (const bad of ['', 'abc', '-5', '1.5', '30 40']) expect(parseWatchdogArgs(bad, 'percent'), bad).toBeUndefined();
    for (const off of ['off', 'вимк', 'вимкнено', 'ні']) expect(parseWatchdogArgs(off, 'percent'), off).toEqual({ value: null });
    // For an amount, 0 is a threshold (every return), not off.
    expect(parseWatchdogArgs('0', 'amount')).toEqual({ value: 0 });
    expect(parseWatchdogArgs('Вимкнено', 'amount')).toEqual({ value: null });
  });

  it('/report: two days, and a reversed pair is told apart from a malformed one', () => {
    expect(parsePeriod('01.11.2026 30.11.2026')).toEqual({ ok: true, from: '2026-11-01', to: '2026-11-30' });
    expect(parsePeriod('30.11.2026 01.11.2026')).toEqual({ ok: false, error: 'reversed' });
    for (const bad of ['', '01.11.2026', '31.02.2026 01.03.2026', 'a b']) expect(parsePeriod(bad), bad).toEqual({ ok: false, error: 'malformed' });
  });

  it('/receipt: exactly one identifier', () => {
    expect(parseReceiptArgs(' 0b6f3c1e-6a53-4a8e ')).toBe('0b6f3c1e-6a53-4a8e');
    for (const bad of ['', 'a b', "x'; drop", 'x'.repeat(129)]) expect(parseReceiptArgs(bad)).toBeUndefined();
  });

  it('/lang: uk or en', () => {
    expect(parseLangArgs('EN')).toBe('en');
    expect(parseLangArgs('ua')).toBe('uk');
    expect(parseLangArgs('de')).toBeUndefined();
    expect(parseLangArgs('uk en')).toBeUndefined();
  });

  it('invite codes: Telegram start-parameter shape only', () => {
    expect(parseInviteCode('abcdefghijklmnop_-0123456789ABCDE')).toBe('abcdefghijklmnop_-0123456789ABCDE');
    for (const bad of ['short', 'a'.repeat(65), 'abc def ghi jkl mno', '<script>alert(1)</script>']) expect(parseInviteCode(bad)).toBeUndefined();
  });
});

describe('language', () => {
  it('Ukrainian for uk and ru (and unknown), English otherwise; the chat choice wins', () => {
    expect(langFromTelegram('uk')).toBe('uk');
    expect(langFromTelegram('ru-RU')).toBe('uk');
    expect(langFromTelegram(undefined)).toBe('uk');
    expect(langFromTelegram('en-US')).toBe('en');
    expect(langFromTelegram('de')).toBe('en');
    expect(pickLang('en', 'uk')).toBe('en');
    expect(pickLang(null, 'pl')).toBe('en');
    expect(pickLang('xx', 'uk')).toBe('uk');
  });
});
