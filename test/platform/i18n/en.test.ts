import { describe, expect, it } from 'vitest';
import { en } from '../../../src/platform/i18n/en.js';

describe('the English catalogue', () => {
  it('one check, otherwise checks (zero included)', () => {
    expect(en.today.count(0)).toBe('0 checks');
    expect(en.today.count(1)).toBe('1 check');
    expect(en.today.count(2)).toBe('2 checks');
    expect(en.today.count(21)).toBe('21 checks');
  });

  it('an export of one file or of several parts', () => {
    expect(en.exports.preparing(1, 'xlsx')).toBe('Preparing the Excel file: it follows in a moment.');
    expect(en.exports.preparing(2, 'csv')).toBe("Preparing the CSV file: 2 parts (each under Telegram's 50 MB), they follow one after another.");
  });

  it('a pause in days, hours and minutes, leaving out what is zero', () => {
    const cases: Array<[number, string]> = [
      [0, '0 min'],
      [45, '45 min'],
      [60, '1 h'],
      [125, '2 h 5 min'],
      [1440, '1 d'],
      [1440 + 59, '1 d'],
      [2 * 1440 + 3 * 60 + 7, '2 d 3 h'],
    ];
    for (const [minutes, text] of cases) expect(en.deskQuiet.duration(minutes), String(minutes)).toBe(text);
  });

  it('names its language and locale', () => {
    expect([en.lang, en.locale, en.languageName]).toEqual(['en', 'en', 'English']);
  });
});
