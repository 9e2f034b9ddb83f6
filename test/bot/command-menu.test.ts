import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from 'grammy';
import { eq } from 'drizzle-orm';
import { scheduleRuns } from '../../src/platform/db/schema.js';
import { loadConfig } from '../../src/platform/config/config.js';
import { createLogger } from '../../src/platform/observability/logger.js';
import { startService } from '../../src/service.js';
import { registerCommandMenu, setChatMenu, syncChatMenus } from '../../src/bot/command-menu.js';
import { commandMenu, commandsFor } from '../../src/bot/help-message.js';
import { uk } from '../../src/platform/i18n/uk.js';
import { en } from '../../src/platform/i18n/en.js';
import { catalogue } from '../../src/platform/i18n/lang.js';
import { findBusinessByOwner } from '../../src/features/shops/businesses.js';
import { linkChat } from '../../src/features/shops/chats.js';
import { membersCallbackData } from '../../src/features/shops/messages/members-callback.js';
import { createTestDatabase } from '../support/databases.js';
import { startFakeTelegram, type FakeTelegram, type UserMessageOptions } from '../support/fake-telegram.js';
import type { RecordedRequest } from '../support/fake-telegram/types.js';
import { PUBLIC_URL, joinWithInvite, registerOwner, startBotHarness, type BotHarness } from '../support/bot-harness.js';

type RecordedCall = { commands: Array<{ command: string; description: string }>; options: Record<string, unknown> };

/** An Api that records setMyCommands, and nothing else. */
function recordingApi(): { api: Api; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const api = {
    setMyCommands: async (commands: RecordedCall['commands'], options: RecordedCall['options']) => {
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
    expect(calls[0]!.commands).toEqual(commandMenu(en, 'stranger'));
    expect(calls[2]!.commands).toEqual(commandMenu(uk, 'stranger'));
    expect(calls[3]!.commands.map((c) => c.command)).toEqual(['start', 'help']);
    expect(calls[7]!.commands).toEqual(commandMenu(uk, 'group'));
    expect(calls[9]!.commands).toEqual(commandMenu(en, 'groupAdmin'));
  });

  it("no owner's command in a menu every chat sees", async () => {
    const { api, calls } = recordingApi();
    await registerCommandMenu(api);
    for (const call of calls) expect(call.commands.map((c) => c.command)).not.toContain('invite');
  });
});

describe('setChatMenu', () => {
  it("the owner's menu in the owner's chat only, in each language", async () => {
    const { api, calls } = recordingApi();
    await setChatMenu(api, 7_012_345_678, 'owner', createLogger({ level: 'silent' }));
    expect(calls.map((c) => c.options)).toEqual([
      { scope: { type: 'chat', chat_id: 7_012_345_678 } },
      { scope: { type: 'chat', chat_id: 7_012_345_678 }, language_code: 'uk' },
      { scope: { type: 'chat', chat_id: 7_012_345_678 }, language_code: 'ru' },
    ]);
    expect(calls.map((c) => c.commands)).toEqual([commandMenu(en, 'owner'), commandMenu(uk, 'owner'), commandMenu(uk, 'owner')]);
    expect(calls[0]!.commands.map((c) => c.command)).toContain('invite');
  });
});

const OWNER = 2301;
const MEMBER = 2302;
const STRANGER = 2303;
const GROUP = -1002301;
const STRANGER_MENU = ['start', 'help'];
const LANGUAGE_CODES = ['', 'uk', 'ru'];

interface MenuCall {
  method: 'setMyCommands' | 'deleteMyCommands';
  scope: Record<string, unknown>;
  languageCode: string;
  commands: string[];
  at: number;
}

const json = (value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value);

/** The command-menu calls the bot made (from the request numbered `from` on), in order. */
function menuCalls(tg: FakeTelegram, from = 0): MenuCall[] {
  return tg.requests.slice(from).flatMap((r: RecordedRequest) =>
    r.method === 'setMyCommands' || r.method === 'deleteMyCommands'
      ? [
          {
            method: r.method,
            scope: (json(r.params['scope']) ?? { type: 'default' }) as Record<string, unknown>,
            languageCode: (r.params['language_code'] as string | undefined) ?? '',
            commands: ((json(r.params['commands']) ?? []) as Array<{ command: string }>).map((c) => c.command),
            at: r.at,
          },
        ]
      : [],
  );
}

const chatCalls = (tg: FakeTelegram, chatId: number, from = 0) => menuCalls(tg, from).filter((c) => c.scope['type'] === 'chat' && c.scope['chat_id'] === chatId);
const chatMenu = (tg: FakeTelegram, chatId: number, languageCode = '') => tg.getCommands({ scope: { type: 'chat', chat_id: chatId }, languageCode }).map((c) => c.command);

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the command menu per person', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness('postgres');
  });
  afterAll(async () => h?.close());

  it("at start: strangers' private chats get only /start and /help; groups and their administrators their own", () => {
    const calls = menuCalls(h.tg);
    const scopes = calls.map((c) => `${String(c.scope['type'])}|${c.languageCode}`);
    expect(new Set(scopes)).toEqual(
      new Set(['default', 'all_private_chats', 'all_group_chats', 'all_chat_administrators'].flatMap((type) => LANGUAGE_CODES.map((code) => `${type}|${code}`))),
    );
    for (const call of calls) expect(call.method).toBe('setMyCommands');
    for (const code of LANGUAGE_CODES) {
      expect(h.tg.getCommands({ languageCode: code }).map((c) => c.command)).toEqual(STRANGER_MENU);
      expect(h.tg.getCommands({ scope: { type: 'all_private_chats' }, languageCode: code }).map((c) => c.command)).toEqual(STRANGER_MENU);
    }
    const group = h.tg.getCommands({ scope: { type: 'all_group_chats' } }).map((c) => c.command);
    expect(group).toEqual(['today', 'app', 'week', 'month', 'report', 'receipt', 'help']);
    const admins = h.tg.getCommands({ scope: { type: 'all_chat_administrators' } }).map((c) => c.command);
    expect(admins).toEqual(expect.arrayContaining(['today', 'export', 'settings', 'mute', 'lang', 'help']));
    expect(admins).not.toContain('invite');
    expect(h.tg.getCommands({ scope: { type: 'all_chat_administrators' }, languageCode: 'uk' }).find((c) => c.command === 'today')?.description).toBe('Підсумки за сьогодні');
  });

  it("registering: the owner's chat gets the owner's menu in each language; a chat it blocked loses it, /start brings it back", async () => {
    await registerOwner(h, OWNER);
    await until(() => chatCalls(h.tg, OWNER).length === 3);
    expect(chatCalls(h.tg, OWNER).map((c) => `${c.method}|${c.languageCode}`)).toEqual(LANGUAGE_CODES.map((code) => `setMyCommands|${code}`));
    expect(chatMenu(h.tg, OWNER, 'uk')).toEqual(expect.arrayContaining(['today', 'invite', 'members', 'rotate', 'lowcash', 'help']));

    const before = h.tg.requests.length;
    h.tg.myChatMember({ chatId: OWNER, chatType: 'private', newStatus: 'kicked', oldStatus: 'member' });
    await until(() => chatCalls(h.tg, OWNER, before).length === 3);
    expect(chatCalls(h.tg, OWNER, before).map((c) => `${c.method}|${c.languageCode}`)).toEqual(LANGUAGE_CODES.map((code) => `deleteMyCommands|${code}`));
    for (const code of LANGUAGE_CODES) expect(chatMenu(h.tg, OWNER, code)).toEqual([]);

    h.tg.unblockChat(OWNER);
    await registerOwner(h, OWNER);
    await until(() => chatMenu(h.tg, OWNER).length > 0);
    expect(chatMenu(h.tg, OWNER)).toContain('invite');
  });

  it("joining by invite: a person's private chat gets the members' menu by its own scope; a group gets none of its own", async () => {
    await joinWithInvite(h, OWNER, MEMBER, { languageCode: 'en' });
    await until(() => chatCalls(h.tg, MEMBER).length === 3);
    expect(chatCalls(h.tg, MEMBER).map((c) => `${c.method}|${c.languageCode}`)).toEqual(LANGUAGE_CODES.map((code) => `setMyCommands|${code}`));
    const member = chatMenu(h.tg, MEMBER);
    expect(member).toEqual(expect.arrayContaining(['today', 'receipt', 'export', 'settings', 'lang', 'help']));
    expect(member).not.toContain('invite');
    expect(member).not.toContain('start');

    const before = h.tg.requests.length;
    await joinWithInvite(h, OWNER, GROUP, { chatType: 'supergroup', chatTitle: 'Склад', fromId: OWNER });
    await new Promise((r) => setTimeout(r, 200));
    expect(menuCalls(h.tg, before)).toEqual([]);
  });

  it('removing a member (/members): its chat scope is reset, so it falls back to a stranger\'s menu', async () => {
    const before = h.tg.requests.length;
    // The owner's "yes, remove" on the member's button in /members.
    const list = await h.say(OWNER, '/members');
    h.tg.callbackQuery({ chatId: OWNER, fromId: OWNER, messageId: list.messageId, data: membersCallbackData.remove(MEMBER) });
    await until(() => chatCalls(h.tg, MEMBER, before).length === 3);
    expect(chatCalls(h.tg, MEMBER, before).map((c) => `${c.method}|${c.languageCode}`)).toEqual(LANGUAGE_CODES.map((code) => `deleteMyCommands|${code}`));
    for (const code of LANGUAGE_CODES) expect(chatMenu(h.tg, MEMBER, code)).toEqual([]);
  });

  it('each command a menu lists is answered for that person there, not refused; the others are refused', async () => {
    const refusals = (['en', 'uk'] as const).flatMap((lang) => {
      const t = catalogue(lang);
      return [t.common.notConnected, t.common.ownerOnly, t.admins.only, t.exports.adminsOnly];
    });
    const refused = (text: string) => refusals.some((r) => text.includes(r));
    const person = 2305;
    await joinWithInvite(h, OWNER, person, { languageCode: 'en' });
    const asked = async (chatId: number, command: string, options: Partial<UserMessageOptions> = {}) =>
      (await h.say(chatId, chatId < 0 ? `/${command}@${h.tg.botInfo.username}` : `/${command}`, { languageCode: 'en', ...options })).text;
    for (const command of commandsFor('member')) expect([command, refused(await asked(person, command))]).toEqual([command, false]);
    for (const command of commandsFor('owner').filter((c) => !commandsFor('member').includes(c))) {
      expect([command, refused(await asked(person, command))]).toEqual([command, true]);
    }
    // A group of the shop: its members (who wrote there) and its administrators.
    const group = -1002305;
    const inGroup = { chatType: 'supergroup' as const, chatTitle: 'Зал', fromId: 2306 };
    await joinWithInvite(h, OWNER, group, { chatType: 'supergroup', chatTitle: 'Зал', fromId: OWNER });
    await h.say(group, `/today@${h.tg.botInfo.username}`, inGroup);
    for (const command of commandsFor('group')) expect([command, refused(await asked(group, command, inGroup))]).toEqual([command, false]);
    for (const command of commandsFor('groupAdmin').filter((c) => !commandsFor('group').includes(c) && c !== 'lang')) {
      expect([command, refused(await asked(group, command, inGroup))]).toEqual([command, true]);
    }
    h.tg.setChatMemberStatus(group, 2307, 'administrator');
    const asAdmin = { ...inGroup, fromId: 2307 };
    for (const command of commandsFor('groupAdmin')) expect([command, refused(await asked(group, command, asAdmin))]).toEqual([command, false]);
  });

  it("a stranger's /help lists only what a stranger may use, and says the chat is not connected; /lang answers \"not connected\" there", async () => {
    const help = (await h.say(STRANGER, '/help', { languageCode: 'en' })).text;
    expect(help).toContain('/start');
    expect(help).toContain('/help');
    expect(help).not.toMatch(/\/lang|\/today|\/receipt|\/settings|\/invite/);
    expect(help).toContain('not connected to any shop');
    const other = 2304;
    const lang = await h.say(other, '/lang', { languageCode: 'en' });
    expect(lang.text).toContain('not connected to any shop');
    expect(lang.replyMarkup).toBeUndefined();
  });
});

describe('the chats linked before: one pass at start', () => {
  it('gives every linked private chat that is on its own menu, once across two starts, paced', async () => {
    const database = await createTestDatabase('postgres');
    const tg = await startFakeTelegram();
    const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
    const config = loadConfig({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.url, PUBLIC_URL, SIGNUP: 'open', HOST: '127.0.0.1', PORT: '0' });
    try {
      // A shop and its chats from before: none has a menu of its own yet.
      const h = await startBotHarness('postgres', {}, database);
      await registerOwner(h, 2401);
      await h.close();
      const business = (await findBusinessByOwner(database.db, 2401))!;
      await linkChat(database.db, { chatId: 2402, businessId: business.id, type: 'private', title: null, role: 'member', lang: 'en' });
      await linkChat(database.db, { chatId: 2403, businessId: business.id, type: 'private', title: null, role: 'member', lang: null });
      await linkChat(database.db, { chatId: -1002404, businessId: business.id, type: 'supergroup', title: 'Склад', role: 'member', lang: null });
      tg.reset();

      const first = await startService(config, { database, logger });
      try {
        await until(() => [2401, 2402, 2403].every((chatId) => chatCalls(tg, chatId).length === 3));
      } finally {
        await first.stop();
      }
      expect(chatMenu(tg, 2401, 'uk')).toContain('invite');
      expect(chatMenu(tg, 2402)).toContain('today');
      expect(chatMenu(tg, 2402)).not.toContain('invite');
      expect(chatMenu(tg, 2403, 'ru')).toContain('today');
      expect(menuCalls(tg).filter((c) => c.scope['type'] === 'chat' && c.scope['chat_id'] === -1002404)).toEqual([]);
      // Paced: the pass's calls (9) are spread out, not fired at once.
      const passCalls = menuCalls(tg).filter((c) => c.scope['type'] === 'chat');
      expect(passCalls[passCalls.length - 1]!.at - passCalls[0]!.at).toBeGreaterThanOrEqual(8 * 90);

      const before = tg.requests.length;
      const second = await startService(config, { database, logger });
      try {
        await until(() => menuCalls(tg, before).filter((c) => c.scope['type'] === 'all_chat_administrators').length === 3);
        await new Promise((r) => setTimeout(r, 1_000));
      } finally {
        await second.stop();
      }
      expect(menuCalls(tg, before).filter((c) => c.scope['type'] === 'chat')).toEqual([]);
    } finally {
      await tg.close();
      await database.destroy();
    }
  });

  it('waits out a 429 and goes on; stopped half-way, it lets the claim go for the next start', async () => {
    const database = await createTestDatabase('postgres');
    const tg = await startFakeTelegram();
    const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
    try {
      const h = await startBotHarness('postgres', {}, database);
      await registerOwner(h, 2501);
      await h.close();
      const business = (await findBusinessByOwner(database.db, 2501))!;
      for (const chatId of [2502, 2503]) await linkChat(database.db, { chatId, businessId: business.id, type: 'private', title: null, role: 'member', lang: null });
      tg.reset();
      const api = new Api(tg.token, { apiRoot: tg.url });

      tg.failNext(1, { status: 429, retryAfter: 1 }, { methods: ['setMyCommands'] });
      expect(await syncChatMenus({ api, db: database.db, logger, instanceId: 'a', minIntervalMs: 0 }).done).toBe(3);
      expect(tg.requests.filter((r) => r.method === 'setMyCommands' && r.status === 429)).toHaveLength(1);
      // The refused call was made again, a second later.
      const owners = menuCalls(tg).filter((c) => c.scope['chat_id'] === 2501 && c.languageCode === '');
      expect(owners).toHaveLength(2);
      expect(owners[1]!.at - owners[0]!.at).toBeGreaterThanOrEqual(950);
      expect(await syncChatMenus({ api, db: database.db, logger, instanceId: 'b', minIntervalMs: 0 }).done).toBe(0);

      // A newer version of the menus is another claim; stopped during its first call, it lets the claim go.
      await database.db.delete(scheduleRuns).where(eq(scheduleRuns.job, 'command_menu'));
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      const slow = new Api(tg.token, { apiRoot: tg.url });
      let calls = 0;
      slow.config.use(async (prev, method, payload, signal) => {
        calls++;
        await gate;
        return prev(method, payload, signal);
      });
      const stopped = syncChatMenus({ api: slow, db: database.db, logger, instanceId: 'c', minIntervalMs: 0 });
      await until(() => calls > 0);
      stopped.stop();
      open();
      expect(await stopped.done).toBe(0);
      expect(calls).toBe(1);
      expect(await syncChatMenus({ api, db: database.db, logger, instanceId: 'd', minIntervalMs: 0 }).done).toBe(3);
      for (const chatId of [2502, 2503]) expect(chatMenu(tg, chatId, 'uk')).toContain('today');
    } finally {
      await tg.close();
      await database.destroy();
    }
  });
});
