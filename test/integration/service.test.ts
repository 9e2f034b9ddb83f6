import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/platform/db/rows.js';
import { loadConfig } from '../../src/platform/config/config.js';
import { startService, type Service } from '../../src/service.js';
import { createLogger } from '../../src/platform/observability/logger.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/databases.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { fixture, variant } from '../support/fixtures.js';

/**
 * The whole service as an owner meets it: the real Koa app, grammY bot, outbox worker and
 * schedules in one process, over a real database, against the strict fake Telegram.
 */
const PUBLIC_URL = 'https://shop.example.com';
const OWNER = 5_550_001;
const GROUP = -1_001_555_000_001;
const FAST = { worker: { pollIntervalMs: 50, holdMs: 0 } };

const today = () => DateTime.now().setZone('Europe/Kyiv');

function todaysCheck(name: string, uuid: string, at = today().minus({ minutes: 1 })) {
  return variant(name, uuid, (c) => {
    c.ORDERDATE = at.toISODate();
    c.ORDERTIME = at.toFormat('HH:mm:ss');
  });
}

describe.each(databaseKinds)('the service end to end on %s', (kind) => {
  let database: TestDatabase;
  let tg: FakeTelegram;
  let service: Service;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    tg = await startFakeTelegram();
    // Several shops register here.
    const config = loadConfig({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.url, PUBLIC_URL, HOST: '127.0.0.1', PORT: '0', SIGNUP: 'open' });
    service = await startService(config, {
      database,
      logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
      delivery: FAST,
    });
  });
  afterAll(async () => {
    await service?.stop();
    await tg?.close();
    await database?.destroy();
  });

  const say = async (chatId: number, text: string, extra: Record<string, unknown> = {}) => {
    const reply = tg.waitForReply(chatId, 15_000);
    tg.userMessage({ chatId, fromId: chatId > 0 ? chatId : OWNER, text, ...extra });
    return reply;
  };
  const post = (url: string, body: unknown) =>
    fetch(url.replace(PUBLIC_URL, service.address), { method: 'POST', body: JSON.stringify(body) });
  const urlIn = (text: string) => new RegExp(`${PUBLIC_URL}/webhooks/cashdesk/[A-Za-z0-9_-]{22,}`).exec(text)?.[0];

  // Each test is its own shop (its own owner), so each passes alone and in any order.
  let nextOwner = OWNER;
  async function openShop(): Promise<{ owner: number; webhookUrl: string }> {
    const owner = nextOwner++;
    const webhookUrl = urlIn((await say(owner, '/start', { languageCode: 'uk' })).text);
    if (!webhookUrl) throw new Error('no webhook URL in the /start answer');
    return { owner, webhookUrl };
  }

  it('/start answers with the webhook URL under PUBLIC_URL', async () => {
    const owner = nextOwner++;
    const reply = await say(owner, '/start', { languageCode: 'uk' });
    const webhookUrl = urlIn(reply.text);
    expect(webhookUrl).toBeDefined();
    expect(reply.text).toMatch(/Webhook/);
    expect(reply.text).not.toContain('npm run');
    expect(JSON.stringify(reply.replyMarkup)).toContain('Надіслати тестове сповіщення');
    // again: the same URL, nothing new
    const again = await say(owner, '/start', { languageCode: 'uk' });
    expect(again.text).toContain(webhookUrl);
  });

  it('a check posted to that URL arrives as a sale alert, escaped and whole', async () => {
    const { owner, webhookUrl } = await openShop();
    const body = todaysCheck('offline-lenient', 'e2e00000-0000-4000-8000-000000000001');
    const res = await post(webhookUrl, body);
    expect(res.status).toBe(200);
    const alert = await tg.waitFor((m) => m.chatId === owner && m.text.includes('55,50 ₴'), 15_000);
    expect(alert.text).toContain('Вода "Моршинська" <0,5 л> & лимон');
    expect(alert.parseMode).toBe('HTML');
    const buttons = JSON.stringify(alert.replyMarkup);
    expect(buttons).toContain(body.link);
  });

  it('an invited group gets the alerts too; the PDF button sends the exact PDF', async () => {
    const { owner, webhookUrl } = await openShop();
    const invite = await say(owner, '/invite', { languageCode: 'uk' });
    const code = /start=([A-Za-z0-9_-]+)/.exec(invite.text)?.[1];
    expect(code).toBeDefined();
    const joined = await say(GROUP, `/start@${tg.botInfo.username} ${code}`, { chatType: 'supergroup', chatTitle: 'Магазин', fromId: 777 });
    expect(joined.text.length).toBeGreaterThan(0);

    const body = todaysCheck('sale-cash', 'e2e00000-0000-4000-8000-000000000002');
    expect((await post(webhookUrl, body)).status).toBe(200);
    await tg.waitFor((m) => m.chatId === GROUP && m.text.includes('148,60 ₴'), 15_000);
    const ownerAlert = await tg.waitFor((m) => m.chatId === owner && m.text.includes('148,60 ₴'), 15_000);

    tg.pressButton({ chatId: owner, fromId: owner, button: /PDF/, messageId: ownerAlert.messageId });
    const doc = await tg.waitFor((m) => m.chatId === owner && m.method === 'sendDocument', 15_000);
    expect(Buffer.compare(doc.document!.bytes, Buffer.from(body.pdf, 'base64'))).toBe(0);
  });

  it('/today adds up the day; /receipt sends the PDF; another business sees nothing', async () => {
    const { owner, webhookUrl } = await openShop();
    const sale1 = todaysCheck('offline-lenient', 'e2e00000-0000-4000-8000-000000000011');
    const sale2 = todaysCheck('sale-cash', 'e2e00000-0000-4000-8000-000000000012');
    const ret = todaysCheck('return', 'e2e00000-0000-4000-8000-000000000013');
    for (const body of [sale1, sale2, ret]) expect((await post(webhookUrl, body)).status).toBe(200);
    // The return's alert (sale2's also shows 28,90 ₴, a line of it): no alert may come after /today.
    await tg.waitFor((m) => m.chatId === owner && m.text.includes('Повернення') && m.text.includes('28,90 ₴'), 15_000);
    // ... nor a watchdog alert (after 14:00 these returns are over 10 % of the day's sales): every
    // message due to the owner sent. (sale1 is offline: its episode's message is due minutes later.)
    await expect
      .poll(
        async () =>
          (await queryRows(database.db, sql`select 1 from outbox where chat_id = ${owner} and status = 'pending' and (not_before is null or not_before <= now())`))
            .length,
        { timeout: 15_000 },
      )
      .toBe(0);

    const report = await say(owner, '/today', { languageCode: 'uk' });
    // sales 55,50 + 148,60 = 204,10; a return of 28,90; net 175,20
    expect(report.text).toContain('204,10 ₴');
    expect(report.text).toContain('28,90 ₴');
    expect(report.text).toContain('175,20 ₴');

    const receipt = tg.waitFor((m) => m.chatId === owner && m.method === 'sendDocument' && m.caption?.includes('28,90') === true, 15_000);
    tg.userMessage({ chatId: owner, fromId: owner, text: `/receipt ${ret.uuid}`, languageCode: 'uk' });
    const doc = await receipt;
    expect(Buffer.compare(doc.document!.bytes, Buffer.from(ret.pdf, 'base64'))).toBe(0);

    const STRANGER = 5_559_999;
    await say(STRANGER, '/start', { languageCode: 'en' });
    const foreign = await say(STRANGER, `/receipt ${ret.uuid}`, { languageCode: 'en' });
    const unknown = await say(STRANGER, '/receipt 00000000-0000-4000-8000-00000000dead', { languageCode: 'en' });
    expect(foreign.text).toBe(unknown.text);
    expect(foreign.method).toBe('sendMessage');
  });

  it('/rotate: the old URL answers 404 from then on', async () => {
    const { owner, webhookUrl } = await openShop();
    const reply = await say(owner, '/rotate', { languageCode: 'uk' });
    const fresh = urlIn(reply.text);
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(webhookUrl);
    expect((await post(webhookUrl, fixture('sale-card'))).status).toBe(404);
    expect((await post(fresh!, fixture('sale-card'))).status).toBe(200);
  });

  it('/metrics shows webhooks, outbox depth and sends', async () => {
    const { owner, webhookUrl } = await openShop();
    expect((await post(webhookUrl, todaysCheck('sale-card', 'e2e00000-0000-4000-8000-000000000021'))).status).toBe(200);
    await tg.waitFor((m) => m.chatId === owner && m.text.includes('689,00 ₴'), 15_000);
    const text = await (await fetch(`${service.address}/metrics`)).text();
    expect(text).toMatch(/cashdesk_webhooks_total\{outcome="stored"\} [1-9]/);
    expect(text).toMatch(/outbox_pending_jobs \d+/);
    expect(text).toMatch(/telegram_sends_total\{[^}]*result="ok"[^}]*\} [1-9]/);
    expect(text).toMatch(/process_resident_memory_bytes/);
  });
});

describe('BOT_MODE=webhook', () => {
  let database: TestDatabase;
  let tg: FakeTelegram;
  let service: Service;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    tg = await startFakeTelegram();
    const config = loadConfig({
      BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.url,
      PUBLIC_URL,
      HOST: '127.0.0.1',
      PORT: '0',
      BOT_MODE: 'webhook',
    });
    service = await startService(config, { database, logger: createLogger({ level: 'silent' }), delivery: FAST });
    await tg.waitForRequest('setWebhook', 15_000);
  });
  afterAll(async () => {
    await service?.stop();
    await tg?.close();
    await database?.destroy();
  });

  it('registers PUBLIC_URL/telegram/<secret> and takes updates there, checking the secret header', async () => {
    const hook = tg.webhook!;
    expect(hook.url.startsWith(`${PUBLIC_URL}/telegram/`)).toBe(true);
    expect(hook.secretToken).toBeDefined();
    const path = new URL(hook.url).pathname;
    const update = {
      update_id: 1,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: 6_660_001, type: 'private', first_name: 'Owner' },
        from: { id: 6_660_001, is_bot: false, first_name: 'Owner', language_code: 'en' },
        text: '/help',
        entities: [{ type: 'bot_command', offset: 0, length: 5 }],
      },
    };
    const wrong = await fetch(`${service.address}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'wrong' },
      body: JSON.stringify(update),
    });
    expect(wrong.status).toBe(401);

    const reply = tg.waitForReply(6_660_001, 15_000);
    const ok = await fetch(`${service.address}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': hook.secretToken! },
      body: JSON.stringify(update),
    });
    expect(ok.status).toBe(200);
    expect((await reply).text).toMatch(/\/start —/);
    expect(tg.requests.some((r) => r.method === 'getUpdates')).toBe(false);
  });
});
