import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import {
  addDays,
  BUSINESS_RULE,
  businessDateOf,
  businessDateOfLocal,
  businessDayRange,
  businessDayStartOf,
  isAfterMidnightOfBusinessDay,
  localInstant,
  localTimeOf,
  localToInstant,
  minuteOfBusinessDay,
  NODE_CRON_RULE,
  parseDayStart,
} from '../../../src/platform/time/business-time.js';

/**
 * The one business-day function and the one local → instant conversion, across Kyiv's two DST
 * changes of 2026: 29 March 03:00 EET → 04:00 EEST (a 23-hour day), 25 October 04:00 EEST →
 * 03:00 EET (a 25-hour day).
 */
const KYIV = 'Europe/Kyiv';
const HOUR = 3600_000;
const at = (iso: string) => new Date(iso);
const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
const hours = (r: { from: Date; to: Date }) => (r.to.getTime() - r.from.getTime()) / HOUR;
const s = (h: number, m = 0, sec = 0) => h * 3600 + m * 60 + sec;

describe('local time → instant (one DST rule)', () => {
  it('an ordinary time has one instant, in winter and in summer', () => {
    expect(iso(localToInstant('2026-11-27', '12:00:00', KYIV))).toBe('2026-11-27T10:00:00.000Z');
    expect(iso(localToInstant('2026-07-01', '00:00', KYIV))).toBe('2026-06-30T21:00:00.000Z');
  });

  it('spring gap: a time the clock skips is the first instant after the gap; node-cron has none', () => {
    // 03:00 EET jumps to 04:00 EEST at 01:00Z.
    expect(iso(localToInstant('2026-03-29', '02:59:59', KYIV))).toBe('2026-03-29T00:59:59.000Z');
    expect(iso(localToInstant('2026-03-29', '03:00:00', KYIV))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(localToInstant('2026-03-29', '03:30:00', KYIV))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(localToInstant('2026-03-29', '03:59:59', KYIV))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(localToInstant('2026-03-29', '04:00:00', KYIV))).toBe('2026-03-29T01:00:00.000Z');
    expect(localInstant('2026-03-29', s(3, 30), KYIV, NODE_CRON_RULE)).toBeNull();
  });

  it('autumn overlap: a time the clock shows twice is the earlier instant; node-cron takes the later', () => {
    // 04:00 EEST goes back to 03:00 EET at 01:00Z: 03:30 is 00:30Z and 01:30Z.
    expect(iso(localToInstant('2026-10-25', '03:30:00', KYIV))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(localInstant('2026-10-25', s(3, 30), KYIV, BUSINESS_RULE))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(localInstant('2026-10-25', s(3, 30), KYIV, NODE_CRON_RULE))).toBe('2026-10-25T01:30:00.000Z');
    expect(iso(localToInstant('2026-10-25', '04:00:00', KYIV))).toBe('2026-10-25T02:00:00.000Z');
  });

  it('not a real date or time: none', () => {
    expect(localToInstant('2026-02-30', '12:00', KYIV)).toBeUndefined();
    expect(localToInstant('2026-11-27', '24:00', KYIV)).toBeUndefined();
    expect(localToInstant('2026-11-27', '12:60', KYIV)).toBeUndefined();
    expect(localInstant('2026-13-01', 0, KYIV)).toBeNull();
  });
});

describe('business days with BUSINESS_DAY_START', () => {
  it('the default 00:00 is the local calendar date', () => {
    expect(businessDateOf(at('2026-11-27T21:59:59Z'), KYIV)).toBe('2026-11-27');
    expect(businessDateOf(at('2026-11-27T22:00:00Z'), KYIV)).toBe('2026-11-28');
    expect(businessDateOf(at('2026-11-27T22:00:00Z'), KYIV, 0)).toBe('2026-11-28');
    expect(hours(businessDayRange('2026-03-29', KYIV))).toBe(23);
    expect(hours(businessDayRange('2026-10-25', KYIV))).toBe(25);
    expect(hours(businessDayRange('2026-11-27', KYIV))).toBe(24);
  });

  it('with 04:00, a check at 01:00 belongs to the day before; 04:00 opens the next', () => {
    const start = 4 * 60;
    expect(businessDateOfLocal('2026-11-28', '01:00:00', KYIV, start)).toBe('2026-11-27');
    expect(businessDateOfLocal('2026-11-28', '03:59:59', KYIV, start)).toBe('2026-11-27');
    expect(businessDateOfLocal('2026-11-28', '04:00:00', KYIV, start)).toBe('2026-11-28');
    expect(businessDateOfLocal('2026-11-27', '23:59:59', KYIV, start)).toBe('2026-11-27');
    expect(businessDateOfLocal('2026-11-27', '00:00:00', KYIV, start)).toBe('2026-11-26');
    expect(businessDateOfLocal('2026-02-30', '01:00:00', KYIV, start)).toBeUndefined();
    expect(isAfterMidnightOfBusinessDay(at('2026-11-27T23:30:00Z'), KYIV, start)).toBe(true);
    expect(isAfterMidnightOfBusinessDay(at('2026-11-27T19:00:00Z'), KYIV, start)).toBe(false);
    expect(isAfterMidnightOfBusinessDay(at('2026-11-27T23:30:00Z'), KYIV, 0)).toBe(false);
  });

  it('with 04:00 across the spring change: the day that holds the gap is 23 hours, from 04:00 to 04:00', () => {
    const start = 4 * 60;
    // The 28th: 04:00 EET (02:00Z) to 04:00 EEST on the 29th (01:00Z).
    expect(businessDayRange('2026-03-28', KYIV, start)).toEqual({ from: at('2026-03-28T02:00:00Z'), to: at('2026-03-29T01:00:00Z') });
    expect(hours(businessDayRange('2026-03-29', KYIV, start))).toBe(24);
    expect(businessDateOf(at('2026-03-29T00:59:59Z'), KYIV, start)).toBe('2026-03-28');
    expect(businessDateOf(at('2026-03-29T01:00:00Z'), KYIV, start)).toBe('2026-03-29');
  });

  it('with 04:00 across the autumn change: the day that holds the repeated hour is 25 hours', () => {
    const start = 4 * 60;
    expect(businessDayRange('2026-10-24', KYIV, start)).toEqual({ from: at('2026-10-24T01:00:00Z'), to: at('2026-10-25T02:00:00Z') });
    // Both passes of 03:30 on the 25th are still the 24th.
    expect(businessDateOf(at('2026-10-25T00:30:00Z'), KYIV, start)).toBe('2026-10-24');
    expect(businessDateOf(at('2026-10-25T01:30:00Z'), KYIV, start)).toBe('2026-10-24');
    expect(businessDateOf(at('2026-10-25T02:00:00Z'), KYIV, start)).toBe('2026-10-25');
    expect(hours(businessDayRange('2026-10-25', KYIV, start))).toBe(24);
  });

  it('a start inside the gap begins the day when the clocks jump; inside the overlap, at its first pass', () => {
    const start = 3 * 60 + 30;
    // Spring: 03:30 on the 29th does not exist; the 29th begins at 04:00 EEST (01:00Z).
    expect(iso(businessDayStartOf('2026-03-29', KYIV, start))).toBe('2026-03-29T01:00:00.000Z');
    expect(hours(businessDayRange('2026-03-28', KYIV, start))).toBe(23.5);
    expect(businessDateOf(at('2026-03-29T00:59:59Z'), KYIV, start)).toBe('2026-03-28');
    expect(businessDateOf(at('2026-03-29T01:00:00Z'), KYIV, start)).toBe('2026-03-29');
    // Autumn: the 25th begins at the first 03:30 (00:30Z); the second pass of 03:10 (01:10Z) is already the 25th.
    expect(iso(businessDayStartOf('2026-10-25', KYIV, start))).toBe('2026-10-25T00:30:00.000Z');
    expect(businessDateOf(at('2026-10-25T00:29:59Z'), KYIV, start)).toBe('2026-10-24');
    expect(businessDateOf(at('2026-10-25T01:10:00Z'), KYIV, start)).toBe('2026-10-25');
    expect(hours(businessDayRange('2026-10-24', KYIV, start))).toBe(24);
    expect(hours(businessDayRange('2026-10-25', KYIV, start))).toBe(25);
  });

  it('every instant of both DST weeks lies in exactly the day businessDateOf names, for any start', () => {
    for (const start of [0, 3 * 60 + 30, 4 * 60, 23 * 60 + 59]) {
      for (const [from, to] of [
        ['2026-03-26T00:00:00Z', '2026-04-01T00:00:00Z'],
        ['2026-10-22T00:00:00Z', '2026-10-28T00:00:00Z'],
      ] as const) {
        let previous: string | undefined;
        for (let t = at(from).getTime(); t < at(to).getTime(); t += 20 * 60_000) {
          const instant = new Date(t);
          const day = businessDateOf(instant, KYIV, start);
          const range = businessDayRange(day, KYIV, start);
          expect(range.from.getTime()).toBeLessThanOrEqual(t);
          expect(t).toBeLessThan(range.to.getTime());
          // Days follow each other without a gap or a repeat.
          if (previous !== undefined) expect([previous, addDays(previous, 1)]).toContain(day);
          previous = day;
        }
      }
    }
  });

  it('BUSINESS_DAY_START is HH:MM from 00:00 to 23:59; the hour of a business day counts from it', () => {
    expect(parseDayStart('00:00')).toBe(0);
    expect(parseDayStart('04:00')).toBe(240);
    expect(parseDayStart('23:59')).toBe(1439);
    for (const bad of ['24:00', '4:00', '04:60', '0400', '', 'four']) expect(parseDayStart(bad)).toBeUndefined();
    expect(minuteOfBusinessDay(4 * 60, 4 * 60)).toBe(0);
    expect(minuteOfBusinessDay(60, 4 * 60)).toBe(21 * 60);
    expect(minuteOfBusinessDay(13 * 60, 0)).toBe(13 * 60);
  });
});

describe('localTimeOf', () => {
  // What luxon says for the instant itself: the reference the remembered offsets must agree with.
  const reference = (ms: number, tz: string) => DateTime.fromMillis(ms, { zone: tz }).toFormat('HH:mm');

  it('agrees with the zone minute by minute around offset changes, whole, half and quarter hours', () => {
    const around = [
      ['Europe/Kyiv', '2026-03-29T01:00:00Z'],
      ['Europe/Kyiv', '2026-10-25T01:00:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'], // DST of half an hour
      ['Asia/Kathmandu', '2026-06-01T00:00:00Z'], // +05:45
      ['America/St_Johns', '2026-11-01T04:30:00Z'], // -02:30 → -03:30
    ] as const;
    for (const [tz, at] of around) {
      const centre = Date.parse(at);
      for (let ms = centre - 3 * 3_600_000; ms <= centre + 3 * 3_600_000; ms += 60_000 + 7) {
        expect(localTimeOf(new Date(ms), tz), `${tz} ${new Date(ms).toISOString()}`).toBe(reference(ms, tz));
      }
    }
  });

  it('an invalid instant or zone answers as luxon does', () => {
    expect(localTimeOf(new Date(Number.NaN), 'Europe/Kyiv')).toBe(DateTime.fromJSDate(new Date(Number.NaN), { zone: 'Europe/Kyiv' }).toFormat('HH:mm'));
    expect(localTimeOf(new Date(0), 'Nowhere/Atlantis')).toBe(DateTime.fromMillis(0, { zone: 'Nowhere/Atlantis' }).toFormat('HH:mm'));
  });
});
