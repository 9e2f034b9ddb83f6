import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { businesses, chats, checks, outbox } from '../../src/platform/db/schema.js';
import { createDelivery, type Delivery } from '../../src/platform/outbox/delivery.js';
import { createServiceRenderer } from '../../src/service.js';
import { createChatHooks } from '../../src/features/shops/chat-lifecycle.js';
import { createLogger } from '../../src/platform/observability/logger.js';
import { createMetrics } from '../../src/platform/observability/metrics.js';
import { FAST_DELIVERY, eventually } from '../support/delivery-harness.js';
import { startTestApp, postCheck, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { fixture } from '../support/fixtures.js';
import { PUBLIC_URL, joinWithInvite, registerOwner, startBotHarness, type BotHarness } from '../support/bot-harness.js';

const urlIn = (text: string) => new RegExp(`${PUBLIC_URL}/webhooks/cashdesk/([A-Za-z0-9_-]{32})`).exec(text)?.[1];

describe.each(databaseKinds)('onboarding (%s)', (kind) => {
  let h: BotHarness;
  let app: TestApp;
  beforeAll(async () => {
    h = await startBotHarness(kind);
    app = await startTestApp(h.database);
  });
  afterAll(async () => {
    await app?.close();
    await h?.close();
  });

  it('/start registers a business with the caller as owner and shows its webhook URL and the CashDesk steps', async () => {
    const reply = await h.say(501, '/start', { languageCode: 'uk' });
    expect(reply.parseMode).toBe('HTML');
    expect(reply.text).toContain('Ваш магазин зареєстровано');
    expect(reply.text).toContain('Каса → налаштування → Webhook');
    const token = urlIn(reply.text)!;
    expect(token).toBeDefined();
    // What an owner can do: a button, not a command for the bot's server.
    expect(reply.text).not.toContain('npm');
    expect(JSON.stringify(reply.replyMarkup)).toContain('Надіслати тестове сповіщення');
    const [business] = await h.database.db.select().from(businesses).where(eq(businesses.ownerUserId, 501));
    expect(business!.webhookToken).toBe(token);
    const [chat] = await h.database.db.select().from(chats).where(eq(chats.chatId, 501));
    expect(chat).toMatchObject({ businessId: business!.id, role: 'owner', type: 'private', active: true });
    // The URL works: CashDesk can post a check to it.
    expect((await postCheck(app.url, token, fixture('sale-cash'))).status).toBe(200);
  });

  it('/start again and /webhook show the same URL; nothing new is created', async () => {
    const first = urlIn((await h.say(502, '/start')).text);
    const again = await h.say(502, '/start');
    expect(again.text).toContain('уже зареєстровано');
    expect(urlIn(again.text)).toBe(first);
    expect(urlIn((await h.say(502, '/webhook')).text)).toBe(first);
    expect(await h.database.db.select().from(businesses).where(eq(businesses.ownerUserId, 502))).toHaveLength(1);
  });

  it('/rotate replaces the token: the old URL answers 404, the new one 200', async () => {
    const business = await registerOwner(h, 503);
    const reply = await h.say(503, '/rotate');
    expect(reply.text).toContain('Адресу Webhook замінено');
    const fresh = urlIn(reply.text)!;
    expect(fresh).not.toBe(business.webhookToken);
    expect((await postCheck(app.url, business.webhookToken, fixture('sale-card'))).status).toBe(404);
    expect((await postCheck(app.url, fresh, fixture('sale-card'))).status).toBe(200);
    expect(urlIn((await h.say(503, '/webhook')).text)).toBe(fresh);
  });

  it('answers in English to users whose Telegram is not Ukrainian or Russian, Ukrainian to ru', async () => {
    expect((await h.say(504, '/start', { languageCode: 'de' })).text).toContain('Your shop is registered');
    expect((await h.say(505, '/help', { languageCode: 'ru' })).text).toContain('Команди:');
  });

  it('a group cannot register a business, and its /start says how to connect it', async () => {
    const reply = await h.say(-1005, '/start@cashdesk_test_bot', { chatType: 'group', fromId: 506 });
    expect(reply.text).toContain('/start@cashdesk_test_bot');
    expect(await h.database.db.select().from(chats).where(eq(chats.chatId, -1005))).toHaveLength(0);
  });

  it('registered the command menu in Ukrainian and English, per scope: strangers, groups, group admins, the owner\'s chat', async () => {
    const uk = h.tg.getCommands({ languageCode: 'uk', scope: { type: 'all_group_chats' } });
    const en = h.tg.getCommands({ scope: { type: 'all_group_chats' } });
    expect(uk.find((c) => c.command === 'today')?.description).toBe('Підсумки за сьогодні');
    expect(en.find((c) => c.command === 'today')?.description).toBe("Today's totals");
    expect(h.tg.getCommands({ languageCode: 'ru', scope: { type: 'all_group_chats' } }).map((c) => c.command)).toEqual(uk.map((c) => c.command));
    expect(h.tg.getCommands({ scope: { type: 'all_private_chats' } }).map((c) => c.command)).toEqual(['start', 'help']);
    const group = en.map((c) => c.command);
    expect(group).toContain('today');
    expect(group).not.toContain('settings');
    expect(group).not.toContain('highcash');
    expect(h.tg.getCommands({ scope: { type: 'all_chat_administrators' } }).map((c) => c.command)).toContain('settings');
    await registerOwner(h, 510);
    // Set right after the /start answer.
    const ownerMenu = () => h.tg.getCommands({ scope: { type: 'chat', chat_id: 510 }, languageCode: 'uk' }).map((c) => c.command);
    for (let i = 0; i < 100 && ownerMenu().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    const owner = ownerMenu();
    expect(owner).toEqual(expect.arrayContaining(['highcash', 'invite', 'rotate', 'today']));
  });

  it('/help lists what this person may use here: the owner all, a member no owner commands, a group member no settings', async () => {
    const owner = await registerOwner(h, 511);
    expect((await h.say(511, '/help')).text).toContain('/rotate');
    await joinWithInvite(h, owner.ownerUserId, 512);
    const member = (await h.say(512, '/help')).text;
    expect(member).toContain('/today');
    expect(member).not.toMatch(/\/rotate|\/invite|\/members/);
    await joinWithInvite(h, owner.ownerUserId, -100513, { chatType: 'supergroup', fromId: 514, chatTitle: 'Зміна' });
    const group = (await h.say(-100513, `/help@${h.tg.botInfo.username}`, { chatType: 'supergroup', fromId: 514 })).text;
    expect(group).toContain('/today');
    expect(group).not.toMatch(/\/settings|\/rotate|\/invite/);
  });

  it('with SIGNUP=first and a shop already there, only ALLOWED_USER_IDS may register; invites still work for anyone', async () => {
    const owner = await registerOwner(h, 600);
    const limited = await startBotHarness(kind, { SIGNUP: 'first', ALLOWED_USER_IDS: '601, 602' }, h.database);
    try {
      expect((await limited.say(603, '/start')).text).toContain('Це приватний бот');
      expect(await h.database.db.select().from(businesses).where(eq(businesses.ownerUserId, 603))).toHaveLength(0);
      expect((await limited.say(602, '/start')).text).toContain('Ваш магазин зареєстровано');
      const code = /\?start=([A-Za-z0-9_-]+)/.exec((await limited.say(600, '/invite')).text)![1]!;
      expect((await limited.say(603, `/start ${code}`)).text).toContain('Готово!');
      expect((await h.database.db.select().from(chats).where(eq(chats.chatId, 603)))[0]?.businessId).toBe(owner.id);
    } finally {
      await limited.close();
    }
  });
});

describe.each(databaseKinds)("/start's test alert (%s)", (kind) => {
  let h: BotHarness;
  let delivery: Delivery;
  beforeAll(async () => {
    h = await startBotHarness(kind);
    // The real outbox path: the service's renderer, the worker, the gateway, the fake Telegram.
    const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
    delivery = createDelivery(
      {
        db: h.database.db,
        botToken: h.tg.token,
        apiRoot: h.tg.url,
        renderer: createServiceRenderer({ db: h.database.db, config: h.config }),
        chats: createChatHooks(),
        logger,
        metrics: createMetrics(),
      },
      FAST_DELIVERY,
    );
    delivery.worker.start();
  });
  afterAll(async () => {
    await delivery?.worker.stop();
    await h?.close();
  });

  const answersTo = (text: string) => h.tg.callbackAnswers.filter((a) => a.text === text).length;
  const checksOf = async (businessId: number) => h.database.db.select().from(checks).where(eq(checks.businessId, businessId));

  it('the button sends this chat a sample sale alert marked as a test, through the outbox; nothing is counted or stored', async () => {
    const OWNER = 701;
    const business = await registerOwner(h, OWNER);
    const todayBefore = (await h.say(OWNER, '/today')).text;
    const start = await h.say(OWNER, '/start');
    h.tg.pressButton({ chatId: OWNER, messageId: start.messageId, button: 'Надіслати тестове сповіщення' });
    const alert = await h.tg.waitFor((m) => m.chatId === OWNER && m.text.includes('🧪'), 10_000);
    expect(alert.text.split('\n')[0]).toBe('🧪 Тест — це не справжній продаж');
    // The sale alert's own shape: kind, the items, the total and the payment.
    expect(alert.text).toContain('Продаж');
    expect(alert.text).toContain('Кава зернова 1 кг');
    expect(alert.text).toMatch(/768,00 ₴/);
    expect(answersTo('Надсилаю тестове сповіщення…')).toBe(1);
    const testJobs = () => h.database.db.select().from(outbox).where(and(eq(outbox.chatId, OWNER), eq(outbox.kind, 'test_alert')));
    await eventually(async () => (await testJobs()).map((j) => j.status).join() === 'done', 5_000, 'the test_alert job done');
    // Counted nowhere: no check stored, /today as it was.
    expect(await checksOf(business.id)).toHaveLength(0);
    expect((await h.say(OWNER, '/today')).text).toBe(todayBefore);

    // A second press within the minute is refused, and says so.
    h.tg.pressButton({ chatId: OWNER, messageId: start.messageId, button: 'Надіслати тестове сповіщення' });
    await eventually(() => answersTo('Тестове сповіщення можна надсилати раз на хвилину. Спробуйте трохи згодом.') === 1, 5_000, 'the refusal');
    expect(h.tg.callbackAnswers.find((a) => a.text?.startsWith('Тестове сповіщення можна'))?.showAlert).toBe(true);
    expect(await testJobs()).toHaveLength(1);
    expect(h.tg.messagesTo(OWNER).filter((m) => m.text.includes('🧪'))).toHaveLength(1);
  });

  it('in English for an English chat; another chat has its own minute', async () => {
    const OWNER = 702;
    await registerOwner(h, OWNER, 'en');
    const start = await h.say(OWNER, '/start', { languageCode: 'en' });
    h.tg.pressButton({ chatId: OWNER, messageId: start.messageId, button: 'Send a test alert', languageCode: 'en' });
    const alert = await h.tg.waitFor((m) => m.chatId === OWNER && m.text.includes('🧪'), 10_000);
    expect(alert.text.split('\n')[0]).toBe('🧪 Test — not a real sale');
    expect(alert.text).toContain('Sale');
  });
});
