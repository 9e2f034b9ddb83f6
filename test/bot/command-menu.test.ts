import { describe, expect, it } from 'vitest';
import type { Api } from 'grammy';
import { registerCommandMenu, registerOwnerMenu } from '../../src/bot/command-menu.js';
import { commandMenu } from '../../src/bot/help-message.js';
import { uk } from '../../src/platform/i18n/uk.js';
import { en } from '../../src/platform/i18n/en.js';

type Call = { commands: Array<{ command: string; description: string }>; options: Record<string, unknown> };

/** An Api that records setMyCommands, and nothing else. */
function recordingApi(): { api: Api; calls: Call[] } {
  const calls: Call[] = [];
  const api = {
    setMyCommands: async (commands: Call['commands'], options: Call['options']) => {
      calls.push({ commands, options });
      return true;
    },
  } as unknown as Api;
  return { api, calls };
}

describe('registerCommandMenu', () => {
  it('each scope gets its audience, in English by default and in Ukrainian for uk and ru', async () => {
    const { api, calls } = recordingApi();
    await registerCommandMenu(api);
    expect(calls.map((c) => [c.options.scope, c.options.language_code])).toEqual([
      [{ type: 'default' }, undefined],
      [{ type: 'default' }, 'uk'],
      [{ type: 'default' }, 'ru'],
      [{ type: 'all_private_chats' }, undefined],
      [{ type: 'all_private_chats' }, 'uk'],
      [{ type: 'all_private_chats' }, 'ru'],
      [{ type: 'all_group_chats' }, undefined],
      [{ type: 'all_group_chats' }, 'uk'],
      [{ type: 'all_group_chats' }, 'ru'],
      [{ type: 'all_chat_administrators' }, undefined],
      [{ type: 'all_chat_administrators' }, 'uk'],
      [{ type: 'all_chat_administrators' }, 'ru'],
    ]);
    expect(calls[0]!.commands).toEqual(commandMenu(en, 'member'));
    expect(calls[2]!.commands).toEqual(commandMenu(uk, 'member'));
    expect(calls[7]!.commands).toEqual(commandMenu(uk, 'group'));
    expect(calls[9]!.commands).toEqual(commandMenu(en, 'groupAdmin'));
  });

  it("no owner's command in a menu every chat sees", async () => {
    const { api, calls } = recordingApi();
    await registerCommandMenu(api);
    for (const call of calls) expect(call.commands.map((c) => c.command)).not.toContain('invite');
  });
});

describe('registerOwnerMenu', () => {
  it("the owner's menu in the owner's chat only, in each language", async () => {
    const { api, calls } = recordingApi();
    await registerOwnerMenu(api, 7_012_345_678);
    expect(calls.map((c) => c.options)).toEqual([
      { scope: { type: 'chat', chat_id: 7_012_345_678 } },
      { scope: { type: 'chat', chat_id: 7_012_345_678 }, language_code: 'uk' },
      { scope: { type: 'chat', chat_id: 7_012_345_678 }, language_code: 'ru' },
    ]);
    expect(calls.map((c) => c.commands)).toEqual([commandMenu(en, 'owner'), commandMenu(uk, 'owner'), commandMenu(uk, 'owner')]);
    expect(calls[0]!.commands.map((c) => c.command)).toContain('invite');
  });
});
