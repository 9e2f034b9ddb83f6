import { describe, expect, it } from 'vitest';
import { MAX_PERIOD_DAYS, monthToDate, periodDays, previousMonth, previousSpan, previousWeek, weekBeforeDay, weekToDate } from '../../../src/features/reports/periods.js';

describe('periodDays', () => {
  it('counts both ends, across summer time changes and leap days', () => {
    expect(periodDays({ from: '2026-11-27', to: '2026-11-27' })).toBe(1);
    expect(periodDays({ from: '2026-03-28', to: '2026-03-30' })).toBe(3);
    expect(periodDays({ from: '2026-10-24', to: '2026-10-26' })).toBe(3);
    expect(periodDays({ from: '2028-02-01', to: '2028-02-29' })).toBe(29);
    expect(periodDays({ from: '2028-01-01', to: '2028-12-31' })).toBe(MAX_PERIOD_DAYS);
    expect(MAX_PERIOD_DAYS).toBe(366);
  });
});

describe('weekToDate and monthToDate', () => {
  it('from the Monday or the first, across a year end', () => {
    expect(weekToDate('2027-01-01')).toEqual({ from: '2026-12-28', to: '2027-01-01' });
    expect(monthToDate('2026-11-01')).toEqual({ from: '2026-11-01', to: '2026-11-01' });
    expect(monthToDate('2028-02-29')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
});

describe('weekBeforeDay and previousWeek', () => {
  it('seven days back, across a year end', () => {
    expect(weekBeforeDay('2026-01-05')).toEqual({ from: '2025-12-29', to: '2026-01-04' });
    expect(previousWeek({ from: '2026-01-05', to: '2026-01-07' })).toEqual({ from: '2025-12-29', to: '2025-12-31' });
  });
});

describe('previousMonth', () => {
  it('the same days a month before, a day the month lacks becoming its last', () => {
    expect(previousMonth({ from: '2026-03-15', to: '2026-03-31' })).toEqual({ from: '2026-02-15', to: '2026-02-28' });
    expect(previousMonth({ from: '2028-03-01', to: '2028-03-31' })).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(previousMonth({ from: '2026-05-31', to: '2026-05-31' })).toEqual({ from: '2026-04-30', to: '2026-04-30' });
  });
});

describe('previousSpan', () => {
  it('as many days just before, touching the period', () => {
    expect(previousSpan({ from: '2026-11-01', to: '2026-11-01' })).toEqual({ from: '2026-10-31', to: '2026-10-31' });
    expect(previousSpan({ from: '2026-01-01', to: '2026-01-07' })).toEqual({ from: '2025-12-25', to: '2025-12-31' });
    const p = { from: '2026-02-10', to: '2026-03-09' };
    expect(periodDays(previousSpan(p))).toBe(periodDays(p));
  });
});
