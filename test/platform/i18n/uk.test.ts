import { describe, expect, it } from 'vitest';
import { uk } from '../../../src/platform/i18n/uk.js';

describe('the Ukrainian catalogue', () => {
  it('counts checks with the Ukrainian plural forms', () => {
    const cases: Array<[number, string]> = [
      [0, '0 чеків'],
      [1, '1 чек'],
      [2, '2 чеки'],
      [4, '4 чеки'],
      [5, '5 чеків'],
      [11, '11 чеків'],
      [12, '12 чеків'],
      [14, '14 чеків'],
      [21, '21 чек'],
      [22, '22 чеки'],
      [25, '25 чеків'],
      [101, '101 чек'],
      [111, '111 чеків'],
      [1_000_001, '1000001 чек'],
    ];
    for (const [n, text] of cases) expect(uk.today.count(n)).toBe(text);
  });

  it('counts the parts of an export the same way', () => {
    expect(uk.exports.preparing(1, 'csv')).toBe('Готую файл CSV: надійде за мить.');
    expect(uk.exports.preparing(2, 'xlsx')).toContain('Готую файл Excel: 2 частини');
    expect(uk.exports.preparing(5, 'csv')).toContain('5 частин');
    expect(uk.exports.preparing(21, 'csv')).toContain('21 частина');
  });

  it('a pause in days, hours and minutes, leaving out what is zero', () => {
    const cases: Array<[number, string]> = [
      [0, '0 хв'],
      [59, '59 хв'],
      [60, '1 год'],
      [61, '1 год 1 хв'],
      [1439, '23 год 59 хв'],
      [1440, '1 дн'],
      [1441, '1 дн'],
      [1500, '1 дн 1 год'],
      [4 * 1440 + 23 * 60 + 59, '4 дн 23 год'],
    ];
    for (const [minutes, text] of cases) expect(uk.deskQuiet.duration(minutes), String(minutes)).toBe(text);
  });

  it('names its language and locale', () => {
    expect([uk.lang, uk.locale, uk.languageName]).toEqual(['uk', 'uk', 'українська']);
  });
});
