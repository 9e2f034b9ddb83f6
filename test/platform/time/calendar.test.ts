import { describe, expect, it } from 'vitest';
import { addMonths, daysBetween, monthStartOf, weekStartOf } from '../../../src/platform/time/calendar.js';

describe('calendar dates', () => {
  it('counts days across DST changes and leap days as whole days', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-12-01', '2026-11-30')).toBe(-1);
  });

  it('finds the Monday of a week and the first of a month', () => {
    expect(weekStartOf('2026-12-01')).toBe('2026-11-30');
    expect(weekStartOf('2026-11-29')).toBe('2026-11-23');
    expect(weekStartOf('2026-11-30')).toBe('2026-11-30');
    expect(monthStartOf('2026-12-31')).toBe('2026-12-01');
  });

  it('moves by months, a day the month lacks becoming its last', () => {
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2028-03-30', -1)).toBe('2028-02-29');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
  });
});
