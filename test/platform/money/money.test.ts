import { describe, expect, it } from 'vitest';
import { toScaledInteger } from '../../../src/platform/money/decimal.js';
import { lineCostKop, parseMoneyToKopecks, parseQuantityToMilli } from '../../../src/platform/money/parse.js';
import { formatAmount, formatMoney, formatMoneyShort, formatMoneyWhole, formatQuantity } from '../../../src/platform/money/format.js';

describe('money parsing', () => {
  it.each([
    [24.2, 2420],
    ['24.2', 2420],
    ['24,20', 2420],
    [24.22, 2422],
    [0.1, 10],
    [148.6, 14860],
    [1.005, 101],
    ['1.005', 101],
    [-0.02, -2],
    ['-0.02', -2],
    [0, 0],
    ['0', 0],
    [9212.5, 921250],
    [' 1 234.5 ', 123450],
    [1e-7, 0],
    [123456789.99, 12345678999],
  ])('%j → %i kopecks', (input, kop) => {
    expect(parseMoneyToKopecks(input)).toBe(kop);
  });

  it.each(['', 'abc', '1.2.3', '1e5', 'NaN', '--1', '12345678901234567'])('refuses %j', (input) => {
    expect(toScaledInteger(input, 2)).toBeUndefined();
    expect(() => parseMoneyToKopecks(input)).toThrow(RangeError);
  });

  it('refuses non-finite numbers', () => {
    expect(toScaledInteger(Number.NaN, 2)).toBeUndefined();
    expect(toScaledInteger(Number.POSITIVE_INFINITY, 2)).toBeUndefined();
  });

  it('sums exactly where floats do not (0.1 + 0.2)', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(parseMoneyToKopecks(0.1) + parseMoneyToKopecks(0.2)).toBe(parseMoneyToKopecks(0.3));
    const many = Array.from({ length: 1000 }, () => parseMoneyToKopecks(0.1)).reduce((a, b) => a + b, 0);
    expect(many).toBe(10000);
  });

  it('quantities keep three decimals', () => {
    expect(parseQuantityToMilli(1.053)).toBe(1053);
    expect(parseQuantityToMilli('1,237')).toBe(1237);
    expect(parseQuantityToMilli(2)).toBe(2000);
  });

  it('1.053 kg × 23.00 costs 24.22 (24.219 rounded), in integers', () => {
    expect(1.053 * 23).not.toBe(24.219);
    expect(lineCostKop(1053, 2300)).toBe(2422);
    expect(lineCostKop(1237, 3999)).toBe(4947);
    expect(lineCostKop(-1000, 2890)).toBe(-2890);
    expect(lineCostKop(500, 1)).toBe(1);
  });
});

describe('money formatting', () => {
  it.each([
    [123450, '1 234,50 ₴'],
    [0, '0,00 ₴'],
    [5, '0,05 ₴'],
    [100, '1,00 ₴'],
    [123456789, '1 234 567,89 ₴'],
    [-2890, '-28,90 ₴'],
  ])('%i → %s', (kop, text) => {
    expect(formatMoney(kop)).toBe(text);
  });

  it('formats the number alone and quantities', () => {
    expect(formatAmount(100000)).toBe('1 000,00');
    expect(formatQuantity(1053)).toBe('1,053');
    expect(formatQuantity(2000)).toBe('2');
    expect(formatQuantity(1500)).toBe('1,5');
  });
});

describe('money on charts', () => {
  it('whole hryvnias, rounded, for axes and bar values', () => {
    expect(formatMoneyWhole(5_101_800)).toBe('51 018 ₴');
    expect(formatMoneyWhole(14_860)).toBe('149 ₴');
    expect(formatMoneyWhole(-397_700)).toBe('-3 977 ₴');
    expect(formatMoneyWhole(-40)).toBe('0 ₴');
    expect(formatMoneyWhole(0)).toBe('0 ₴');
  });

  it('the short form names thousands and millions in the reader\'s words', () => {
    const uk = { thousand: ' тис.', million: ' млн' };
    const en = { thousand: 'k', million: 'M' };
    expect(formatMoneyShort(85_000, uk)).toBe('850 ₴');
    expect(formatMoneyShort(123_400, uk)).toBe('1,2 тис.');
    expect(formatMoneyShort(8_540_000, uk)).toBe('85 тис.');
    expect(formatMoneyShort(-8_540_000, en)).toBe('-85k');
    expect(formatMoneyShort(99_960_000, uk)).toBe('1 млн');
    expect(formatMoneyShort(154_000_000, en)).toBe('1,5M');
    expect(formatMoneyShort(1_234_567_800, uk)).toBe('12 млн');
  });
});
