import { describe, expect, it } from 'vitest';
import { lineCostKop, parseMoneyToKopecks, parseQuantityToMilli } from '../../../src/platform/money/parse.js';

describe('parseMoneyToKopecks', () => {
  it('throws a RangeError naming the value it refused', () => {
    expect(() => parseMoneyToKopecks('12 грн')).toThrow(new RangeError('not an amount of money: "12 грн"'));
    expect(() => parseMoneyToKopecks(Number.NaN)).toThrow(RangeError);
  });

  it('kopecks, rounded half away from zero', () => {
    expect(parseMoneyToKopecks('0.005')).toBe(1);
    expect(parseMoneyToKopecks('0.0049')).toBe(0);
    expect(parseMoneyToKopecks('-10.005')).toBe(-1001);
    expect(parseMoneyToKopecks(' 9 999 999 999 999,99 ')).toBe(999_999_999_999_999);
  });
});

describe('parseQuantityToMilli', () => {
  it('thousandths, rounded half away from zero; undefined for what is not a quantity', () => {
    expect(parseQuantityToMilli('1.0005')).toBe(1001);
    expect(parseQuantityToMilli('1.0004')).toBe(1000);
    expect(parseQuantityToMilli(-0.5)).toBe(-500);
    expect(parseQuantityToMilli('0')).toBe(0);
    expect(parseQuantityToMilli('шт')).toBeUndefined();
    expect(parseQuantityToMilli('')).toBeUndefined();
  });
});

describe('lineCostKop', () => {
  it('rounds the exact product half away from zero', () => {
    expect(lineCostKop(1500, 3)).toBe(5);
    expect(lineCostKop(-1500, 3)).toBe(-5);
    expect(lineCostKop(1500, -3)).toBe(-5);
    expect(lineCostKop(1499, 3)).toBe(4);
    expect(lineCostKop(499, 1)).toBe(0);
    expect(lineCostKop(0, 123_456)).toBe(0);
    expect(lineCostKop(1000, 0)).toBe(0);
  });

  it('is exact where a float product is not', () => {
    // 0.7 × 14.50 = 10.15 exactly; as floats it is 10.149999…
    expect(0.7 * 1450 / 100).not.toBe(10.15);
    expect(lineCostKop(700, 1450)).toBe(1015);
    expect(lineCostKop(2_500_000, 123_456_789)).toBe(308_641_972_500);
  });
});
