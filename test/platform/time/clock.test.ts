import { describe, expect, it } from 'vitest';
import { MINUTES_PER_DAY, formatClock, minuteOfDay, parseClock } from '../../../src/platform/time/clock.js';

describe('minuteOfDay', () => {
  it("is the minute of the instant's local day in the zone given, with summer time", () => {
    // 21:30 UTC is 23:30 in Kyiv in winter (UTC+2), 00:30 in summer (UTC+3).
    expect(minuteOfDay(new Date('2026-11-27T21:30:00Z'), 'Europe/Kyiv')).toBe(23 * 60 + 30);
    expect(minuteOfDay(new Date('2026-07-01T21:30:00Z'), 'Europe/Kyiv')).toBe(30);
    expect(minuteOfDay(new Date('2026-07-01T21:30:00Z'), 'UTC')).toBe(21 * 60 + 30);
  });

  it('ignores seconds and stays within the day', () => {
    expect(minuteOfDay(new Date('2026-11-27T21:59:59.999Z'), 'UTC')).toBe(21 * 60 + 59);
    expect(minuteOfDay(new Date('2026-11-27T00:00:00Z'), 'UTC')).toBe(0);
    expect(minuteOfDay(new Date('2026-11-27T23:59:00Z'), 'UTC')).toBe(MINUTES_PER_DAY - 1);
  });

  it('around the spring change in Kyiv: 03:00 local does not exist, 00:59 UTC is 03:59 summer time', () => {
    expect(minuteOfDay(new Date('2026-03-29T00:59:00Z'), 'Europe/Kyiv')).toBe(2 * 60 + 59);
    expect(minuteOfDay(new Date('2026-03-29T01:00:00Z'), 'Europe/Kyiv')).toBe(4 * 60);
  });
});

describe('parseClock', () => {
  it.each([
    ['0:00', 0],
    ['00:00', 0],
    ['9:05', 545],
    ['09:05', 545],
    ['12:00', 720],
    ['19:30', 1170],
    ['23:59', 1439],
  ])('%s → %i', (text, minutes) => {
    expect(parseClock(text)).toBe(minutes);
  });

  it.each(['', '24:00', '25:00', '12:60', '9:5', '1205', '12.00', ' 9:05', '9:05 ', '-1:00', '123:00', '12:00:00', 'ab:cd'])('refuses %j', (text) => {
    expect(parseClock(text)).toBeUndefined();
  });
});

describe('formatClock', () => {
  it('pads hours and minutes to two digits', () => {
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(5)).toBe('00:05');
    expect(formatClock(545)).toBe('09:05');
    expect(formatClock(MINUTES_PER_DAY - 1)).toBe('23:59');
  });

  it('reads back through parseClock for every minute of the day', () => {
    expect(MINUTES_PER_DAY).toBe(1440);
    for (let m = 0; m < MINUTES_PER_DAY; m++) expect(parseClock(formatClock(m))).toBe(m);
  });
});
