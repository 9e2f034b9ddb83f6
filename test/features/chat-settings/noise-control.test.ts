import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../../../src/platform/config/config.js';
import { chats } from '../../../src/platform/db/schema.js';
import { WATCHDOG_KINDS } from '../../../src/features/watchdog/kinds.js';
import { startService, type Service } from '../../../src/service.js';
import { createLogger } from '../../../src/platform/observability/logger.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';
import { startFakeTelegram, type FakeTelegram, type SentMessage } from '../../support/fake-telegram.js';
import { variant } from '../../support/fixtures.js';
import { FAST_LIMITS } from '../../support/delivery-harness.js';

/**
 * /settings end to end: the whole service (bot, webhook, outbox worker) against the strict fake
 * Telegram. Every setting is changed as a person would (a command or a button) and is seen in
 * what Telegram receives: which alerts come, whether silently, into which topic.
 */
const PUBLIC_URL = 'https://shop.example.com';
const OWNER = 5_660_001;
const GROUP = -1_001_566_000_001;
const TOPIC = 42;
const OTHER_TOPIC = 77;
// Telegram's limits scaled up (the fake enforces the same), so a group's alerts need not wait 3 s each.
const FAST = { worker: { pollIntervalMs: 25, holdMs: 0 }, limits: FAST_LIMITS, limitsMargin: 0.5 };

const now = () => DateTime.now().setZone('Europe/Kyiv');
let seq = 0;
/** A fixture check with a fresh uuid, made a minute ago today (Kyiv). */
function todays(name: string) {
  seq += 1;
  const at = now().minus({ minutes: 1 });
  const uuid = `5e770000-0000-4000-8000-${String(seq).padStart(12, '0')}`;
  return variant(name, uuid, (c) => {
    // The alert's e-receipt button carries the link: a test tells alerts apart by their uuid.
    c.link = `https://test.cashdesk.com.ua/check/${uuid}/html`;
    c.ORDERDATE = at.toISODate();
    c.ORDERTIME = at.toFormat('HH:mm:ss');
  });
}

describe.each(databaseKinds)('noise control per chat on %s', (kind) => {
  let database: TestDatabase;
  let tg: FakeTelegram;
  let service: Service;
  let webhookUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    tg = await startFakeTelegram({ enforceLimits: FAST_LIMITS });
    const config = loadConfig({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.url, PUBLIC_URL, HOST: '127.0.0.1', PORT: '0' });
    service = await startService(config, {
      database,
      logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
      delivery: FAST,
    });
    const start = await say(OWNER, '/start');
    webhookUrl = new RegExp(`${PUBLIC_URL}/webhooks/cashdesk/[A-Za-z0-9_-]{22,}`).exec(start.text)![0];
    const code = /start=([A-Za-z0-9_-]+)/.exec((await say(OWNER, '/invite')).text)![1];
    // Linked from inside a forum topic.
    await say(GROUP, `/start@${tg.botInfo.username} ${code}`, { chatType: 'supergroup', chatTitle: 'Магазин', fromId: 777, messageThreadId: TOPIC });
    // These tests are about sale alerts: the watchdog's (the fixtures' drawers do not add up) would
    // come in between and be taken for a command's reply. Its own switch: test/integration/watchdog.test.ts.
    await database.db.update(chats).set({ watchdogOff: [...WATCHDOG_KINDS] });
  });
  afterAll(async () => {
    await service?.stop();
    await tg?.close();
    await database?.destroy();
  });

  /** Opens a section of the /settings menu in place (a press, then the message redrawn). */
  async function openSection(chatId: number, menu: SentMessage, section: string): Promise<SentMessage> {
    const before = new Set(tg.sent);
    const edited = tg.waitFor((m) => !before.has(m) && m.chatId === chatId && m.method === 'editMessageText' && m.messageId === menu.messageId, 15_000);
    tg.pressButton({ chatId, fromId: OWNER, button: section, messageId: menu.messageId });
    return edited;
  }
  async function say(chatId: number, text: string, extra: Record<string, unknown> = {}): Promise<SentMessage> {
    const reply = tg.waitForReply(chatId, 15_000);
    tg.userMessage({ chatId, fromId: chatId > 0 ? chatId : OWNER, text, languageCode: 'uk', ...extra });
    return reply;
  }

  /** Posts a check (a fresh uuid); answers its uuid, which its alert's e-receipt link carries. */
  async function post(name: string): Promise<string> {
    const body = todays(name);
    const res = await fetch(webhookUrl.replace(PUBLIC_URL, service.address), { method: 'POST', body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    return body.uuid as string;
  }
  const isAlertOf = (chatId: number, uuid: string) => (m: SentMessage) =>
    m.chatId === chatId && m.method === 'sendMessage' && JSON.stringify(m.replyMarkup ?? {}).includes(uuid);
  const alertTo = (chatId: number, uuid: string) => tg.waitFor(isAlertOf(chatId, uuid), 15_000);
  const alertsTo = (chatId: number, uuid: string) => tg.sent.filter(isAlertOf(chatId, uuid));
  const chatRow = async (chatId: number) => (await database.db.select().from(chats).where(eq(chats.chatId, chatId)))[0]!;

  it('a group linked from inside a topic gets its alerts in that topic; the owner in the chat itself', async () => {
    expect((await chatRow(GROUP)).messageThreadId).toBe(TOPIC);
    const uuid = await post('sale-cash');
    const group = await alertTo(GROUP, uuid);
    const owner = await alertTo(OWNER, uuid);
    expect(group.messageThreadId).toBe(TOPIC);
    expect(group.params['message_thread_id']).toBe(TOPIC);
    expect(owner.messageThreadId).toBeUndefined();
    expect(owner.disableNotification).not.toBe(true);
  });

  it('the /settings menu: a minimum amount pressed filters smaller checks for that chat only', async () => {
    const menu = await say(OWNER, '/settings');
    expect(menu.text).toContain('Мінімальний чек: будь-який');
    await openSection(OWNER, menu, '🔇 Шум');
    const before = new Set(tg.sent);
    const edited = tg.waitFor((m) => !before.has(m) && m.chatId === OWNER && m.method === 'editMessageText' && m.messageId === menu.messageId, 15_000);
    tg.pressButton({ chatId: OWNER, fromId: OWNER, button: '100,00 ₴', messageId: menu.messageId });
    const redrawn = await edited;
    expect(redrawn.text).toContain('Мінімальний чек: 100,00 ₴');
    expect(JSON.stringify(redrawn.replyMarkup)).toContain('✓ 100,00 ₴');
    expect((await chatRow(OWNER)).minSaleKop).toBe(10_000);

    const small = await post('offline-lenient'); // 55,50 ₴: below
    const big = await post('sale-cash'); // 148,60 ₴
    await alertTo(GROUP, small);
    // Both reach the group: wait for the second too, or it could come in as the next test's reply.
    await alertTo(GROUP, big);
    await alertTo(OWNER, big);
    // The owner's messages come in order: the later alert is there, the smaller one never was.
    expect(alertsTo(OWNER, small)).toHaveLength(0);

    const off = await say(OWNER, '/minsum off');
    expect(off.text).toContain('Мінімальний чек: будь-який');
    expect((await say(OWNER, '/minsum abc')).text).toMatch(/^Використання: \/minsum/);
  });

  it('/onlyreturns on in the group (inside its topic): the group hears of returns only', async () => {
    const reply = await say(GROUP, '/onlyreturns on', { messageThreadId: TOPIC });
    expect(reply.messageThreadId).toBe(TOPIC);
    expect(reply.text).toContain('Лише повернення: увімкнено');
    const sale = await post('sale-card');
    const ret = await post('return');
    const returned = await alertTo(GROUP, ret);
    expect(returned.messageThreadId).toBe(TOPIC);
    await alertTo(OWNER, sale);
    expect(alertsTo(GROUP, sale)).toHaveLength(0);
    await say(GROUP, '/onlyreturns off', { messageThreadId: TOPIC });
  });

  it('/desks: only the chosen cash desks are announced; unknown ones are refused', async () => {
    const refused = await say(OWNER, '/desks 99999999');
    expect(refused.text).toContain('Таких кас немає: 99999999.');
    const set = await say(OWNER, '/desks 50037130');
    expect(set.text).toContain('Каси: 50037130');
    expect((await chatRow(OWNER)).deskFilter).toEqual(['50037130']);
    const other = await post('sale-cash'); // desk 50037129
    const chosen = await post('offline-lenient'); // desk 50037130
    await alertTo(GROUP, other);
    await alertTo(OWNER, chosen);
    expect(alertsTo(OWNER, other)).toHaveLength(0);

    // The menu's desk buttons: pressing 50037129 brings it back, and every desk chosen is "all".
    const menu = await say(OWNER, '/settings');
    await openSection(OWNER, menu, '🔔 Доставка');
    const before = new Set(tg.sent);
    const edited = tg.waitFor((m) => !before.has(m) && m.chatId === OWNER && m.method === 'editMessageText' && m.messageId === menu.messageId, 15_000);
    tg.pressButton({ chatId: OWNER, fromId: OWNER, button: '⬜ 50037129', messageId: menu.messageId });
    expect((await edited).text).toContain('Каси: усі');
    expect((await chatRow(OWNER)).deskFilter).toBeNull();
  });

  it('/quiet: during quiet hours alerts arrive silently (disable_notification), outside them with sound', async () => {
    const from = now().minus({ hours: 2 }).toFormat('HH:mm');
    const to = now().plus({ hours: 2 }).toFormat('HH:mm');
    const set = await say(OWNER, `/quiet ${from}-${to}`);
    expect(set.text).toContain(`Тихі години: ${from}–${to}`);
    const first = await post('sale-card');
    const silent = await alertTo(OWNER, first);
    expect(silent.disableNotification).toBe(true);
    expect(silent.params['disable_notification']).toBe(true);
    const loud = await alertTo(GROUP, first);
    expect(loud.disableNotification).not.toBe(true);

    // Quiet hours that are not now: with sound.
    const later = now().plus({ hours: 3 });
    await say(OWNER, `/quiet ${later.toFormat('HH:mm')}-${later.plus({ hours: 2 }).toFormat('HH:mm')}`);
    const second = await post('sale-cash');
    expect((await alertTo(OWNER, second)).disableNotification).not.toBe(true);
    expect((await say(OWNER, '/quiet 25:00-08:00')).text).toMatch(/^Використання: \/quiet/);
    expect((await say(OWNER, '/quiet off')).text).toContain('Тихі години: вимкнено');
  });

  it('the sale alerts button mutes the chat', async () => {
    const menu = await say(OWNER, '/settings');
    await openSection(OWNER, menu, '🔔 Доставка');
    const before = new Set(tg.sent);
    const edited = tg.waitFor((m) => !before.has(m) && m.chatId === OWNER && m.method === 'editMessageText' && m.messageId === menu.messageId, 15_000);
    tg.pressButton({ chatId: OWNER, fromId: OWNER, button: /🔕/, messageId: menu.messageId });
    expect((await edited).text).toContain('Сповіщення про продажі: вимкнено');
    expect((await chatRow(OWNER)).muted).toBe(true);
    const muted = await post('return');
    const after = await post('offline-lenient');
    await alertTo(GROUP, muted);
    await alertTo(GROUP, after);
    expect(alertsTo(OWNER, muted)).toHaveLength(0);
    await say(OWNER, '/unmute');
  });

  it('/settings inside another topic moves the group there', async () => {
    const menu = await say(GROUP, '/settings', { messageThreadId: OTHER_TOPIC });
    expect(menu.messageThreadId).toBe(OTHER_TOPIC);
    expect(menu.text).toContain(`Гілка: #${TOPIC}`);
    await openSection(GROUP, menu, '🔔 Доставка');
    const before = new Set(tg.sent);
    const edited = tg.waitFor((m) => !before.has(m) && m.chatId === GROUP && m.method === 'editMessageText' && m.messageId === menu.messageId, 15_000);
    tg.pressButton({ chatId: GROUP, fromId: OWNER, button: '📌 Сповіщення в цю гілку', messageId: menu.messageId });
    expect((await edited).text).toContain(`Гілка: #${OTHER_TOPIC}`);
    expect((await chatRow(GROUP)).messageThreadId).toBe(OTHER_TOPIC);
    const uuid = await post('sale-cash');
    expect((await alertTo(GROUP, uuid)).messageThreadId).toBe(OTHER_TOPIC);
  });
});
