import { describe, expect, it } from 'vitest';
import { followsDesk, isQuietAt, isQuietMinute, quietHoursOf, toggleDesk, wantsSaleAlert, type SaleFilter } from '../../../src/features/chat-settings/chat-settings.js';

const every: SaleFilter = { muted: false, minSaleKop: null, onlyReturns: false, deskFilter: null };

describe('followsDesk', () => {
  it('every desk without a filter, the listed ones with one, none with an empty one', () => {
    expect(followsDesk({ deskFilter: null }, 'anything')).toBe(true);
    expect(followsDesk({ deskFilter: ['111'] }, '111')).toBe(true);
    expect(followsDesk({ deskFilter: ['111'] }, '1111')).toBe(false);
    expect(followsDesk({ deskFilter: [] }, '111')).toBe(false);
  });
});

describe('wantsSaleAlert', () => {
  it('a minimum counts a return by its absolute amount, at the minimum included', () => {
    const filter = { ...every, minSaleKop: 10_000 };
    expect(wantsSaleAlert(filter, { kind: 'return', totalKop: -9_999, numFiscal: '1' })).toBe(false);
    expect(wantsSaleAlert(filter, { kind: 'return', totalKop: -10_000, numFiscal: '1' })).toBe(true);
    expect(wantsSaleAlert(filter, { kind: 'return', totalKop: 10_000, numFiscal: '1' })).toBe(true);
  });

  it('muted wins over everything else', () => {
    expect(wantsSaleAlert({ muted: true, minSaleKop: 0, onlyReturns: true, deskFilter: null }, { kind: 'return', totalKop: -1, numFiscal: '1' })).toBe(false);
  });

  it('all conditions at once: the desk, the kind and the amount', () => {
    const filter: SaleFilter = { muted: false, minSaleKop: 5_000, onlyReturns: true, deskFilter: ['A'] };
    expect(wantsSaleAlert(filter, { kind: 'return', totalKop: -5_000, numFiscal: 'A' })).toBe(true);
    expect(wantsSaleAlert(filter, { kind: 'return', totalKop: -5_000, numFiscal: 'B' })).toBe(false);
    expect(wantsSaleAlert(filter, { kind: 'sale', totalKop: 5_000, numFiscal: 'A' })).toBe(false);
    expect(wantsSaleAlert(filter, { kind: 'return', totalKop: -4_999, numFiscal: 'A' })).toBe(false);
  });
});

describe('quietHoursOf', () => {
  it('both ends or none', () => {
    expect(quietHoursOf({ quietFrom: 1320, quietTo: 480 })).toEqual({ from: 1320, to: 480 });
    expect(quietHoursOf({ quietFrom: 0, quietTo: 0 })).toEqual({ from: 0, to: 0 });
    expect(quietHoursOf({ quietFrom: 1320, quietTo: null })).toBeNull();
    expect(quietHoursOf({ quietFrom: null, quietTo: 480 })).toBeNull();
  });
});

describe('isQuietMinute', () => {
  it('from equal to to is no quiet hours at all', () => {
    for (const minute of [0, 600, 1439]) expect(isQuietMinute({ from: 600, to: 600 }, minute)).toBe(false);
  });

  it('the edges of the day', () => {
    const allButLast = { from: 0, to: 1439 };
    expect([0, 1438, 1439].map((m) => isQuietMinute(allButLast, m))).toEqual([true, true, false]);
    const lastOnly = { from: 1439, to: 0 };
    expect([0, 1438, 1439].map((m) => isQuietMinute(lastOnly, m))).toEqual([false, false, true]);
  });
});

describe('isQuietAt', () => {
  it('the local minute in the zone given decides', () => {
    const evening = { from: 22 * 60, to: 23 * 60 };
    // 20:30 UTC: 22:30 in Kyiv in winter, 23:30 in summer.
    expect(isQuietAt(evening, new Date('2026-01-15T20:30:00Z'), 'Europe/Kyiv')).toBe(true);
    expect(isQuietAt(evening, new Date('2026-07-15T20:30:00Z'), 'Europe/Kyiv')).toBe(false);
    expect(isQuietAt(null, new Date('2026-01-15T20:30:00Z'), 'Europe/Kyiv')).toBe(false);
  });
});

describe('toggleDesk', () => {
  const all = ['1', '2', '3'];

  it("keeps the business's order of desks whatever the order of presses", () => {
    expect(toggleDesk(['3'], all, '1')).toEqual(['1', '3']);
    expect(toggleDesk(['3', '1'], all, '2')).toBeNull();
  });

  it('every desk back in is no filter; the last one out is an empty filter', () => {
    expect(toggleDesk(['1', '2'], all, '3')).toBeNull();
    expect(toggleDesk(['2'], all, '2')).toEqual([]);
  });

  it('keeps a desk it no longer knows, after the known ones', () => {
    expect(toggleDesk(['9'], all, '2')).toEqual(['2', '9']);
  });
});
