import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseCheck, type NormalisedCheck } from '../../../src/features/ingest/normalise.js';
import { WATCHDOG_KINDS, wantsWatchdogAlert } from '../../../src/features/watchdog/kinds.js';
import {
  cashMovementKop,
  decideWatchdog,
  discountShareBp,
  drawerAlert,
  drawerMismatch,
  isLargeDiscount,
  isLargeReturn,
  isLargeWithdrawal,
  needsReturnShare,
  OFFLINE_EPISODE_MS,
  OFFLINE_REPORT_GRACE_MS,
  opensOfflineEpisode,
  returnShareExceeded,
  watchdogJobs,
  type WatchdogCheck,
  type WatchdogThresholds,
} from '../../../src/features/watchdog/watchdog.js';
import { uk } from '../../../src/platform/i18n/uk.js';
import { en } from '../../../src/platform/i18n/en.js';
import { variant } from '../../support/fixtures.js';

const TZ = 'Europe/Kyiv';
const OFF: WatchdogThresholds = { returnKop: null, discountPct: null, withdrawKop: null };

function check(name: string, patch: (c: Record<string, any>) => void = () => {}, dayStart = 0): NormalisedCheck {
  const parsed = parseCheck(variant(name, randomUUID(), patch), TZ, dayStart);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.check;
}

const base: WatchdogCheck = {
  kind: 'sale',
  numFiscal: '50037129',
  totalKop: 10_000,
  discountKop: 0,
  cashKop: 10_000,
  cashInBoxKop: 110_000,
  businessDate: '2026-11-27',
  dayMinute: 600,
  isOffline: false,
};

describe('watchdog kinds', () => {
  it('every kind has a name in both languages, and no other name is there', () => {
    for (const t of [uk, en]) expect(Object.keys(t.watchdog.kinds).sort()).toEqual([...WATCHDOG_KINDS].sort());
  });
  it('a chat gets a kind for a desk it follows unless it switched the kind off', () => {
    const chat = { deskFilter: ['A'], watchdogOff: ['large_discount'] };
    expect(wantsWatchdogAlert(chat, 'large_return', 'A')).toBe(true);
    expect(wantsWatchdogAlert(chat, 'large_return', 'B')).toBe(false);
    expect(wantsWatchdogAlert(chat, 'large_discount', 'A')).toBe(false);
    expect(wantsWatchdogAlert({ deskFilter: null, watchdogOff: [] }, 'till_offline', 'B')).toBe(true);
  });
});

describe('large return', () => {
  it('above the amount alerts; exactly at it does not; off (null) never', () => {
    const ret = { ...base, kind: 'return' as const, totalKop: 100_000 };
    expect(isLargeReturn(ret, { returnKop: 99_999 })).toBe(true);
    expect(isLargeReturn(ret, { returnKop: 100_000 })).toBe(false);
    expect(isLargeReturn(ret, { returnKop: null })).toBe(false);
    expect(isLargeReturn({ ...ret, kind: 'sale' }, { returnKop: 0 })).toBe(false);
  });
  it('the day\'s share is asked for only for a return at or after 14:00 of its own day', () => {
    const at = (time: string) => check('return', (c) => (c.ORDERTIME = time));
    expect(needsReturnShare(at('13:59:59'))).toBe(false);
    expect(needsReturnShare(at('14:00:00'))).toBe(true);
    expect(needsReturnShare(check('sale-cash', (c) => (c.ORDERTIME = '15:00:00')))).toBe(false);
  });
  it('a return of a check from another day counts on the return\'s own day (its own date and time)', () => {
    // The fixture's return is made 27.11 12:30; it refunds a check from the day before (its
    // footer/order says so; CashDesk gives no other link): only the return's own time counts.
    const ret = check('return', (c) => {
      c.ORDERDATE = '2026-11-28';
      c.ORDERTIME = '14:30:00';
    });
    expect(ret.businessDate).toBe('2026-11-28');
    expect(needsReturnShare(ret)).toBe(true);
  });
  it('on a DST day the afternoon is by the wall clock: 14:00 is 14:00 (spring forward and fall back)', () => {
    for (const date of ['2026-03-29', '2026-10-25']) {
      const r = check('return', (c) => {
        c.ORDERDATE = date;
        c.ORDERTIME = '14:00:00';
      });
      expect(r.dayMinute).toBe(840);
      expect(needsReturnShare(r)).toBe(true);
      const early = check('return', (c) => {
        c.ORDERDATE = date;
        c.ORDERTIME = '13:59:00';
      });
      expect(needsReturnShare(early)).toBe(false);
    }
  });
  it('with BUSINESS_DAY_START 04:00 a return at 01:30 is late in the day before, so in its afternoon', () => {
    const r = check('return', (c) => {
      c.ORDERDATE = '2026-11-28';
      c.ORDERTIME = '01:30:00';
    }, 4 * 60);
    expect(r.businessDate).toBe('2026-11-27');
    expect(r.dayMinute).toBe(24 * 60 + 90);
    expect(needsReturnShare(r)).toBe(true);
  });
  it('over 10 % of the sales: exactly 10 % is not; no sales and a return is', () => {
    expect(returnShareExceeded(100_000, 10_000)).toBe(false);
    expect(returnShareExceeded(100_000, 10_001)).toBe(true);
    expect(returnShareExceeded(0, 1)).toBe(true);
    expect(returnShareExceeded(0, 0)).toBe(false);
  });
});

describe('large discount: discount ÷ (total + discount)', () => {
  it('share in basis points', () => {
    expect(discountShareBp({ totalKop: 7_000, discountKop: 3_000 })).toBe(3_000);
    expect(discountShareBp({ totalKop: 0, discountKop: 0 })).toBe(0);
  });
  it('above the percent alerts; exactly at it does not; only sales; off never', () => {
    const sale = { ...base, totalKop: 7_000, discountKop: 3_000 };
    expect(isLargeDiscount(sale, { discountPct: 29 })).toBe(true);
    expect(isLargeDiscount(sale, { discountPct: 30 })).toBe(false);
    expect(isLargeDiscount(sale, { discountPct: null })).toBe(false);
    expect(isLargeDiscount({ ...sale, kind: 'return' }, { discountPct: 1 })).toBe(false);
    expect(isLargeDiscount({ ...sale, discountKop: 0 }, { discountPct: 1 })).toBe(false);
    // 100 % off: a free check
    expect(isLargeDiscount({ ...sale, totalKop: 0 }, { discountPct: 99 })).toBe(true);
  });
  it('the parser sums the check\'s and the lines\' discounts', () => {
    const c = check('sale-cash', (b) => (b.check_data.global_discount = 60));
    expect(c.discountKop).toBe(6_000);
    expect(isLargeDiscount(c, { discountPct: 28 })).toBe(true); // 60 / 208,60 = 28,7 %
    expect(isLargeDiscount(c, { discountPct: 29 })).toBe(false);
  });
});

describe('service withdrawal', () => {
  it('every withdrawal by default (0); above the amount; exactly at it not; off never; deposits never', () => {
    const out = { ...base, kind: 'service_out' as const, totalKop: 50_000 };
    expect(isLargeWithdrawal(out, { withdrawKop: 0 })).toBe(true);
    expect(isLargeWithdrawal(out, { withdrawKop: 50_000 })).toBe(false);
    expect(isLargeWithdrawal(out, { withdrawKop: 49_999 })).toBe(true);
    expect(isLargeWithdrawal(out, { withdrawKop: null })).toBe(false);
    expect(isLargeWithdrawal({ ...out, kind: 'service_in' }, { withdrawKop: 0 })).toBe(false);
  });
});

describe('drawer does not add up', () => {
  it('cash movement: sale in, return out, deposit in, withdrawal out; cashless moves nothing', () => {
    expect(cashMovementKop({ kind: 'sale', totalKop: 10_000, cashKop: 4_000 })).toBe(4_000);
    expect(cashMovementKop({ kind: 'return', totalKop: 2_890, cashKop: 2_890 })).toBe(-2_890);
    expect(cashMovementKop({ kind: 'service_in', totalKop: 50_000, cashKop: 0 })).toBe(50_000);
    expect(cashMovementKop({ kind: 'service_out', totalKop: 50_000, cashKop: 50_000 })).toBe(-50_000);
    expect(cashMovementKop({ kind: 'sale', totalKop: 10_000, cashKop: 0 })).toBe(0);
  });
  it('a return sent with negative sums moves the same cash out, and is as large a return', () => {
    expect(cashMovementKop({ kind: 'return', totalKop: -3_977_00, cashKop: -977_00 })).toBe(-977_00);
    expect(cashMovementKop({ kind: 'return', totalKop: 3_977_00, cashKop: 977_00 })).toBe(-977_00);
    const before = { cashInBoxKop: 30_000_00, mismatchOn: null };
    const negative = { kind: 'return' as const, totalKop: -3_977_00, cashKop: -977_00, cashInBoxKop: 29_023_00 };
    expect(drawerMismatch(negative, before)).toBeUndefined();
    expect(drawerMismatch({ ...negative, cashInBoxKop: 30_977_00 }, before)?.differenceKop).toBe(1_954_00);
    expect(isLargeReturn({ kind: 'return', totalKop: -3_977_00 }, { returnKop: 3_000_00 })).toBe(true);
    expect(isLargeReturn({ kind: 'return', totalKop: -3_977_00 }, { returnKop: 4_000_00 })).toBe(false);
  });
  it('adds up within 1 ₴ (exactly 1 ₴ off is fine); more is a mismatch with expected, found, difference', () => {
    const before = { cashInBoxKop: 100_000, mismatchOn: null };
    expect(drawerMismatch({ ...base, cashInBoxKop: 110_000 }, before)).toBeUndefined();
    expect(drawerMismatch({ ...base, cashInBoxKop: 110_100 }, before)).toBeUndefined();
    expect(drawerMismatch({ ...base, cashInBoxKop: 109_900 }, before)).toBeUndefined();
    expect(drawerMismatch({ ...base, cashInBoxKop: 110_101 }, before)).toEqual({
      previousKop: 100_000,
      movementKop: 10_000,
      expectedKop: 110_000,
      foundKop: 110_101,
      differenceKop: 101,
    });
    expect(drawerMismatch({ ...base, cashInBoxKop: 90_000 }, before)?.differenceKop).toBe(-20_000);
  });
  it('the first check of a desk (no figure before) and a check that does not follow the figure compare nothing', () => {
    expect(drawerMismatch({ ...base, cashInBoxKop: 1 }, { cashInBoxKop: null, mismatchOn: null })).toBeUndefined();
    // An offline check older than the drawer's figure: the drawer update skipped it (null).
    expect(drawerMismatch({ ...base, cashInBoxKop: 1 }, null)).toBeUndefined();
    expect(drawerMismatch({ ...base, cashInBoxKop: null }, { cashInBoxKop: 5, mismatchOn: null })).toBeUndefined();
  });
  it('once per cash desk per business day', () => {
    const off = { ...base, cashInBoxKop: 50_000 };
    expect(drawerAlert(off, { cashInBoxKop: 100_000, mismatchOn: '2026-11-26' })).toBeDefined();
    expect(drawerAlert(off, { cashInBoxKop: 100_000, mismatchOn: '2026-11-27' })).toBeUndefined();
  });
});

describe('till offline', () => {
  const t0 = new Date('2026-11-27T10:00:00Z');
  it('the first late offline check opens an episode; the ones within two minutes join it; later ones open another', () => {
    expect(opensOfflineEpisode(null, t0)).toBe(true);
    expect(opensOfflineEpisode(t0, new Date(t0.getTime() + OFFLINE_EPISODE_MS - 1))).toBe(false);
    expect(opensOfflineEpisode(t0, new Date(t0.getTime() + OFFLINE_EPISODE_MS))).toBe(true);
    // an episode "opened" after this arrival (a replay with an old arrival time) is not this one
    expect(opensOfflineEpisode(new Date(t0.getTime() + 1), t0)).toBe(true);
  });
  it('an opened episode is one job per chat, due after the episode closes, naming no check', () => {
    const offline = { ...base, isOffline: true };
    const alerts = decideWatchdog(offline, OFF, null, { offlineEpisode: { cashDeskId: 7, openedAt: t0 } });
    expect(alerts).toEqual([
      {
        kind: 'till_offline',
        payload: { cashDeskId: 7, from: t0.toISOString(), until: new Date(t0.getTime() + OFFLINE_EPISODE_MS).toISOString() },
        notBefore: new Date(t0.getTime() + OFFLINE_EPISODE_MS + OFFLINE_REPORT_GRACE_MS),
      },
    ]);
    const jobs = watchdogJobs(alerts, { businessId: 1, checkId: 99, numFiscal: '50037129', eventAt: t0 }, [
      { chatId: 1, deskFilter: null, watchdogOff: [] },
      { chatId: 2, deskFilter: null, watchdogOff: ['till_offline'] },
    ]);
    expect(jobs).toEqual([
      expect.objectContaining({ chatId: 1, kind: 'till_offline', checkId: null, notBefore: new Date(t0.getTime() + OFFLINE_EPISODE_MS + OFFLINE_REPORT_GRACE_MS) }),
    ]);
    // An offline check joining an episode decides nothing more.
    expect(decideWatchdog(offline, OFF, null, {})).toEqual([]);
  });
});

describe('decideWatchdog and its jobs', () => {
  it('a normal sale with every threshold off and a drawer that adds up decides nothing', () => {
    expect(decideWatchdog(base, OFF, { cashInBoxKop: 100_000, mismatchOn: null })).toEqual([]);
  });
  it('a return past the amount and the day\'s share is one message with both', () => {
    const ret = { ...base, kind: 'return' as const, totalKop: 50_000, cashKop: 50_000, cashInBoxKop: 50_000 };
    const alerts = decideWatchdog(ret, { ...OFF, returnKop: 10_000 }, { cashInBoxKop: 100_000, mismatchOn: null }, { returnShare: { salesKop: 100_000, returnsKop: 50_000 } });
    expect(alerts).toEqual([{ kind: 'large_return', payload: { thresholdKop: 10_000, share: { salesKop: 100_000, returnsKop: 50_000 } } }]);
  });
  it('a withdrawal with a drawer that does not add up: both, in order; jobs follow each chat\'s desk filter, not its mute', () => {
    const out = { ...base, kind: 'service_out' as const, totalKop: 20_000, cashKop: 20_000, cashInBoxKop: 70_000 };
    const alerts = decideWatchdog(out, { ...OFF, withdrawKop: 0 }, { cashInBoxKop: 100_000, mismatchOn: null });
    expect(alerts.map((a) => a.kind)).toEqual(['service_out', 'drawer_mismatch']);
    expect(alerts[0]!.payload).toEqual({ thresholdKop: 0, cashInBoxKop: 70_000 });
    expect(alerts[1]!.payload).toMatchObject({ expectedKop: 80_000, foundKop: 70_000, differenceKop: -10_000 });
    const jobs = watchdogJobs(alerts, { businessId: 1, checkId: 5, numFiscal: '50037129', eventAt: new Date(0) }, [
      { chatId: 10, deskFilter: null, watchdogOff: [] },
      { chatId: 11, deskFilter: ['other'], watchdogOff: [] },
      { chatId: 12, deskFilter: ['50037129'], watchdogOff: ['drawer_mismatch'] },
    ]);
    expect(jobs.map((j) => [j.chatId, j.kind, 'checkId' in j ? j.checkId : undefined])).toEqual([
      [10, 'service_out', 5],
      [12, 'service_out', 5],
      [10, 'drawer_mismatch', 5],
    ]);
  });
});
