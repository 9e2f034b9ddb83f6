import { describe, expect, it } from 'vitest';
import type { InlineKeyboardButton } from 'grammy/types';
import { MAX_ROW, renderSettings, type SettingsView } from '../../../../src/features/chat-settings/messages/settings.js';
import { parseSettingsCallback } from '../../../../src/features/chat-settings/messages/settings-callback.js';
import { en } from '../../../../src/platform/i18n/en.js';
import { uk } from '../../../../src/platform/i18n/uk.js';
import { parseHtml } from '../../../support/fake-telegram.js';

const view = (patch: Partial<SettingsView> = {}): SettingsView => ({
  muted: false,
  minSaleKop: null,
  onlyReturns: false,
  deskFilter: null,
  quiet: null,
  summaryMinutes: null,
  summaryPreviousDay: false,
  shopSummaryMinutes: null,
  threadId: null,
  desks: [],
  isGroup: false,
  hereThreadId: null,
  watchdogKinds: ['desk_quiet', 'large_return'],
  watchdogOff: [],
  ...patch,
});
const data = (b: InlineKeyboardButton) => (b as InlineKeyboardButton.CallbackButton).callback_data;
const keyboard = (v: SettingsView, screen?: Parameters<typeof renderSettings>[2]) => renderSettings(v, en, screen).replyMarkup!.inline_keyboard;

describe('renderSettings, the section list', () => {
  it('a private chat with everything as it comes: the whole text, and the four sections two a row', () => {
    const message = renderSettings(view(), en);
    expect(parseHtml(message.text).text).toBe(
      [
        'Alert settings of this chat',
        '',
        '🔔 Delivery',
        'Sale alerts: on',
        'Cash desks: all',
        '',
        '🔇 Noise',
        'Minimum check: any',
        'Only returns: off',
        'Quiet hours: off',
        '',
        '🧾 Z summary',
        'Z summary: as for the shop',
        '',
        '🛡 Watchdog',
        `Watchdog: ${en.watchdog.allOn}`,
        '',
        'These settings apply to this chat only.',
        '',
        'Choose a section:',
      ].join('\n'),
    );
    expect(message.replyMarkup!.inline_keyboard.map((row) => row.map(data))).toEqual([
      ['set:sec:delivery', 'set:sec:noise'],
      ['set:sec:summary', 'set:sec:watchdog'],
    ]);
  });

  it('a group shows its topic, #id or General', () => {
    expect(parseHtml(renderSettings(view({ isGroup: true }), en).text).text).toContain('Topic: General');
    expect(parseHtml(renderSettings(view({ isGroup: true, threadId: 42 }), en).text).text).toContain('Topic: #42');
    expect(parseHtml(renderSettings(view({ threadId: 42 }), en).text).text).not.toContain('Topic');
  });

  it('an empty desk filter reads as none; a kind it does not know is named as it is', () => {
    const text = parseHtml(renderSettings(view({ deskFilter: [], watchdogKinds: ['new_kind'], watchdogOff: ['new_kind'] }), en).text).text;
    expect(text).toContain('Cash desks: none');
    expect(text).toContain(`Watchdog: ${en.watchdog.someOff('new_kind')}`);
  });

  it('a summary time that brings the day before says so; one that does not, not', () => {
    expect(parseHtml(renderSettings(view({ summaryMinutes: 11 * 60 + 59, summaryPreviousDay: true }), en).text).text).toContain('Z summary: 11:59 (before 12:00 it is the previous day)');
    expect(parseHtml(renderSettings(view({ summaryMinutes: 12 * 60, summaryPreviousDay: false }), en).text).text).toContain('Z summary: 12:00\n');
  });
});

describe('renderSettings, the sections', () => {
  it('delivery: up to nine desk buttons, three a row, the rest by /desks; "all" only when filtered', () => {
    const desks = Array.from({ length: 11 }, (_, i) => ({ id: i + 1, numFiscal: `D${i + 1}` }));
    const rows = keyboard(view({ desks, deskFilter: ['D2'] }), 'delivery');
    const deskRows = rows.filter((row) => row.some((b) => data(b).startsWith('set:desk:') && data(b) !== 'set:desk:all'));
    expect(deskRows.map((row) => row.map((b) => b.text))).toEqual([
      ['⬜ D1', '✅ D2', '⬜ D3'],
      ['⬜ D4', '⬜ D5', '⬜ D6'],
      ['⬜ D7', '⬜ D8', '⬜ D9'],
    ]);
    expect(rows.flat().map(data)).toContain('set:desk:all');
    expect(keyboard(view({ desks }), 'delivery').flat().map(data)).not.toContain('set:desk:all');
    expect(renderSettings(view({ desks }), en, 'delivery').plainText).toContain('2 more cash desks: /desks');
  });

  it('delivery in a group: the topic button only where it would change something', () => {
    const topicButtons = (v: SettingsView) => keyboard(v, 'delivery').flat().filter((b) => data(b) === 'set:topic:here').map((b) => b.text);
    expect(topicButtons(view({ isGroup: true, threadId: null, hereThreadId: 5 }))).toEqual([en.settings.toThisTopic]);
    expect(topicButtons(view({ isGroup: true, threadId: 5, hereThreadId: null }))).toEqual([en.settings.toGeneral]);
    expect(topicButtons(view({ isGroup: true, threadId: 5, hereThreadId: 5 }))).toEqual([]);
    expect(topicButtons(view({ isGroup: false, threadId: null, hereThreadId: 5 }))).toEqual([]);
  });

  it('noise: the chosen presets ticked; a value that is no preset ticks none', () => {
    const ticked = (v: SettingsView) => keyboard(v, 'noise').flat().filter((b) => b.text.startsWith('✓ ')).map((b) => b.text);
    expect(ticked(view())).toEqual(['✓ any', '✓ off', '✓ off']);
    expect(ticked(view({ minSaleKop: 10_000, onlyReturns: true, quiet: { from: 23 * 60, to: 7 * 60 } }))).toEqual(['✓ 100,00 ₴', '✓ on', '✓ 23:00–07:00']);
    expect(ticked(view({ minSaleKop: 7_500, quiet: { from: 1, to: 2 } }))).toEqual(['✓ off']);
  });

  it('summary: the shop\'s time first, then the presets three a row', () => {
    const rows = keyboard(view({ shopSummaryMinutes: 21 * 60, summaryMinutes: 18 * 60 }), 'summary');
    expect(rows.map((row) => row.map((b) => b.text))).toEqual([
      [en.settings.summaryRow],
      ['as for the shop (21:00)'],
      ['09:00', '✓ 18:00', '20:00'],
      ['21:00', '22:00', '23:00'],
      ['← Back'],
    ]);
  });

  it('watchdog: a row per kind, a press asks for the other state', () => {
    const rows = keyboard(view({ watchdogOff: ['large_return'] }), 'watchdog');
    expect(rows.slice(1, -1).map((row) => row.map((b) => [b.text, data(b)]))).toEqual([
      [[`✅ ${en.watchdog.kinds.desk_quiet}`, 'set:wd:desk_quiet:off']],
      [[`⬜ ${en.watchdog.kinds.large_return}`, 'set:wd:large_return:on']],
    ]);
  });

  it('every screen: a title naming the section, the hint and who may change it, no row over three, every button understood', () => {
    for (const screen of ['delivery', 'noise', 'summary', 'watchdog'] as const) {
      const message = renderSettings(view({ isGroup: true, desks: [{ id: 1, numFiscal: '1' }] }), uk, screen);
      const lines = parseHtml(message.text).text.split('\n');
      expect(lines[0]).toBe(`${uk.settings.sections[screen]} · ${uk.settings.title}`);
      expect(lines.at(-1)).toBe(`${uk.settings.hint} ${uk.settings.scopeGroup}`);
      for (const row of message.replyMarkup!.inline_keyboard) expect(row.length).toBeLessThanOrEqual(MAX_ROW);
      for (const b of message.replyMarkup!.inline_keyboard.flat()) expect(parseSettingsCallback(data(b)), data(b)).toBeDefined();
    }
  });
});
