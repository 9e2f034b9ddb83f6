import { describe, expect, it } from 'vitest';
import { addDays, formatChange, formatDate, formatDateTime, formatTime, hourLabels } from '../../web/src/format.js';

/** The Mini App client's own formatting (money itself is the service's formatter, tested in test/money). */
describe('web/src/format', () => {
  it('writes a business day as the bot does and steps days across months and DST', () => {
    expect(formatDate('2026-12-01')).toBe('01.12.2026');
    expect(addDays('2026-12-01', -6)).toBe('2026-11-25');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('shows times in the business zone, and the date only for another day', () => {
    // 10:15 in Kyiv (UTC+2 in November).
    expect(formatTime('2026-11-27T08:15:03Z', 'Europe/Kyiv')).toBe('10:15');
    expect(formatDateTime('2026-11-27T08:15:03Z', 'Europe/Kyiv', 'en', '2026-11-27')).toBe('10:15');
    expect(formatDateTime('2026-11-26T21:30:00Z', 'Europe/Kyiv', 'en', '2026-11-27')).toBe('Nov 26, 23:30');
    expect(formatDateTime('2026-11-26T21:30:00Z', 'Europe/Kyiv', 'en', '2026-11-26')).toBe('23:30');
  });

  it('labels the hourly bars from the business day start (BUSINESS_DAY_START)', () => {
    expect(hourLabels(24, 0).slice(0, 3)).toEqual(['00', '01', '02']);
    expect(hourLabels(24, 4 * 60)).toEqual([...Array.from({ length: 20 }, (_, i) => String(i + 4).padStart(2, '0')), '00', '01', '02', '03']);
    expect(hourLabels(3, 4 * 60 + 30)).toEqual(['04:30', '05:30', '06:30']);
  });

  it('gives a change in per cent, or nothing without a base', () => {
    expect(formatChange(207, 100)).toBe('+107 %');
    expect(formatChange(93, 100)).toBe('−7 %');
    expect(formatChange(100, 100)).toBe('0 %');
    expect(formatChange(100, 0)).toBeNull();
  });
});
