import { describe, expect, it } from 'vitest';
import { displayDate, displayDayMonth, displayWeekday } from '../../../src/platform/time/display.js';

describe('calendar dates as people read them', () => {
  it('writes day, month and year with leading zeros', () => {
    expect(displayDate('2026-11-27')).toBe('27.11.2026');
    expect(displayDate('2027-01-05')).toBe('05.01.2027');
    expect(displayDayMonth('2027-01-05')).toBe('05.01');
    expect(displayDate('2028-02-29')).toBe('29.02.2028');
    expect(displayDate('2026-12-31')).toBe('31.12.2026');
  });

  it('names the weekday in the language asked for', () => {
    // 2026-11-27 is a Friday.
    expect(displayWeekday('2026-11-27', 'en')).toBe('Fri');
    expect(displayWeekday('2026-11-27', 'uk')).toBe('пт');
    expect(displayWeekday('2026-11-30', 'uk')).toBe('пн');
  });
});
