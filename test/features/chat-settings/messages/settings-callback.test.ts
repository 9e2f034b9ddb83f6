import { describe, expect, it } from 'vitest';
import {
  parseSettingsCallback,
  sectionOf,
  settingsCallbackData,
  SETTINGS_PREFIX,
  SETTINGS_SECTIONS,
  type SettingsAction,
} from '../../../../src/features/chat-settings/messages/settings-callback.js';

describe('sectionOf', () => {
  it('each setting comes back to the section it is shown in', () => {
    const cases: Array<[SettingsAction, string]> = [
      [{ setting: 'alerts', on: true }, 'delivery'],
      [{ setting: 'desk', deskId: 'all' }, 'delivery'],
      [{ setting: 'topic' }, 'delivery'],
      [{ setting: 'onlyReturns', on: false }, 'noise'],
      [{ setting: 'minSum', kop: 100 }, 'noise'],
      [{ setting: 'quiet', quiet: null }, 'noise'],
      [{ setting: 'summary', minutes: null }, 'summary'],
      [{ setting: 'watchdog', kind: 'large_return', on: true }, 'watchdog'],
      [{ setting: 'screen', screen: 'noise' }, 'noise'],
      [{ setting: 'screen', screen: 'home' }, 'home'],
      [{ setting: 'label' }, 'home'],
    ];
    for (const [action, section] of cases) expect(sectionOf(action), JSON.stringify(action)).toBe(section);
  });
});

describe('parseSettingsCallback', () => {
  it('the boundaries of each number it carries', () => {
    expect(parseSettingsCallback('set:min:0')).toEqual({ setting: 'minSum', kop: 0 });
    expect(parseSettingsCallback('set:min:999999999999')).toEqual({ setting: 'minSum', kop: 999_999_999_999 });
    expect(parseSettingsCallback('set:min:1000000000000')).toBeUndefined();
    expect(parseSettingsCallback('set:min:01')).toBeUndefined();
    expect(parseSettingsCallback('set:quiet:0-1439')).toEqual({ setting: 'quiet', quiet: { from: 0, to: 1439 } });
    expect(parseSettingsCallback('set:quiet:1439-0')).toEqual({ setting: 'quiet', quiet: { from: 1439, to: 0 } });
    expect(parseSettingsCallback('set:quiet:0-1440')).toBeUndefined();
    expect(parseSettingsCallback('set:sum:0')).toEqual({ setting: 'summary', minutes: 0 });
    expect(parseSettingsCallback('set:sum:1439')).toEqual({ setting: 'summary', minutes: 1439 });
    expect(parseSettingsCallback('set:sum:1440')).toBeUndefined();
    expect(parseSettingsCallback('set:desk:999999999999999')).toEqual({ setting: 'desk', deskId: 999_999_999_999_999 });
    expect(parseSettingsCallback('set:desk:1000000000000000')).toBeUndefined();
    expect(parseSettingsCallback('set:desk:all')).toEqual({ setting: 'desk', deskId: 'all' });
  });

  it('screens: the section list and the four sections, nothing else', () => {
    expect(parseSettingsCallback('set:home')).toEqual({ setting: 'screen', screen: 'home' });
    for (const section of SETTINGS_SECTIONS) expect(parseSettingsCallback(`set:sec:${section}`)).toEqual({ setting: 'screen', screen: section });
    for (const forged of ['set:sec:home', 'set:sec:admin', 'set:sec:', 'set:sec:Noise']) expect(parseSettingsCallback(forged), forged).toBeUndefined();
    expect(parseSettingsCallback('set:label')).toEqual({ setting: 'label' });
  });

  it('a watchdog kind: lower case and underscores, up to 32 characters', () => {
    expect(parseSettingsCallback('set:wd:desk_quiet:off')).toEqual({ setting: 'watchdog', kind: 'desk_quiet', on: false });
    expect(parseSettingsCallback(`set:wd:${'a'.repeat(32)}:on`)).toEqual({ setting: 'watchdog', kind: 'a'.repeat(32), on: true });
    for (const forged of [`set:wd:${'a'.repeat(33)}:on`, 'set:wd::on', 'set:wd:large-return:on', 'set:wd:large_return', 'set:wd:large_return:maybe']) {
      expect(parseSettingsCallback(forged), forged).toBeUndefined();
    }
  });

  it('ignores what only looks like its data', () => {
    for (const forged of ['', 'set:', SETTINGS_PREFIX, 'set:alerts:on ', ' set:alerts:on', 'set:ALERTS:on', 'pdf:1', 'set:quiet:10-10', null, undefined, {}, ['set:home']]) {
      expect(parseSettingsCallback(forged), JSON.stringify(forged)).toBeUndefined();
    }
  });
});

describe('settingsCallbackData', () => {
  it('what each button carries reads back as the same action, within 64 bytes, under the prefix', () => {
    const actions: Array<[string, SettingsAction]> = [
      [settingsCallbackData.alerts(true), { setting: 'alerts', on: true }],
      [settingsCallbackData.onlyReturns(false), { setting: 'onlyReturns', on: false }],
      [settingsCallbackData.onlyReturns(true), { setting: 'onlyReturns', on: true }],
      [settingsCallbackData.minSum(999_999_999_999), { setting: 'minSum', kop: 999_999_999_999 }],
      [settingsCallbackData.quiet({ from: 1439, to: 0 }), { setting: 'quiet', quiet: { from: 1439, to: 0 } }],
      [settingsCallbackData.desk('all'), { setting: 'desk', deskId: 'all' }],
      [settingsCallbackData.desk(999_999_999_999_999), { setting: 'desk', deskId: 999_999_999_999_999 }],
      [settingsCallbackData.summary(0), { setting: 'summary', minutes: 0 }],
      [settingsCallbackData.watchdog('a'.repeat(32), true), { setting: 'watchdog', kind: 'a'.repeat(32), on: true }],
      [settingsCallbackData.screen('home'), { setting: 'screen', screen: 'home' }],
      [settingsCallbackData.screen('watchdog'), { setting: 'screen', screen: 'watchdog' }],
      [settingsCallbackData.label(), { setting: 'label' }],
    ];
    for (const [data, action] of actions) {
      expect(data.startsWith(SETTINGS_PREFIX)).toBe(true);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(parseSettingsCallback(data), data).toEqual(action);
    }
  });
});
