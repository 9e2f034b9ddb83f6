import { describe, expect, it } from 'vitest';
import { firstRunOfDay } from '../../src/schedules/cron-day.js';

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
