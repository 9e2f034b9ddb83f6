import { describe, expect, it } from 'vitest';
import { hourWindowsOf, localHourOf, weekdayOfDate } from '../../../src/platform/time/hours.js';

/** Local hours across Kyiv's DST changes of 2026: 29 March (03:00 skipped), 25 October (03:00 twice). */
const KYIV = 'Europe/Kyiv';
const MIN = 60_000;
const lengths = (date: string) => hourWindowsOf(date, KYIV).map((w) => (w.to.getTime() - w.from.getTime()) / MIN);

describe('local hours', () => {
  it('an ordinary date has 24 hours of 60 minutes, from local midnight, each starting where the last ended', () => {
    const windows = hourWindowsOf('2026-12-01', KYIV);
    expect(lengths('2026-12-01')).toEqual(Array(24).fill(60));
    expect(windows[0]!.from.toISOString()).toBe('2026-11-30T22:00:00.000Z');
    expect(windows[23]!.to.toISOString()).toBe('2026-12-01T22:00:00.000Z');
    for (let h = 1; h < 24; h++) expect(windows[h]!.from).toEqual(windows[h - 1]!.to);
  });

  it('the spring day: 03:00–04:00 covers no instant, 02:00 and 04:00 meet', () => {
    const windows = hourWindowsOf('2026-03-29', KYIV);
    expect(lengths('2026-03-29')).toEqual([...Array(3).fill(60), 0, ...Array(20).fill(60)]);
    expect(windows[2]!.to.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(windows[4]!.from.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    // 04:05 EEST is hour 4 of the day, five minutes after 02:59:59 EET… plus one second.
    expect(localHourOf(new Date('2026-03-29T01:05:00Z'), KYIV)).toEqual({ date: '2026-03-29', weekday: 7, hour: 4 });
    expect(localHourOf(new Date('2026-03-29T00:59:00Z'), KYIV)).toEqual({ date: '2026-03-29', weekday: 7, hour: 2 });
  });

  it('the autumn day: 03:00–04:00 is two hours long, and both passes are in it', () => {
    const windows = hourWindowsOf('2026-10-25', KYIV);
    expect(lengths('2026-10-25')).toEqual([...Array(3).fill(60), 120, ...Array(20).fill(60)]);
    expect(windows[3]!.from.toISOString()).toBe('2026-10-25T00:00:00.000Z');
    expect(windows[3]!.to.toISOString()).toBe('2026-10-25T02:00:00.000Z');
    expect(localHourOf(new Date('2026-10-25T00:30:00Z'), KYIV).hour).toBe(3); // 03:30 EEST
    expect(localHourOf(new Date('2026-10-25T01:30:00Z'), KYIV).hour).toBe(3); // 03:30 EET
    expect(localHourOf(new Date('2026-10-25T02:00:00Z'), KYIV).hour).toBe(4);
  });

  it('weekdays are ISO: Monday 1 … Sunday 7', () => {
    expect(weekdayOfDate('2026-11-30')).toBe(1);
    expect(weekdayOfDate('2026-12-01')).toBe(2);
    expect(weekdayOfDate('2026-12-06')).toBe(7);
    expect(() => weekdayOfDate('2026-02-30')).toThrow(RangeError);
  });
});
