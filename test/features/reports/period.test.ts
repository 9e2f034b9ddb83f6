import { describe, expect, it } from 'vitest';
import { businessDateSchema, periodSchema, weekBefore } from '../../../src/features/reports/period.js';
import { businessDateOf, localInstant as localAt, NODE_CRON_RULE } from '../../../src/platform/time/business-time.js';

const localInstant = (date: string, h: number, m: number, s: number, tz: string, options: { repeated?: 'first' | 'last' } = {}) =>
  localAt(date, h * 3600 + m * 60 + s, tz, options.repeated === 'last' ? NODE_CRON_RULE : { gap: 'none', repeated: 'earlier' });

const KYIV = 'Europe/Kyiv';

describe('business days', () => {
  it('the same weekday a week before, across months, years and DST changes', () => {
    expect(weekBefore('2026-11-27')).toBe('2026-11-20');
    expect(weekBefore('2026-03-03')).toBe('2026-02-24');
    expect(weekBefore('2028-03-06')).toBe('2028-02-28');
    expect(weekBefore('2027-01-05')).toBe('2026-12-29');
    // A week that holds the spring or autumn change is still seven calendar days.
    expect(weekBefore('2026-04-02')).toBe('2026-03-26');
    expect(weekBefore('2026-10-29')).toBe('2026-10-22');
    for (const d of ['2026-04-02', '2026-10-29', '2026-11-27']) {
      expect(new Date(`${weekBefore(d)}T12:00:00Z`).getUTCDay()).toBe(new Date(`${d}T12:00:00Z`).getUTCDay());
    }
  });

  it('the business day of an instant is the Kyiv date, not the UTC one', () => {
    // 21:59:59Z is 23:59:59 in winter Kyiv (UTC+2); 22:00:00Z is already the next day.
    expect(businessDateOf(new Date('2026-11-27T21:59:59Z'), KYIV)).toBe('2026-11-27');
    expect(businessDateOf(new Date('2026-11-27T22:00:00Z'), KYIV)).toBe('2026-11-28');
    // Summer: UTC+3.
    expect(businessDateOf(new Date('2026-07-01T20:59:59Z'), KYIV)).toBe('2026-07-01');
    expect(businessDateOf(new Date('2026-07-01T21:00:00Z'), KYIV)).toBe('2026-07-02');
  });

  it('local times on the DST days: the skipped hour does not exist, the repeated one has two passes', () => {
    // 2026-03-29: 03:00 EET becomes 04:00 EEST.
    expect(localInstant('2026-03-29', 2, 59, 59, KYIV)?.toISOString()).toBe('2026-03-29T00:59:59.000Z');
    expect(localInstant('2026-03-29', 3, 30, 0, KYIV)).toBeNull();
    expect(localInstant('2026-03-29', 4, 0, 0, KYIV)?.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    // The day is 23 hours long.
    const springStart = localInstant('2026-03-29', 0, 0, 0, KYIV)!;
    const springNext = localInstant('2026-03-30', 0, 0, 0, KYIV)!;
    expect(springNext.getTime() - springStart.getTime()).toBe(23 * 3600_000);

    // 2026-10-25: 04:00 EEST becomes 03:00 EET; 03:30 happens twice.
    expect(localInstant('2026-10-25', 3, 30, 0, KYIV)?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(localInstant('2026-10-25', 3, 30, 0, KYIV, { repeated: 'last' })?.toISOString()).toBe('2026-10-25T01:30:00.000Z');
    expect(localInstant('2026-10-25', 4, 30, 0, KYIV, { repeated: 'last' })?.toISOString()).toBe('2026-10-25T02:30:00.000Z');
    const autumnStart = localInstant('2026-10-25', 0, 0, 0, KYIV)!;
    const autumnNext = localInstant('2026-10-26', 0, 0, 0, KYIV)!;
    expect(autumnNext.getTime() - autumnStart.getTime()).toBe(25 * 3600_000);
  });

  it('dates and periods are validated', () => {
    expect(businessDateSchema.safeParse('2026-11-27').success).toBe(true);
    expect(businessDateSchema.safeParse('2026-02-30').success).toBe(false);
    expect(businessDateSchema.safeParse('27.11.2026').success).toBe(false);
    expect(businessDateSchema.safeParse("2026-11-27' or 1=1").success).toBe(false);
    expect(periodSchema.safeParse({ from: '2026-11-01', to: '2026-11-27' }).success).toBe(true);
    expect(periodSchema.safeParse({ from: '2026-11-27', to: '2026-11-27' }).success).toBe(true);
    expect(periodSchema.safeParse({ from: '2026-11-28', to: '2026-11-27' }).success).toBe(false);
  });
});
