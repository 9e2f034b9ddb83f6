import { describe, expect, it } from 'vitest';
import { isWatchdogKind, wantsWatchdogAlert, WATCHDOG_KINDS } from '../../../src/features/watchdog/kinds.js';

describe('WATCHDOG_KINDS', () => {
  it('names each alert kind once', () => {
    expect(WATCHDOG_KINDS).toEqual(['desk_quiet', 'till_offline', 'large_return', 'large_discount', 'service_out', 'drawer_mismatch']);
  });

  it('each fits in a settings button (lower case and underscores, at most 32 characters)', () => {
    for (const kind of WATCHDOG_KINDS) expect(kind).toMatch(/^[a-z_]{1,32}$/);
  });
});

describe('isWatchdogKind', () => {
  it('the listed kinds, spelt exactly, and nothing else', () => {
    for (const kind of WATCHDOG_KINDS) expect(isWatchdogKind(kind)).toBe(true);
    for (const other of ['low_cash', 'high_cash', 'Desk_quiet', 'desk_quiet ', '', null, undefined, 0, ['desk_quiet']]) expect(isWatchdogKind(other), String(other)).toBe(false);
  });
});

describe('wantsWatchdogAlert', () => {
  const everything = { deskFilter: null, watchdogOff: [] as string[] };

  it('every kind about every desk by default', () => {
    for (const kind of WATCHDOG_KINDS) expect(wantsWatchdogAlert(everything, kind, '50037129')).toBe(true);
  });

  it('not a kind the chat switched off, the others still', () => {
    const chat = { deskFilter: null, watchdogOff: ['large_return', 'service_out'] };
    expect(wantsWatchdogAlert(chat, 'large_return', '1')).toBe(false);
    expect(wantsWatchdogAlert(chat, 'service_out', '1')).toBe(false);
    expect(wantsWatchdogAlert(chat, 'large_discount', '1')).toBe(true);
  });

  it('only about the cash desks the chat follows; an empty filter follows none', () => {
    expect(wantsWatchdogAlert({ deskFilter: ['111', '222'], watchdogOff: [] }, 'till_offline', '222')).toBe(true);
    expect(wantsWatchdogAlert({ deskFilter: ['111', '222'], watchdogOff: [] }, 'till_offline', '333')).toBe(false);
    expect(wantsWatchdogAlert({ deskFilter: [], watchdogOff: [] }, 'desk_quiet', '111')).toBe(false);
  });

  it('both must allow it', () => {
    expect(wantsWatchdogAlert({ deskFilter: ['111'], watchdogOff: ['desk_quiet'] }, 'desk_quiet', '111')).toBe(false);
  });
});
