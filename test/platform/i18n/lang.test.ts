import { describe, expect, it } from 'vitest';
import { catalogue, isLang, langFromTelegram, pickLang } from '../../../src/platform/i18n/lang.js';
import { uk } from '../../../src/platform/i18n/uk.js';
import { en } from '../../../src/platform/i18n/en.js';

describe('isLang', () => {
  it('knows uk and en only, spelt exactly', () => {
    expect(isLang('uk')).toBe(true);
    expect(isLang('en')).toBe(true);
    for (const other of ['ru', 'UK', 'En', 'uk-UA', '', ' uk', null, undefined, 1, {}]) expect(isLang(other), JSON.stringify(other)).toBe(false);
  });
});

describe('langFromTelegram', () => {
  it('Ukrainian for uk and ru in any case and region, and when Telegram says nothing', () => {
    for (const code of [undefined, null, '', 'uk', 'UK', 'uk-UA', 'uk_UA', 'ru', 'ru-RU', 'RU']) expect(langFromTelegram(code), String(code)).toBe('uk');
  });

  it('English for every other language, including codes that merely start like uk or ru', () => {
    for (const code of ['en', 'en-US', 'de', 'pl', 'be', 'ukr', 'rus', 'x']) expect(langFromTelegram(code), code).toBe('en');
  });
});

describe('pickLang', () => {
  it("the chat's chosen language first, whatever the person's Telegram says", () => {
    expect(pickLang('en', 'uk')).toBe('en');
    expect(pickLang('uk', 'en-US')).toBe('uk');
  });

  it("the person's Telegram language when the chat chose none or something unknown", () => {
    expect(pickLang(null, 'en-GB')).toBe('en');
    expect(pickLang(undefined, 'ru')).toBe('uk');
    expect(pickLang('de', 'en')).toBe('en');
    expect(pickLang('de')).toBe('uk');
    expect(pickLang(null, null)).toBe('uk');
  });
});

describe('catalogue', () => {
  it('gives the catalogue of each language', () => {
    expect(catalogue('uk')).toBe(uk);
    expect(catalogue('en')).toBe(en);
    expect(catalogue('uk').cash.inDrawer).toBe('У шухляді');
    expect(catalogue('en').cash.inDrawer).toBe('In drawer');
  });
});
