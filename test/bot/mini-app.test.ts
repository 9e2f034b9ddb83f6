import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from 'grammy';
import { createLogger } from '../../src/platform/observability/logger.js';
import { syncMiniAppMenuButtons } from '../../src/bot/mini-app-menu.js';
import { registerCommandMenu } from '../../src/bot/command-menu.js';
import { linkChat } from '../../src/features/shops/chats.js';
import { deactivateChat } from '../../src/features/shops/chat-lifecycle.js';
import { databaseKinds } from '../support/databases.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { joinWithInvite, PUBLIC_URL, registerOwner, startBotHarness, type BotHarness } from '../support/bot-harness.js';

const OWNER = 1811;
const MEMBER = 1812;
const STRANGER = 1813;
const GROUP = -1001811;
const APP_URL = `${PUBLIC_URL}/app/`;

/** Waits (briefly) until `read` answers something defined. */
async function eventually<T>(read: () => T | undefined, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const inlineButtons = (markup: unknown) => ((markup as { inline_keyboard?: Array<Array<Record<string, unknown>>> })?.inline_keyboard ?? []).flat();

describe.each(databaseKinds)('the Mini App in the bot (%s)', (kind) => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness(kind);
  });
  afterAll(async () => h?.close());

  it('/start that registers an owner, and an invite that links a private chat, set the menu button to the Mini App', async () => {
    await registerOwner(h, OWNER);
    expect(await eventually(() => h.tg.getMenuButton(OWNER))).toEqual({ type: 'web_app', text: 'Панель', web_app: { url: APP_URL } });
    await joinWithInvite(h, OWNER, MEMBER, { languageCode: 'en' });
    expect(await eventually(() => h.tg.getMenuButton(MEMBER))).toEqual({ type: 'web_app', text: 'Dashboard', web_app: { url: APP_URL } });
    // A stranger's /start with a bad code links nothing: no menu button.
    await h.say(STRANGER, '/start nonsense-code-123456');
    await new Promise((r) => setTimeout(r, 100));
    expect(h.tg.getMenuButton(STRANGER)).toBeUndefined();
  });

  it('/app in a private chat: an inline web_app button to PUBLIC_URL/app/', async () => {
    const reply = await h.say(MEMBER, '/app', { languageCode: 'en' });
    expect(reply.text).toContain("The shop's dashboard");
    expect(inlineButtons(reply.replyMarkup)).toEqual([{ text: 'Dashboard', web_app: { url: APP_URL } }]);
  });

  it("/app in a group: a URL button to the bot's private chat (web_app buttons do not work there)", async () => {
    await joinWithInvite(h, OWNER, GROUP, { chatType: 'supergroup', chatTitle: 'Склад', fromId: OWNER });
    const reply = await h.say(GROUP, `/app@${h.tg.botInfo.username}`, { chatType: 'supergroup', fromId: MEMBER });
    expect(reply.text).toContain('особистому чаті');
    expect(inlineButtons(reply.replyMarkup)).toEqual([{ text: 'Відкрити чат з ботом', url: `https://t.me/${h.tg.botInfo.username}` }]);
  });

  it('/app from a chat linked to nothing: "not connected", no button', async () => {
    const reply = await h.say(STRANGER, '/app');
    expect(inlineButtons(reply.replyMarkup)).toEqual([]);
    expect(reply.text).not.toContain('Панель');
  });

  it('/app is in the command menu and /help, in both languages', async () => {
    await registerCommandMenu(new Api(h.tg.token, { apiRoot: h.tg.url }));
    const member = { type: 'chat', chat_id: MEMBER };
    expect(h.tg.getCommands({ scope: member }).find((c) => c.command === 'app')).toEqual({ command: 'app', description: "The shop's dashboard (Mini App)" });
    expect(h.tg.getCommands({ scope: member, languageCode: 'uk' }).find((c) => c.command === 'app')?.description).toBe('Панель магазину (Mini App)');
    expect(h.tg.getCommands({ scope: { type: 'all_group_chats' } }).map((c) => c.command)).toContain('app');
    expect((await h.say(MEMBER, '/help')).text).toContain('/app');
  });

  it('at start, every linked private chat that is on gets the menu button, once per Mini App URL', async () => {
    const db = h.database.db;
    const business = (await import('../../src/features/shops/businesses.js')).findBusinessByOwner;
    const b = (await business(db, OWNER))!;
    await linkChat(db, { chatId: 1820, businessId: b.id, type: 'private', title: null, role: 'member', lang: 'en' });
    await linkChat(db, { chatId: 1821, businessId: b.id, type: 'private', title: null, role: 'member', lang: null });
    await linkChat(db, { chatId: 1822, businessId: b.id, type: 'private', title: null, role: 'member', lang: null });
    await deactivateChat(db, 1822, 'blocked');
    const api = new Api(h.tg.token, { apiRoot: h.tg.url });
    const logger = createLogger({ level: 'silent' });
    const first = syncMiniAppMenuButtons({ api, db, publicUrl: PUBLIC_URL, logger, instanceId: 'a' });
    // Owner, member, 1820, 1821: the private chats that are on; not the group, not the blocked one.
    expect(await first.done).toBe(4);
    expect(h.tg.getMenuButton(1820)).toEqual({ type: 'web_app', text: 'Dashboard', web_app: { url: APP_URL } });
    expect(h.tg.getMenuButton(1821)).toEqual({ type: 'web_app', text: 'Панель', web_app: { url: APP_URL } });
    expect(h.tg.getMenuButton(1822)).toBeUndefined();
    // Another start (or instance) with the same URL does nothing; a new URL does it again.
    expect(await syncMiniAppMenuButtons({ api, db, publicUrl: PUBLIC_URL, logger, instanceId: 'b' }).done).toBe(0);
    expect(await syncMiniAppMenuButtons({ api, db, publicUrl: 'https://new.example.com', logger, instanceId: 'b' }).done).toBe(4);
    expect(h.tg.getMenuButton(1820)).toEqual({ type: 'web_app', text: 'Dashboard', web_app: { url: 'https://new.example.com/app/' } });
    // Stopped half-way (shutdown): the claim is let go, so the next start does the pass again.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const slow = new Api(h.tg.token, { apiRoot: h.tg.url });
    let calls = 0;
    slow.config.use(async (prev, method, payload, signal) => {
      calls++;
      await gate;
      return prev(method, payload, signal);
    });
    const stopped = syncMiniAppMenuButtons({ api: slow, db, publicUrl: 'https://stopped.example.com', logger, instanceId: 'd' });
    await eventually(() => (calls > 0 ? true : undefined));
    stopped.stop();
    open();
    expect(await stopped.done).toBe(1);
    expect(await syncMiniAppMenuButtons({ api, db, publicUrl: 'https://stopped.example.com', logger, instanceId: 'e' }).done).toBe(4);
    // Telegram away (three chats in a row refused): the claim is let go too.
    const away = new Api('1:not-the-token', { apiRoot: h.tg.url });
    expect(await syncMiniAppMenuButtons({ api: away, db, publicUrl: 'https://away.example.com', logger, instanceId: 'f' }).done).toBe(0);
    expect(await syncMiniAppMenuButtons({ api, db, publicUrl: 'https://away.example.com', logger, instanceId: 'g' }).done).toBe(4);
    // Without HTTPS there is no Mini App to point at.
    expect(await syncMiniAppMenuButtons({ api, db, publicUrl: 'http://localhost:3000', logger, instanceId: 'c' }).done).toBe(0);
  });
});

describe('the Mini App without an HTTPS PUBLIC_URL', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness('postgres', { PUBLIC_URL: 'http://localhost:3000' });
  });
  afterAll(async () => h?.close());

  it('/app says the Mini App needs HTTPS, with no button; /start sets no menu button', async () => {
    await registerOwner(h, OWNER);
    const reply = await h.say(OWNER, '/app');
    expect(reply.text).toContain('HTTPS');
    expect(reply.text).toContain('http://localhost:3000');
    expect(inlineButtons(reply.replyMarkup)).toEqual([]);
    expect(h.tg.getMenuButton(OWNER)).toBeUndefined();
  });
});

describe('the fake Bot API checks Mini App buttons as Telegram does', () => {
  let tg: FakeTelegram;
  beforeAll(async () => {
    tg = await startFakeTelegram();
  });
  afterAll(async () => tg?.close());

  it('a web_app menu button needs an https URL and a text; a web_app inline button only works in private chats', async () => {
    const api = new Api(tg.token, { apiRoot: tg.url });
    await expect(api.setChatMenuButton({ chat_id: 5, menu_button: { type: 'web_app', text: 'x', web_app: { url: 'http://a.example/app/' } } })).rejects.toThrow(/BUTTON_URL_INVALID/);
    await expect(api.setChatMenuButton({ chat_id: 5, menu_button: { type: 'web_app', text: ' ', web_app: { url: 'https://a.example/app/' } } })).rejects.toThrow(/BUTTON_TEXT_INVALID/);
    await expect(api.setChatMenuButton({ chat_id: -5, menu_button: { type: 'commands' } })).rejects.toThrow(/private chat/);
    await api.setChatMenuButton({ chat_id: 5, menu_button: { type: 'web_app', text: 'App', web_app: { url: 'https://a.example/app/' } } });
    expect(await api.getChatMenuButton({ chat_id: 5 })).toEqual({ type: 'web_app', text: 'App', web_app: { url: 'https://a.example/app/' } });
    const webApp = { inline_keyboard: [[{ text: 'App', web_app: { url: 'https://a.example/app/' } }]] };
    await expect(api.sendMessage(-1005, 'x', { reply_markup: webApp })).rejects.toThrow(/BUTTON_TYPE_INVALID/);
    await api.sendMessage(5, 'x', { reply_markup: webApp });
  });
});
