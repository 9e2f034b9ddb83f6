import { describe, expect, it } from 'vitest';
import { bringsPreviousDay, summaryDateFor, summaryDateOn } from '../../../src/features/reports/summary-date.js';

const KYIV = 'Europe/Kyiv';

describe('bringsPreviousDay', () => {
  it('a summary before noon is a morning report of the day before', () => {
    expect(bringsPreviousDay(0)).toBe(true);
    expect(bringsPreviousDay(11 * 60 + 59)).toBe(true);
    expect(bringsPreviousDay(12 * 60)).toBe(false);
    expect(bringsPreviousDay(23 * 60 + 59)).toBe(false);
  });
});

describe('summaryDateFor', () => {
  it('noon is where the morning ends', () => {
    expect(summaryDateFor(0, '2026-01-01')).toBe('2025-12-31');
    expect(summaryDateFor(11 * 60 + 59, '2026-03-01')).toBe('2026-02-28');
    expect(summaryDateFor(12 * 60, '2026-03-01')).toBe('2026-03-01');
    expect(summaryDateFor(1439, '2026-03-01')).toBe('2026-03-01');
  });

  it('never a business day later than the one in progress', () => {
    expect(summaryDateFor(13 * 60, '2026-12-01', '2026-11-30')).toBe('2026-11-30');
    expect(summaryDateFor(9 * 60, '2026-12-01', '2026-11-29')).toBe('2026-11-29');
    expect(summaryDateFor(9 * 60, '2026-12-01', '2026-12-01')).toBe('2026-11-30');
  });
});

describe('summaryDateOn', () => {
  it('days from 18:00: at 13:00 the day that began the evening before, at 19:00 the one just begun', () => {
    expect(summaryDateOn(13 * 60, '2026-12-01', KYIV, 18 * 60)).toBe('2026-11-30');
    expect(summaryDateOn(19 * 60, '2026-12-01', KYIV, 18 * 60)).toBe('2026-12-01');
  });

  it('days from midnight: the same as summaryDateFor, in any zone', () => {
    expect(summaryDateOn(21 * 60, '2026-12-01', 'UTC')).toBe('2026-12-01');
    expect(summaryDateOn(6 * 60, '2026-12-01', 'America/New_York')).toBe('2026-11-30');
  });

  it('on the autumn change in Kyiv, days from 04:00: the summary at 03:30 brings the closing day', () => {
    expect(summaryDateOn(3 * 60 + 30, '2026-10-25', KYIV, 4 * 60)).toBe('2026-10-24');
  });
});
