import { describe, expect, it } from 'vitest';
import { commandMenu, renderHelp } from '../../src/bot/help-message.js';
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
