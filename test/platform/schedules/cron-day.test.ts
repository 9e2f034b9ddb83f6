import { describe, expect, it } from 'vitest';
import { firstRunOfDay } from '../../../src/platform/schedules/cron-day.js';

const KYIV = 'Europe/Kyiv';
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('firstRunOfDay', () => {
  it('the default 21:00 Kyiv, in winter and in summer', () => {
    expect(iso(firstRunOfDay('0 21 * * *', '2026-11-27', KYIV))).toBe('2026-11-27T19:00:00.000Z');
    expect(iso(firstRunOfDay('0 21 * * *', '2026-07-01', KYIV))).toBe('2026-07-01T18:00:00.000Z');
  });

  it('every minute fires first at midnight; every second too', () => {
    expect(iso(firstRunOfDay('* * * * *', '2026-11-27', KYIV))).toBe('2026-11-26T22:00:00.000Z');
    expect(iso(firstRunOfDay('* * * * * *', '2026-11-27', KYIV))).toBe('2026-11-26T22:00:00.000Z');
    expect(iso(firstRunOfDay('*/15 9-18 * * *', '2026-11-27', KYIV))).toBe('2026-11-27T07:00:00.000Z');
    expect(iso(firstRunOfDay('30 45 20 * * *', '2026-11-27', KYIV))).toBe('2026-11-27T18:45:30.000Z');
  });

  it('a day the expression skips has no run', () => {
    // 2026-11-27 is a Friday.
    expect(firstRunOfDay('0 21 * * 1-5', '2026-11-27', KYIV)).not.toBeNull();
    expect(firstRunOfDay('0 21 * * 0,6', '2026-11-27', KYIV)).toBeNull();
    expect(firstRunOfDay('0 21 1 * *', '2026-11-27', KYIV)).toBeNull();
    expect(iso(firstRunOfDay('0 21 L * *', '2026-11-30', KYIV))).toBe('2026-11-30T19:00:00.000Z');
    expect(firstRunOfDay('0 21 L * *', '2026-11-29', KYIV)).toBeNull();
    expect(iso(firstRunOfDay('@daily', '2026-11-27', KYIV))).toBe('2026-11-26T22:00:00.000Z');
  });

  it('BUSINESS_DAY_START 04:00: the business day runs from 04:00 to 04:00 of the next date', () => {
    const start = 4 * 60;
    // 01:30 after midnight is still the 27th's: the 28th, 01:30 Kyiv.
    expect(iso(firstRunOfDay('30 1 * * *', '2026-11-27', KYIV, start))).toBe('2026-11-27T23:30:00.000Z');
    expect(iso(firstRunOfDay('0 21 * * *', '2026-11-27', KYIV, start))).toBe('2026-11-27T19:00:00.000Z');
    expect(iso(firstRunOfDay('* * * * *', '2026-11-27', KYIV, start))).toBe('2026-11-27T02:00:00.000Z');
    // Mondays at 01:30 fire in Sunday's business day (29.11.2026 is a Sunday), not in Monday's.
    expect(iso(firstRunOfDay('30 1 * * 1', '2026-11-29', KYIV, start))).toBe('2026-11-29T23:30:00.000Z');
    expect(firstRunOfDay('30 1 * * 1', '2026-11-30', KYIV, start)).toBeNull();
    // A cron at 21:00 and 01:00 on Mondays: Sunday's 21:00 does not match, Monday's 01:00 does.
    expect(iso(firstRunOfDay('0 1,21 * * 1', '2026-11-29', KYIV, start))).toBe('2026-11-29T23:00:00.000Z');
    // Spring: 03:30 of the 29th is skipped by the clock, so the 28th has no run at 03:30.
    expect(firstRunOfDay('30 3 * * *', '2026-03-28', KYIV, start)).toBeNull();
    expect(iso(firstRunOfDay('30 1 * * *', '2026-03-28', KYIV, start))).toBe('2026-03-28T23:30:00.000Z');
    // Autumn: 03:30 on the 25th passes twice, both in the 24th's business day; node-cron fires on the second.
    expect(iso(firstRunOfDay('30 3 * * *', '2026-10-24', KYIV, start))).toBe('2026-10-25T01:30:00.000Z');
    expect(iso(firstRunOfDay('30 3 * * *', '2026-10-25', KYIV, start))).toBe('2026-10-26T01:30:00.000Z');
  });

  it('DST days: as node-cron, a time in the skipped hour does not happen, one in the repeated hour once', () => {
    // 2026-03-29 03:00 → 04:00: "30 3" does not happen that day; "*/30 3,4" first runs at 04:00.
    expect(firstRunOfDay('30 3 * * *', '2026-03-29', KYIV)).toBeNull();
    expect(iso(firstRunOfDay('*/30 3,4 * * *', '2026-03-29', KYIV))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(firstRunOfDay('0 21 * * *', '2026-03-29', KYIV))).toBe('2026-03-29T18:00:00.000Z');
    // 2026-10-25 04:00 → 03:00: 03:30 passes at 00:30Z and 01:30Z; node-cron fires on the second.
    expect(iso(firstRunOfDay('30 3 * * *', '2026-10-25', KYIV))).toBe('2026-10-25T01:30:00.000Z');
    expect(iso(firstRunOfDay('0 21 * * *', '2026-10-25', KYIV))).toBe('2026-10-25T19:00:00.000Z');
  });
});
