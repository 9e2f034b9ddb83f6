import { describe, expect, it } from 'vitest';
import { isDecimal, toScaledInteger } from '../../../src/platform/money/decimal.js';

describe('toScaledInteger', () => {
  it('rounds half away from zero at the scale asked, on both signs', () => {
    expect(toScaledInteger('2.5', 0)).toBe(3);
    expect(toScaledInteger('2.4999', 0)).toBe(2);
    expect(toScaledInteger('-2.5', 0)).toBe(-3);
    expect(toScaledInteger('1.005', 2)).toBe(101);
    expect(toScaledInteger('-1.005', 2)).toBe(-101);
    expect(toScaledInteger('-1.004', 2)).toBe(-100);
    expect(toScaledInteger('1.0535', 3)).toBe(1054);
    expect(toScaledInteger('1.0534999', 3)).toBe(1053);
  });

  it('a negative that rounds to nothing is a plain zero, not -0', () => {
    expect(Object.is(toScaledInteger('-0.004', 2), 0)).toBe(true);
    expect(Object.is(toScaledInteger(-0, 2), 0)).toBe(true);
    expect(Object.is(toScaledInteger('-0', 2), 0)).toBe(true);
  });

  it('takes a sign, a trailing separator, leading zeros and spaces (also no-break) between digit groups', () => {
    expect(toScaledInteger('+5', 2)).toBe(500);
    expect(toScaledInteger('5.', 2)).toBe(500);
    expect(toScaledInteger('5,', 2)).toBe(500);
    expect(toScaledInteger('0007.10', 2)).toBe(710);
    expect(toScaledInteger('1\u00a0234,5', 2)).toBe(123450);
    expect(toScaledInteger('\t12 345.67\n', 2)).toBe(1234567);
  });

  it('refuses what is not a plain decimal', () => {
    for (const text of ['.5', ',5', '1,2,3', '1.2.3', '+-1', '1-', '1e3', '0x10', 'Infinity', '₴5', '5 ₴', '1_000']) {
      expect(toScaledInteger(text, 2), text).toBeUndefined();
    }
  });

  it('takes up to 13 whole digits, leading zeros not counted', () => {
    expect(toScaledInteger('9999999999999', 2)).toBe(999_999_999_999_900);
    expect(toScaledInteger('99999999999999', 2)).toBeUndefined();
    expect(toScaledInteger('000000000000000001', 2)).toBe(100);
  });

  it('reads a JSON number as written, exponent forms included', () => {
    expect(toScaledInteger(0.005, 2)).toBe(1);
    expect(toScaledInteger(1.5e-5, 2)).toBe(0);
    expect(toScaledInteger(1e-7, 3)).toBe(0);
    expect(toScaledInteger(-24.225, 2)).toBe(-2423);
    expect(toScaledInteger(1e21, 2)).toBeUndefined();
    expect(toScaledInteger(Number.NEGATIVE_INFINITY, 2)).toBeUndefined();
  });
});

describe('isDecimal', () => {
  it('a plain decimal of any size is one', () => {
    expect(isDecimal('12345678901234567')).toBe(true);
    expect(toScaledInteger('12345678901234567', 2)).toBeUndefined();
    expect(isDecimal(' 1 234,5 ')).toBe(true);
    expect(isDecimal('-0.01')).toBe(true);
    expect(isDecimal(1e300)).toBe(true);
    expect(isDecimal(0)).toBe(true);
  });

  it('anything else is not', () => {
    for (const value of ['', 'abc', '1e5', '1.2.3', '.5', Number.NaN, Number.POSITIVE_INFINITY]) expect(isDecimal(value), String(value)).toBe(false);
  });
});
