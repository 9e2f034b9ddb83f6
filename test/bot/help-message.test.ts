import { describe, expect, it } from 'vitest';
import { commandMenu, commandsFor, renderHelp, renderLanguageChoice, renderUsage } from '../../src/bot/help-message.js';
import { uk } from '../../src/platform/i18n/uk.js';
import { en } from '../../src/platform/i18n/en.js';
import { parseHtml } from '../support/fake-telegram.js';

describe('help and menu', () => {
  it('lists each audience its own commands in both languages, with valid HTML', () => {
    for (const t of [uk, en]) {
      for (const audience of ['owner', 'member', 'group', 'groupAdmin', 'stranger'] as const) {
        const text = parseHtml(renderHelp(t, audience).text).text;
        for (const { command, description } of commandMenu(t, audience)) {
          expect(text).toContain(`/${command} — ${description}`);
          expect(command).toMatch(/^[a-z]{1,32}$/);
          expect(description.length).toBeLessThanOrEqual(256);
        }
      }
    }
    const commands = (audience: Parameters<typeof commandMenu>[1]) => commandMenu(en, audience).map((c) => c.command);
    expect(commands('owner')).toEqual(expect.arrayContaining(['invite', 'members', 'rotate', 'lowcash', 'today']));
    for (const audience of ['member', 'group', 'groupAdmin', 'stranger'] as const) expect(commands(audience)).not.toContain('invite');
    expect(commands('group')).not.toContain('settings');
    expect(commands('groupAdmin')).toEqual(expect.arrayContaining(['settings', 'export', 'mute']));
    expect(parseHtml(renderHelp(en, 'member').text).text).not.toContain('/rotate');
  });
});

describe('commandsFor', () => {
  it("the owner's commands are every member's and then the owner's own, once each", () => {
    const owner = commandsFor('owner');
    expect(owner.slice(0, commandsFor('member').length)).toEqual(commandsFor('member'));
    expect(new Set(owner).size).toBe(owner.length);
    expect(owner.slice(-3)).toEqual(['returnalert', 'discountalert', 'withdrawalert']);
  });

  it('a group: reports and receipts, no settings, no export; its admins add them; help last everywhere', () => {
    expect(commandsFor('group')).toEqual(['today', 'app', 'week', 'month', 'report', 'receipt', 'help']);
    expect(commandsFor('groupAdmin')).toEqual(['today', 'app', 'week', 'month', 'report', 'receipt', 'export', 'mute', 'unmute', 'settings', 'minsum', 'quiet', 'onlyreturns', 'desks', 'summarytime', 'lang', 'help']);
    for (const audience of ['owner', 'member', 'group', 'groupAdmin', 'stranger'] as const) {
      expect(commandsFor(audience).includes('help'), audience).toBe(true);
      expect(new Set(commandsFor(audience)).size).toBe(commandsFor(audience).length);
    }
    expect(commandsFor('member').at(-1)).toBe('help');
  });

  it('a chat linked to no shop: only start and help (anything else answers "not connected"), and says so', () => {
    expect(commandsFor('stranger')).toEqual(['start', 'help']);
    expect(parseHtml(renderHelp(en, 'stranger').text).text).toContain(en.common.notConnected);
  });
});

describe('renderHelp', () => {
  it("the owner's help has the owner's section after everyone's", () => {
    const lines = parseHtml(renderHelp(en, 'owner').text).text.split('\n');
    const ownerAt = lines.indexOf('For the owner:');
    expect(lines.slice(0, 3)).toEqual([en.help.intro, '', 'Commands:']);
    expect(ownerAt).toBeGreaterThan(lines.indexOf('/help — What the bot does'));
    expect(lines[ownerAt + 1]).toBe('/invite — Invite a colleague or a group');
    expect(parseHtml(renderHelp(en, 'member').text).text).not.toContain('For the owner:');
  });
});

describe('renderUsage', () => {
  it("the command's usage line in the reader's language", () => {
    expect(renderUsage('rotate', en).plainText).toBe('Usage: /rotate');
    expect(renderUsage('lang', uk).plainText).toBe(uk.common.usage(uk.commands.lang.usage));
    expect(renderUsage('report', en).text).toContain('&lt;from&gt; &lt;to&gt;');
  });
});

describe('renderLanguageChoice', () => {
  it('the language now, and one button per language named in itself', () => {
    const message = renderLanguageChoice(en);
    expect(message.plainText).toBe(`${en.language.current}\n${en.language.choose}`);
    expect(message.replyMarkup?.inline_keyboard).toEqual([
      [
        { text: 'українська', callback_data: 'lang:uk' },
        { text: 'English', callback_data: 'lang:en' },
      ],
    ]);
    expect(renderLanguageChoice(uk).replyMarkup).toEqual(message.replyMarkup);
  });
});
