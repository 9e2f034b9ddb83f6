import { describe, expect, it } from 'vitest';
import { WATCHDOG_KINDS } from '../../../src/features/watchdog/kinds.js';
import { summaryDateFor, summaryDateOn } from '../../../src/features/reports/summary-date.js';
import { isQuietAt, isQuietMinute, toggleDesk, wantsSaleAlert, type SaleFilter } from '../../../src/features/chat-settings/chat-settings.js';
import { formatClock, parseClock } from '../../../src/platform/time/clock.js';
import { parseDesksArgs, parseMinSumArgs, parseOnOffArgs, parseQuietArgs, parseSummaryTimeArgs } from '../../../src/features/chat-settings/arguments.js';
import { parseSettingsCallback, settingsCallbackData, SETTINGS_SECTIONS } from '../../../src/features/chat-settings/messages/settings-callback.js';
import { renderSettings, type SettingsView } from '../../../src/features/chat-settings/messages/settings.js';
import { applyChatDelivery } from '../../../src/features/chat-settings/chat-delivery.js';
import { catalogue } from '../../../src/platform/i18n/lang.js';
import { plainMessage } from '../../../src/platform/telegram/html.js';

const none: SaleFilter = { muted: false, minSaleKop: null, onlyReturns: false, deskFilter: null };
const sale = { kind: 'sale' as const, totalKop: 500, numFiscal: '111' };

describe('which checks a chat hears of', () => {
  it('everything by default; nothing when muted', () => {
    expect(wantsSaleAlert(none, sale)).toBe(true);
    expect(wantsSaleAlert({ ...none, muted: true }, sale)).toBe(false);
  });
  it('a minimum amount: below it no alert, at it one; returns by their absolute amount', () => {
    const f = { ...none, minSaleKop: 10_000 };
    expect(wantsSaleAlert(f, { ...sale, totalKop: 9_999 })).toBe(false);
    expect(wantsSaleAlert(f, { ...sale, totalKop: 10_000 })).toBe(true);
    expect(wantsSaleAlert(f, { kind: 'return', totalKop: -20_000, numFiscal: '111' })).toBe(true);
    expect(wantsSaleAlert({ ...none, minSaleKop: 0 }, { ...sale, totalKop: 1 })).toBe(true);
  });
  it('only returns; only chosen cash desks', () => {
    expect(wantsSaleAlert({ ...none, onlyReturns: true }, sale)).toBe(false);
    expect(wantsSaleAlert({ ...none, onlyReturns: true }, { ...sale, kind: 'return' })).toBe(true);
    expect(wantsSaleAlert({ ...none, deskFilter: ['222'] }, sale)).toBe(false);
    expect(wantsSaleAlert({ ...none, deskFilter: ['222', '111'] }, sale)).toBe(true);
    expect(wantsSaleAlert({ ...none, deskFilter: [] }, sale)).toBe(false);
  });
  it('toggling desks: out, back in, and all of them is no filter', () => {
    const all = ['111', '222', '333'];
    const one = toggleDesk(null, all, '222');
    expect(one).toEqual(['111', '333']);
    expect(toggleDesk(one, all, '111')).toEqual(['333']);
    expect(toggleDesk(one, all, '222')).toBeNull();
  });
});

describe('quiet hours (minutes of the day, from inclusive, to exclusive)', () => {
  it('within a day and across midnight', () => {
    const day = { from: 13 * 60, to: 15 * 60 };
    expect([12 * 60 + 59, 13 * 60, 14 * 60 + 59, 15 * 60].map((m) => isQuietMinute(day, m))).toEqual([false, true, true, false]);
    const night = { from: 22 * 60, to: 8 * 60 };
    expect([21 * 60 + 59, 22 * 60, 0, 7 * 60 + 59, 8 * 60, 12 * 60].map((m) => isQuietMinute(night, m))).toEqual([false, true, true, true, false, false]);
    expect(isQuietMinute(null, 0)).toBe(false);
  });
  it('measured in BUSINESS_TZ, DST included', () => {
    const night = { from: 22 * 60, to: 8 * 60 };
    // 21:30 UTC is 23:30 in Kyiv in winter (UTC+2) and 00:30 in summer (UTC+3): quiet both.
    expect(isQuietAt(night, new Date('2026-11-27T21:30:00Z'), 'Europe/Kyiv')).toBe(true);
    expect(isQuietAt(night, new Date('2026-07-01T21:30:00Z'), 'Europe/Kyiv')).toBe(true);
    // 05:30 UTC: 07:30 in winter (quiet), 08:30 in summer (not).
    expect(isQuietAt(night, new Date('2026-11-27T05:30:00Z'), 'Europe/Kyiv')).toBe(true);
    expect(isQuietAt(night, new Date('2026-07-01T05:30:00Z'), 'Europe/Kyiv')).toBe(false);
  });
  it('a message in quiet hours goes silently; the topic always goes along', () => {
    const message = plainMessage('x');
    const at = new Date('2026-11-27T21:30:00Z');
    const quiet = applyChatDelivery(message, { quietFrom: 22 * 60, quietTo: 8 * 60, messageThreadId: 7 }, at, 'Europe/Kyiv');
    expect(quiet.disableNotification).toBe(true);
    expect(quiet.messageThreadId).toBe(7);
    const loud = applyChatDelivery(message, { quietFrom: 9 * 60, quietTo: 10 * 60, messageThreadId: null }, at, 'Europe/Kyiv');
    expect(loud.disableNotification).toBeUndefined();
    expect(loud.messageThreadId).toBeUndefined();
  });
});

describe('clock and summary date', () => {
  it('HH:MM both ways', () => {
    expect(parseClock('9:05')).toBe(545);
    expect(parseClock('23:59')).toBe(1439);
    for (const bad of ['24:00', '12:60', '1205', '', '12:5']) expect(parseClock(bad)).toBeUndefined();
    expect(formatClock(545)).toBe('09:05');
  });
  it('before noon the previous day, from noon the same day', () => {
    expect(summaryDateFor(9 * 60, '2026-12-01')).toBe('2026-11-30');
    expect(summaryDateFor(11 * 60 + 59, '2026-12-01')).toBe('2026-11-30');
    expect(summaryDateFor(12 * 60, '2026-12-01')).toBe('2026-12-01');
  });
  it('with BUSINESS_DAY_START: after midnight the closing day, never a business day not begun', () => {
    const KYIV = 'Europe/Kyiv';
    // Default: as summaryDateFor.
    expect(summaryDateOn(9 * 60, '2026-12-01', KYIV)).toBe('2026-11-30');
    expect(summaryDateOn(21 * 60, '2026-12-01', KYIV)).toBe('2026-12-01');
    // Days from 04:00: 01:30 and 09:00 on the 1st both bring the 30th; 13:00 the 1st.
    expect(summaryDateOn(90, '2026-12-01', KYIV, 4 * 60)).toBe('2026-11-30');
    expect(summaryDateOn(9 * 60, '2026-12-01', KYIV, 4 * 60)).toBe('2026-11-30');
    expect(summaryDateOn(13 * 60, '2026-12-01', KYIV, 4 * 60)).toBe('2026-12-01');
    // Days from 14:00: 13:30 on the 1st is still the 30th's day; 15:00 the 1st's.
    expect(summaryDateOn(13 * 60 + 30, '2026-12-01', KYIV, 14 * 60)).toBe('2026-11-30');
    expect(summaryDateOn(15 * 60, '2026-12-01', KYIV, 14 * 60)).toBe('2026-12-01');
    // Spring change, days from 04:00: 03:30 on 29.03 does not exist, its moment is 04:00: the 28th by the noon rule.
    expect(summaryDateOn(3 * 60 + 30, '2026-03-29', KYIV, 4 * 60)).toBe('2026-03-28');
  });
});

describe('settings commands arguments', () => {
  it('/minsum', () => {
    expect(parseMinSumArgs('50')).toBe(5_000);
    expect(parseMinSumArgs('12,5')).toBe(1_250);
    expect(parseMinSumArgs('off')).toBe(0);
    for (const bad of ['', 'abc', '-5', '1 2', '10.999']) expect(parseMinSumArgs(bad)).toBeUndefined();
  });
  it('/quiet', () => {
    expect(parseQuietArgs('22:00-08:00')).toEqual({ from: 1320, to: 480 });
    expect(parseQuietArgs('22:00 – 8:00')).toEqual({ from: 1320, to: 480 });
    expect(parseQuietArgs('OFF')).toBeNull();
    for (const bad of ['22:00', '22:00-22:00', '25:00-08:00', '22-08', 'a-b', '1:00-2:00-3:00']) expect(parseQuietArgs(bad)).toBeUndefined();
  });
  it('/onlyreturns, /desks, /summarytime', () => {
    expect(parseOnOffArgs('on')).toBe(true);
    expect(parseOnOffArgs('Так')).toBe(true);
    expect(parseOnOffArgs('off')).toBe(false);
    expect(parseOnOffArgs('maybe')).toBeUndefined();
    expect(parseDesksArgs('all')).toBeNull();
    expect(parseDesksArgs('111 222 111')).toEqual(['111', '222']);
    expect(parseDesksArgs('<b>')).toBeUndefined();
    expect(parseDesksArgs('')).toBeUndefined();
    expect(parseSummaryTimeArgs('21:30')).toBe(1290);
    expect(parseSummaryTimeArgs('default')).toBeNull();
    expect(parseSummaryTimeArgs('9')).toBeUndefined();
  });
  it('takes the on/off/all/default words in Ukrainian as well as English, any case', () => {
    for (const word of ['вимк', 'Вимкн', 'вимкнено', 'вимкнути', 'ні', 'off', 'no']) {
      expect(parseQuietArgs(word), word).toBeNull();
      expect(parseMinSumArgs(word), word).toBe(0);
      expect(parseOnOffArgs(word), word).toBe(false);
      expect(parseSummaryTimeArgs(word), word).toBeNull();
    }
    for (const word of ['увімк', 'увімкнено', 'Увімкнути', 'вкл', 'так', 'on', 'yes']) expect(parseOnOffArgs(word), word).toBe(true);
    for (const word of ['усі', 'всі', 'все', 'ALL']) expect(parseDesksArgs(word), word).toBeNull();
    expect(parseSummaryTimeArgs('як для магазину')).toBeNull();
    expect(parseSummaryTimeArgs('за замовчуванням')).toBeNull();
  });
});

describe('settings buttons', () => {
  it('data round-trips through the zod parser; forged data is ignored', () => {
    expect(parseSettingsCallback(settingsCallbackData.alerts(false))).toEqual({ setting: 'alerts', on: false });
    expect(parseSettingsCallback(settingsCallbackData.minSum(5_000))).toEqual({ setting: 'minSum', kop: 5_000 });
    expect(parseSettingsCallback(settingsCallbackData.quiet({ from: 1320, to: 480 }))).toEqual({ setting: 'quiet', quiet: { from: 1320, to: 480 } });
    expect(parseSettingsCallback(settingsCallbackData.quiet(null))).toEqual({ setting: 'quiet', quiet: null });
    expect(parseSettingsCallback(settingsCallbackData.desk(17))).toEqual({ setting: 'desk', deskId: 17 });
    expect(parseSettingsCallback(settingsCallbackData.summary(null))).toEqual({ setting: 'summary', minutes: null });
    expect(parseSettingsCallback(settingsCallbackData.summary(1260))).toEqual({ setting: 'summary', minutes: 1260 });
    expect(parseSettingsCallback(settingsCallbackData.topic())).toEqual({ setting: 'topic' });
    expect(parseSettingsCallback(settingsCallbackData.watchdog('large_return', false))).toEqual({ setting: 'watchdog', kind: 'large_return', on: false });
    expect(parseSettingsCallback(settingsCallbackData.watchdog('drawer_mismatch', true))).toEqual({ setting: 'watchdog', kind: 'drawer_mismatch', on: true });
    expect(parseSettingsCallback('set:wd:Large:on')).toBeUndefined();
    for (const forged of ['set:quiet:1440-10', 'set:quiet:10-10', 'set:sum:2000', 'set:desk:0', 'set:min:-1', 'set:alerts:yes', 'set:topic:5', 42]) {
      expect(parseSettingsCallback(forged)).toBeUndefined();
    }
  });
  it('the menu: a section list, then one screen per section with a label per row, at most 3 buttons a row, Back, 64-byte data', () => {
    const view: SettingsView = {
      muted: false,
      minSaleKop: 5_000,
      onlyReturns: false,
      deskFilter: ['50037130'],
      quiet: { from: 1320, to: 480 },
      summaryMinutes: 540,
      summaryPreviousDay: true,
      shopSummaryMinutes: 21 * 60,
      threadId: null,
      desks: Array.from({ length: 12 }, (_, i) => ({ id: 999_999_999_999_000 + i, numFiscal: `5003713${i}` })),
      isGroup: true,
      hereThreadId: 5,
      watchdogKinds: WATCHDOG_KINDS,
      watchdogOff: ['drawer_mismatch'],
    };
    const dataOf = (b: unknown) => (b as { callback_data: string }).callback_data;
    for (const lang of ['uk', 'en'] as const) {
      const t = catalogue(lang);
      const home = renderSettings(view, t);
      expect(home.replyMarkup!.inline_keyboard.flat().map(dataOf)).toEqual(['set:sec:delivery', 'set:sec:noise', 'set:sec:summary', 'set:sec:watchdog']);
      const screens = SETTINGS_SECTIONS.map((section) => renderSettings(view, t, section));
      for (const menu of [home, ...screens]) {
        for (const row of menu.replyMarkup!.inline_keyboard) expect(row.length).toBeLessThanOrEqual(3);
        for (const b of menu.replyMarkup!.inline_keyboard.flat()) {
          expect(Buffer.byteLength(dataOf(b))).toBeLessThanOrEqual(64);
          expect(parseSettingsCallback(dataOf(b))).toBeDefined();
        }
      }
      for (const menu of screens) {
        const keyboard = menu.replyMarkup!.inline_keyboard;
        // Each screen opens with a label row and ends with Back.
        expect(keyboard[0]!.map(dataOf)).toEqual(['set:label']);
        expect(keyboard.at(-1)!.map((b) => [b.text, dataOf(b)])).toEqual([[t.settings.back, 'set:home']]);
      }
      const [delivery, noise, summary, watchdog] = screens.map((m) => m.replyMarkup!.inline_keyboard.flat());
      const labels = (buttons: typeof delivery) => buttons!.map((b) => b.text);
      expect(labels(noise)).toContain('✓ 50,00 ₴');
      expect(labels(noise)).toContain('✓ 22:00–08:00');
      expect(labels(summary)).toContain('✓ 09:00');
      expect(labels(summary)).toContain(t.settings.summaryShop('21:00'));
      expect(labels(delivery)).toContain('✅ 50037130');
      expect(labels(delivery)).toContain('⬜ 50037131');
      expect(home.plainText).toContain('22:00–08:00');
      // The watchdog: a button per kind, on unless switched off; a press asks for the other state.
      expect(watchdog!.map(dataOf).filter((d) => d.startsWith('set:wd:'))).toEqual(WATCHDOG_KINDS.map((k) => settingsCallbackData.watchdog(k, k === 'drawer_mismatch')));
      expect(labels(watchdog)).toContain(`⬜ ${t.watchdog.kinds.drawer_mismatch}`);
      expect(labels(watchdog)).toContain(`✅ ${t.watchdog.kinds.large_return}`);
      expect(home.plainText).toContain(t.watchdog.someOff(t.watchdog.kinds.drawer_mismatch!));
    }
    expect(renderSettings(view, catalogue('en'), 'delivery').plainText).toContain('3 more cash desks: /desks');
    expect(renderSettings(view, catalogue('en')).plainText).toContain('09:00 (before 12:00 it is the previous day)');
  });

  it("shows the shop's own summary time where the chat follows it, and says who may change what", () => {
    const view: SettingsView = {
      muted: true,
      minSaleKop: null,
      onlyReturns: false,
      deskFilter: null,
      quiet: null,
      summaryMinutes: null,
      summaryPreviousDay: false,
      shopSummaryMinutes: 20 * 60 + 30,
      threadId: null,
      desks: [],
      isGroup: false,
      hereThreadId: null,
      watchdogKinds: WATCHDOG_KINDS,
      watchdogOff: [],
    };
    const uk = catalogue('uk');
    const home = renderSettings(view, uk);
    expect(home.plainText).toContain('Z-звіт: як для магазину (20:30)');
    expect(home.plainText).toContain('Ці налаштування діють лише в цьому чаті.');
    expect(home.plainText).not.toMatch(/будь-хто/);
    expect(renderSettings(view, catalogue('en')).plainText).not.toMatch(/anyone/i);
    expect(renderSettings({ ...view, isGroup: true }, uk).plainText).toContain('адміністратори групи й власник магазину');
    expect(renderSettings(view, uk, 'summary').replyMarkup!.inline_keyboard.flat().map((b) => b.text)).toContain('✓ як для магазину (20:30)');
  });
});
