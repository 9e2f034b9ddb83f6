import { describe, expect, it } from 'vitest';
import { OFF_WORDS, ON_WORDS, parseDesksArgs, parseMinSumArgs, parseOnOffArgs, parseQuietArgs, parseSummaryTimeArgs } from '../../../src/features/chat-settings/arguments.js';

describe('the on and off words', () => {
  it('no word means both', () => {
    expect(ON_WORDS.filter((w) => OFF_WORDS.includes(w))).toEqual([]);
  });
});

describe('parseMinSumArgs', () => {
  it('hryvnias with up to two decimals, dot or comma, spaces around', () => {
    expect(parseMinSumArgs('  50  ')).toBe(5_000);
    expect(parseMinSumArgs('0.5')).toBe(50);
    expect(parseMinSumArgs('1,05')).toBe(105);
    expect(parseMinSumArgs('9999999999')).toBe(999_999_999_900);
    expect(parseMinSumArgs('0')).toBe(0);
  });

  it('refuses more than ten whole digits, three decimals, a currency, two amounts, nothing', () => {
    for (const bad of ['12345678901', '1.005', '50 ₴', '50₴', '.5', '5.', '10 20', '', '   ', '+5', '1e3']) expect(parseMinSumArgs(bad), bad).toBeUndefined();
  });
});

describe('parseOnOffArgs', () => {
  it('one word of either list, any case', () => {
    expect(parseOnOffArgs(' ON ')).toBe(true);
    expect(parseOnOffArgs('ТАК')).toBe(true);
    expect(parseOnOffArgs('0')).toBe(false);
    expect(parseOnOffArgs('Немає')).toBe(false);
  });

  it('refuses nothing, two words, and anything else', () => {
    for (const bad of ['', 'on off', '1', 'enable', 'так так']) expect(parseOnOffArgs(bad), bad).toBeUndefined();
  });
});

describe('parseQuietArgs', () => {
  it('the whole day range, across midnight or not', () => {
    expect(parseQuietArgs('0:00-23:59')).toEqual({ from: 0, to: 1439 });
    expect(parseQuietArgs('23:59 - 0:00')).toEqual({ from: 1439, to: 0 });
    expect(parseQuietArgs('13:00–15:30')).toEqual({ from: 780, to: 930 });
  });

  it('off in either language', () => {
    expect(parseQuietArgs('вимкнено')).toBeNull();
    expect(parseQuietArgs(' None ')).toBeNull();
  });

  it('refuses an em dash, a missing side, seconds, and nothing', () => {
    for (const bad of ['22:00—08:00', '22:00-', '-08:00', '22:00:00-08:00', '', 'on', '22:00..08:00']) expect(parseQuietArgs(bad), bad).toBeUndefined();
  });
});

describe('parseDesksArgs', () => {
  it('fiscal numbers as CashDesk writes them, duplicates dropped in order', () => {
    expect(parseDesksArgs('222 111 222 333 111')).toEqual(['222', '111', '333']);
    expect(parseDesksArgs('Каса-1 a:b.c_d-2')).toEqual(['Каса-1', 'a:b.c_d-2']);
  });

  it('up to 50 desks of up to 64 characters', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => `D${i}`);
    expect(parseDesksArgs(fifty.join(' '))).toEqual(fifty);
    expect(parseDesksArgs([...fifty, 'D50'].join(' '))).toBeUndefined();
    expect(parseDesksArgs('9'.repeat(64))).toEqual(['9'.repeat(64)]);
    expect(parseDesksArgs('9'.repeat(65))).toBeUndefined();
  });

  it('all alone means every desk; characters outside a fiscal number are refused', () => {
    expect(parseDesksArgs('  Все ')).toBeNull();
    for (const bad of ['1/2', '111 <b>', 'a&b', '"111"', '111,222']) expect(parseDesksArgs(bad), bad).toBeUndefined();
  });
});

describe('parseSummaryTimeArgs', () => {
  it('a time of the day, or the default in either language (words counted whatever the spacing)', () => {
    expect(parseSummaryTimeArgs('9:00')).toBe(540);
    expect(parseSummaryTimeArgs('0:00')).toBe(0);
    expect(parseSummaryTimeArgs('Default')).toBeNull();
    expect(parseSummaryTimeArgs('за   замовчуванням')).toBeNull();
    expect(parseSummaryTimeArgs('стандарт')).toBeNull();
  });

  it('refuses two times, 24:00, and nothing', () => {
    for (const bad of ['21:30 22:00', '24:00', '', '21.30']) expect(parseSummaryTimeArgs(bad), bad).toBeUndefined();
  });
});
