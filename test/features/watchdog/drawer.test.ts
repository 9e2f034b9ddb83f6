import { describe, expect, it } from 'vitest';
import { decideCheckJobs, type DrawerCheck, type DrawerState } from '../../../src/features/watchdog/drawer.js';
import { CLOCK_AHEAD_TOLERANCE_MS } from '../../../src/features/watchdog/desk-clock.js';

const DESK = '50037129';
const ARRIVAL = new Date('2026-11-27T08:00:00.000Z');
const NOW = ARRIVAL.getTime();
const chats = [
  { chatId: 1, deskFilter: null, watchdogOff: [] },
  { chatId: 2, deskFilter: ['other desk'], watchdogOff: [] },
];

const check = (cashInBoxKop: number | null, orderedAt = new Date(ARRIVAL.getTime() - 60_000)): DrawerCheck => ({
  kind: 'sale',
  numFiscal: DESK,
  totalKop: 1_000,
  discountKop: 0,
  cashKop: 1_000,
  cashInBoxKop,
  businessDate: '2026-11-27',
  dayMinute: 600,
  isOffline: false,
  orderedAt,
});

const drawer = (patch: Partial<DrawerState> = {}): DrawerState => ({
  cashKop: 50_000,
  cashAt: new Date(ARRIVAL.getTime() - 10 * 60_000),
  lowAlerted: false,
  highAlerted: false,
  lowKop: 10_000,
  highKop: 0,
  mismatchOn: null,
  ...patch,
});

const decide = (c: DrawerCheck, d: DrawerState | undefined) => decideCheckJobs(7, c, ARRIVAL, 100, 3, chats, d, NOW);

describe('decideCheckJobs: the drawer, check by check', () => {
  it('a figure below the low threshold: one low-cash job to each chat that follows the desk, the drawer moves to it', () => {
    // 50 000 + 1 000 expected, 5 000 found: the drawer does not add up either.
    const decided = decide(check(5_000), drawer());
    expect(decided.jobs.filter((j) => j.kind === 'low_cash')).toEqual([
      { businessId: 7, chatId: 1, kind: 'low_cash', checkId: 100, payload: { cashDeskId: 3, cashKop: 5_000 }, eventAt: ARRIVAL },
    ]);
    expect(decided.watchdog).toEqual(['drawer_mismatch']);
    expect(decided.drawer).toMatchObject({ cashKop: 5_000, cashAt: check(5_000).orderedAt, lowAlerted: true, mismatchOn: '2026-11-27' });
    expect(decided.datedAhead).toBe(false);
  });

  it('already below: no second alert; back above re-arms it', () => {
    expect(decide(check(5_000), drawer({ cashKop: 6_000, lowAlerted: true })).jobs.filter((j) => j.kind === 'low_cash')).toEqual([]);
    expect(decide(check(20_000), drawer({ cashKop: 19_000, lowAlerted: true })).drawer).toMatchObject({ lowAlerted: false, cashKop: 20_000 });
  });

  it('an older check than the figure: the drawer stays and nothing is compared', () => {
    const d = drawer({ cashAt: ARRIVAL });
    const decided = decide(check(5_000), d);
    expect(decided.drawer).toBe(d);
    expect(decided.jobs).toEqual([]);
  });

  it('a check dated more than a day after it arrived: dated ahead, the drawer stays', () => {
    const d = drawer();
    const decided = decide(check(5_000, new Date(ARRIVAL.getTime() + CLOCK_AHEAD_TOLERANCE_MS + 1_000)), d);
    expect(decided).toMatchObject({ datedAhead: true, jobs: [], watchdog: [] });
    expect(decided.drawer).toBe(d);
  });

  it('a figure left by a wrong clock (after both the arrival and now) is replaced by a current check', () => {
    const decided = decide(check(20_000), drawer({ cashAt: new Date(NOW + 2 * CLOCK_AHEAD_TOLERANCE_MS) }));
    expect(decided.drawer).toMatchObject({ cashKop: 20_000 });
  });

  it('no figure on the check, or no drawer read: nothing moves', () => {
    expect(decide(check(null), drawer()).drawer).toEqual(drawer());
    expect(decide(check(5_000), undefined)).toMatchObject({ drawer: undefined, jobs: [] });
  });
});
