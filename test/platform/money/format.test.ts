import { describe, expect, it } from 'vitest';
import { formatAmount, formatMoney, formatMoneyShort, formatMoneyWhole, formatQuantity } from '../../../src/platform/money/format.js';

const ukUnits = { thousand: ' тис.', million: ' млн' };
const enUnits = { thousand: 'k', million: 'M' };

describe('formatMoney and formatAmount', () => {
  it('groups thousands with a space at every size, kopecks always two digits', () => {
    expect(formatAmount(99)).toBe('0,99');
    expect(formatAmount(99_999)).toBe('999,99');
    expect(formatAmount(100_000)).toBe('1 000,00');
    expect(formatAmount(100_000_000_000)).toBe('1 000 000 000,00');
    expect(formatMoney(1_000_001)).toBe('10 000,01 ₴');
  });

  it('negative amounts carry their sign before the number', () => {
    expect(formatMoney(-5)).toBe('-0,05 ₴');
    expect(formatMoney(-123_456_789)).toBe('-1 234 567,89 ₴');
  });
});

describe('formatMoneyWhole', () => {
  it('rounds to the whole hryvnia, half up; a rounded-away negative is 0 without a sign', () => {
    expect(formatMoneyWhole(49)).toBe('0 ₴');
    expect(formatMoneyWhole(50)).toBe('1 ₴');
    expect(formatMoneyWhole(-50)).toBe('0 ₴');
    expect(formatMoneyWhole(-51)).toBe('-1 ₴');
    expect(formatMoneyWhole(123_456_789)).toBe('1 234 568 ₴');
  });
});

describe('formatMoneyShort', () => {
  it('below a thousand hryvnias, the whole amount', () => {
    expect(formatMoneyShort(0, ukUnits)).toBe('0 ₴');
    expect(formatMoneyShort(99_949, enUnits)).toBe('999 ₴');
    expect(formatMoneyShort(-100, enUnits)).toBe('-1 ₴');
  });

  it('thousands: one decimal below ten, none from ten; a comma for the decimal', () => {
    expect(formatMoneyShort(100_000, ukUnits)).toBe('1 тис.');
    expect(formatMoneyShort(125_000, enUnits)).toBe('1,3k');
    expect(formatMoneyShort(-123_400, ukUnits)).toBe('-1,2 тис.');
    expect(formatMoneyShort(1_000_000, enUnits)).toBe('10k');
    expect(formatMoneyShort(1_049_900, enUnits)).toBe('10k');
    expect(formatMoneyShort(99_949_900, ukUnits)).toBe('999 тис.');
  });

  it('millions from the amount that would round to a thousand thousands', () => {
    expect(formatMoneyShort(99_950_000, ukUnits)).toBe('1 млн');
    expect(formatMoneyShort(100_000_000, enUnits)).toBe('1M');
    expect(formatMoneyShort(-250_000_000, enUnits)).toBe('-2,5M');
    expect(formatMoneyShort(100_000_000_000, ukUnits)).toBe('1000 млн');
  });
});

describe('formatQuantity', () => {
  it('thousandths with their trailing zeros dropped, and a sign', () => {
    expect(formatQuantity(0)).toBe('0');
    expect(formatQuantity(1)).toBe('0,001');
    expect(formatQuantity(1010)).toBe('1,01');
    expect(formatQuantity(12_000)).toBe('12');
    expect(formatQuantity(-1500)).toBe('-1,5');
    expect(formatQuantity(-250)).toBe('-0,25');
  });
});
