import { describe, expect, it } from 'vitest';
import {
  buildDeskProfile,
  judgeSilence,
  MIN_LIMIT_MS,
  NEW_DESK_MS,
  slotOf,
  type DeskProfile,
} from '../../../src/features/watchdog/silent-desk.js';
import { addDays, localToInstant } from '../../../src/platform/time/business-time.js';
import { localHourOf } from '../../../src/platform/time/hours.js';

/**
 * The rule of "a cash desk went quiet", pure: what is learned from four weeks of checks, and when
 * a silence is news. Dates in Kyiv; 2026-12-01 is a Tuesday. DST days: 2026-03-29 (03:00
 * skipped) and 2026-10-25 (03:00 twice), both Sundays.
 */
const KYIV = 'Europe/Kyiv';
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const local = (date: string, time: string): Date => localToInstant(date, time, KYIV)!;

/**
 * A check every `step` minutes of real time (the first at 5 past local midnight of `from`) up to
 * local midnight of `to`, kept when the local hour is in [open, close) and the weekday is one of
 * `weekdays` (ISO; all by default).
 */
function checksEvery(from: string, to: string, open: number, close: number, step = 10, weekdays = [1, 2, 3, 4, 5, 6, 7]): Date[] {
  const out: Date[] = [];
  const end = local(to, '00:00').getTime();
  for (let t = local(from, '00:05').getTime(); t < end; t += step * MIN) {
    const { hour, weekday } = localHourOf(new Date(t), KYIV);
    if (hour >= open && hour < close && weekdays.includes(weekday)) out.push(new Date(t));
  }
  return out;
}

const profileFor = (today: string, times: Date[]): DeskProfile => buildDeskProfile(times, today, KYIV);
const judge = (profile: DeskProfile, lastCheckAt: Date, now: Date, firstCheckAt = new Date(now.getTime() - 60 * DAY)) =>
  judgeSilence({ profile, firstCheckAt, lastCheckAt }, now, KYIV);

describe('what a desk profile learns', () => {
  const TODAY = '2026-12-01';
  const shop = checksEvery(addDays(TODAY, -28), TODAY, 9, 20);

  it('trades 09:00–20:00 every day; between checks 10 minutes at most, so each hour allows the 30-minute floor', () => {
    const profile = profileFor(TODAY, shop);
    expect(profile.forDate).toBe(TODAY);
    for (let weekday = 1; weekday <= 7; weekday++) {
      expect(profile.limits.slice(slotOf(weekday, 0), slotOf(weekday, 9))).toEqual(Array(9).fill(null));
      expect(profile.limits.slice(slotOf(weekday, 9), slotOf(weekday, 20))).toEqual(Array(11).fill(MIN_LIMIT_MS));
      expect(profile.limits.slice(slotOf(weekday, 20), slotOf(weekday, 24))).toEqual(Array(4).fill(null));
    }
  });

  it('ignores checks outside the 28 dates before the day (today, and five weeks ago)', () => {
    const extra = [local(TODAY, '03:00'), local(addDays(TODAY, -35), '03:00'), local(addDays(TODAY, -36), '03:00')];
    expect(profileFor(TODAY, [...shop, ...extra])).toEqual(profileFor(TODAY, shop));
  });

  it('an hour is a trading hour with checks on 2 of its 4 weekdays, not on 1', () => {
    // Tuesdays at 22:xx: on two of the four Tuesdays before, then on one only at 23:xx.
    const late = [local('2026-11-24', '22:10'), local('2026-11-17', '22:40'), local('2026-11-10', '23:10')];
    const profile = profileFor(TODAY, [...shop, ...late]);
    expect(profile.limits[slotOf(2, 22)]).not.toBeNull();
    expect(profile.limits[slotOf(2, 23)]).toBeNull();
    expect(profile.limits[slotOf(3, 22)]).toBeNull();
  });

  it("the limit is the longest stretch without a check of the four weeks × 1.5, for every hour it overlapped", () => {
    // One Tuesday, no check from 11:55 to 12:45 (50 minutes): 11:00 and 12:00 allow 75 minutes.
    const pause = shop.filter((t) => !(t > local('2026-11-24', '11:56') && t < local('2026-11-24', '12:44')));
    const profile = profileFor(TODAY, pause);
    expect(profile.limits[slotOf(2, 11)]).toBe(75 * MIN);
    expect(profile.limits[slotOf(2, 12)]).toBe(75 * MIN);
    expect(profile.limits[slotOf(2, 13)]).toBe(MIN_LIMIT_MS);
    expect(profile.limits[slotOf(3, 12)]).toBe(MIN_LIMIT_MS);
  });

  it('a day the desk stayed closed does not count as one long pause', () => {
    const closedOneTuesday = shop.filter((t) => localHourOf(t, KYIV).date !== '2026-11-17');
    expect(profileFor(TODAY, closedOneTuesday)).toEqual(profileFor(TODAY, shop));
  });
});

describe('when a silence is news', () => {
  const TODAY = '2026-12-01'; // Tuesday
  const profile = profileFor(TODAY, checksEvery(addDays(TODAY, -28), TODAY, 9, 20));

  it('exactly at the limit is not quiet; a second more is', () => {
    const last = local(TODAY, '13:30');
    expect(judge(profile, last, local(TODAY, '14:00'))).toEqual({ quiet: false, why: 'within_limit' });
    expect(judge(profile, last, new Date(local(TODAY, '14:00').getTime() + 1000))).toEqual({
      quiet: true,
      silenceMs: 30 * MIN + 1000,
      limitMs: 30 * MIN,
    });
  });

  it('not in its first two weeks: its first check 13 days 23 hours ago is too young, 14 days is not', () => {
    const now = local(TODAY, '15:00');
    const last = local(TODAY, '12:00');
    expect(judge(profile, last, now, new Date(now.getTime() - NEW_DESK_MS + 3_600_000))).toEqual({ quiet: false, why: 'new_desk' });
    expect(judge(profile, last, now, new Date(now.getTime() - NEW_DESK_MS))).toMatchObject({ quiet: true });
  });

  it('not outside the hours it usually trades, however long the silence', () => {
    const last = local(addDays(TODAY, -3), '19:55');
    expect(judge(profile, last, local(TODAY, '08:59'))).toEqual({ quiet: false, why: 'not_trading' });
    expect(judge(profile, last, local(TODAY, '20:00'))).toEqual({ quiet: false, why: 'not_trading' });
    expect(judge(profile, last, local(TODAY, '23:30'))).toEqual({ quiet: false, why: 'not_trading' });
  });

  it('a desk that has not opened: silent since its usual opening, not since last night', () => {
    const last = local(addDays(TODAY, -1), '19:55');
    expect(judge(profile, last, local(TODAY, '09:30'))).toEqual({ quiet: false, why: 'within_limit' });
    expect(judge(profile, last, local(TODAY, '09:31'))).toEqual({ quiet: true, silenceMs: 31 * MIN, limitMs: 30 * MIN });
  });

  it('no profile, or no check at all: nothing to say', () => {
    const now = local(TODAY, '12:00');
    expect(judgeSilence({ profile: null, firstCheckAt: null, lastCheckAt: null }, now, KYIV)).toEqual({ quiet: false, why: 'no_profile' });
  });

  it('a desk that trades Monday to Friday: quiet on a Monday morning, never at the weekend', () => {
    const monday = '2026-12-07';
    const weekdays = profileFor(monday, checksEvery(addDays(monday, -28), monday, 9, 18, 10, [1, 2, 3, 4, 5]));
    expect(weekdays.limits[slotOf(6, 12)]).toBeNull();
    expect(weekdays.limits[slotOf(7, 12)]).toBeNull();
    const friday = local('2026-12-04', '17:55');
    expect(judge(weekdays, friday, local('2026-12-05', '12:00'))).toEqual({ quiet: false, why: 'not_trading' });
    expect(judge(weekdays, friday, local('2026-12-06', '17:00'))).toEqual({ quiet: false, why: 'not_trading' });
    expect(judge(weekdays, friday, local(monday, '09:45'))).toMatchObject({ quiet: true, silenceMs: 45 * MIN });
  });
});

describe('DST days bring no false alert', () => {
  it('spring (29 March, 03:00 skipped): a shop opening at 09:00 is judged from 09:00 EEST', () => {
    const day = '2026-03-29';
    const profile = profileFor(day, checksEvery(addDays(day, -28), day, 9, 20));
    const saturday = local('2026-03-28', '19:55');
    // 09:20 EEST is 06:20Z: 20 minutes after opening, whatever the shortened night.
    expect(judge(profile, saturday, local(day, '09:20'))).toEqual({ quiet: false, why: 'within_limit' });
    expect(judge(profile, saturday, local(day, '09:31'))).toMatchObject({ quiet: true, silenceMs: 31 * MIN });
  });

  it('spring: a desk trading through the night sees 02:55 EET → 04:05 EEST as the 10 minutes it is', () => {
    const day = '2026-03-29';
    const times = checksEvery(addDays(day, -28), addDays(day, 1), 0, 6);
    const profile = profileFor(day, times);
    expect(judge(profile, new Date('2026-03-29T00:55:00Z'), new Date('2026-03-29T01:05:00Z'))).toEqual({ quiet: false, why: 'within_limit' });
    // A week later, that night is in the profile: no hour got a longer limit from it.
    const later = profileFor('2026-04-05', times);
    expect(later.limits[slotOf(7, 2)]).toBe(MIN_LIMIT_MS);
    expect(later.limits[slotOf(7, 4)]).toBe(MIN_LIMIT_MS);
    expect(later.limits[slotOf(7, 3)]).toBe(MIN_LIMIT_MS); // the other three Sundays had a 03:00
  });

  it('autumn (25 October, 03:00 twice): both passes of 03:xx are one trading hour of real time', () => {
    const day = '2026-10-25';
    const times = checksEvery(addDays(day, -28), addDays(day, 1), 0, 6);
    const profile = profileFor(day, times);
    // 03:25 EET (the second pass) after 03:15 EET; and 03:05 EET after 03:55 EEST.
    expect(judge(profile, new Date('2026-10-25T01:15:00Z'), new Date('2026-10-25T01:25:00Z'))).toEqual({ quiet: false, why: 'within_limit' });
    expect(judge(profile, new Date('2026-10-25T00:55:00Z'), new Date('2026-10-25T01:05:00Z'))).toEqual({ quiet: false, why: 'within_limit' });
    // Still quiet after a real 31 minutes, across the change.
    expect(judge(profile, new Date('2026-10-25T00:45:00Z'), new Date('2026-10-25T01:16:00Z'))).toMatchObject({ quiet: true, silenceMs: 31 * MIN });
    const later = profileFor('2026-11-01', times);
    expect(later.limits[slotOf(7, 3)]).toBe(MIN_LIMIT_MS);
  });

  it('a night run is counted in real time from its local start across the change: 3 h 20 min in spring, 5 h 20 min in autumn at 04:20', () => {
    const spring = '2026-03-29';
    const springProfile = profileFor(spring, checksEvery(addDays(spring, -28), spring, 0, 6));
    // Nothing since 05:55 the day before; 00:00 EET (22:00Z) → 04:20 EEST (01:20Z).
    expect(judge(springProfile, local('2026-03-28', '05:55'), local(spring, '04:20'))).toEqual({ quiet: true, silenceMs: 200 * MIN, limitMs: 30 * MIN });
    const autumn = '2026-10-25';
    const autumnProfile = profileFor(autumn, checksEvery(addDays(autumn, -28), autumn, 0, 6));
    // 00:00 EEST (21:00Z) → 04:20 EET (02:20Z).
    expect(judge(autumnProfile, local('2026-10-24', '05:55'), local(autumn, '04:20'))).toEqual({ quiet: true, silenceMs: 320 * MIN, limitMs: 30 * MIN });
  });

  it('autumn: a shop opening at 09:00 is judged from 09:00 EET, not an hour early', () => {
    const day = '2026-10-25';
    const profile = profileFor(day, checksEvery(addDays(day, -28), day, 9, 20));
    expect(judge(profile, local('2026-10-24', '19:55'), local(day, '09:25'))).toEqual({ quiet: false, why: 'within_limit' });
  });
});
