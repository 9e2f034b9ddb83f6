import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/platform/config/config.js';
import { createLogger } from '../../src/platform/observability/logger.js';
import { createBot } from '../../src/bot/bot.js';
import { startBot } from '../../src/bot/run.js';
import { createTelegramWebhook, type TelegramWebhook } from '../../src/bot/webhook.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';

/** BOT_MODE=webhook: Telegram posts updates to PUBLIC_URL/telegram/<secret> on the Koa app. */
describe('webhook mode', () => {
  let database: TestDatabase;
  let tg: FakeTelegram;
  let app: TestApp;
  let config: Config;
  let webhook: TelegramWebhook;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    tg = await startFakeTelegram();
    config = loadConfig({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.url, PUBLIC_URL: 'https://shop.example.com', BOT_MODE: 'webhook' });
    const logger = createLogger({ level: 'silent' });
    const bot = createBot({ config, db: database.db, logger, botInfo: tg.botInfo });
    webhook = createTelegramWebhook(bot, { config, logger });
    app = await startTestApp(database, { telegramWebhook: { path: webhook.path, handler: webhook.handler } });
    const running = await startBot(bot, { config, logger, webhook });
    expect(running.mode).toBe('webhook');
  });
  afterAll(async () => {
    await app?.close();
    await tg?.close();
    await database?.destroy();
  });

  const post = (body: unknown, secret: string | undefined, path = webhook.path) =>
    fetch(`${app.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret === undefined ? {} : { 'x-telegram-bot-api-secret-token': secret }) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('registers PUBLIC_URL/telegram/<secret> with a secret token at start', () => {
    expect(webhook.path).toMatch(/^\/telegram\/[A-Za-z0-9_-]{32,}$/);
    expect(tg.webhook?.url).toBe(`https://shop.example.com${webhook.path}`);
    expect(tg.webhook?.secretToken).toBe(webhook.secretToken);
    expect(webhook.path).not.toContain(config.botToken);
  });

  it('handles an update with the right secret header', async () => {
    const update = { update_id: 5001, message: { message_id: 1, date: 1, chat: { id: 1201, type: 'private', first_name: 'A' }, from: { id: 1201, is_bot: false, first_name: 'A', language_code: 'en' }, text: '/help', entities: [{ type: 'bot_command', offset: 0, length: 5 }] } };
    const reply = tg.waitForReply(1201);
    const res = await post(update, webhook.secretToken);
    expect(res.status).toBe(200);
    expect((await reply).text).toContain('Commands:');
  });

  it('refuses a wrong or missing secret, bodies that are not updates, and oversized bodies', async () => {
    const update = { update_id: 5002, message: { message_id: 2, date: 1, chat: { id: 1202, type: 'private', first_name: 'B' }, text: '/help' } };
    expect((await post(update, 'wrong')).status).toBe(401);
    expect((await post(update, undefined)).status).toBe(401);
    expect((await post('{nope', webhook.secretToken)).status).toBe(400);
    expect((await post([1, 2], webhook.secretToken)).status).toBe(400);
    expect((await post({ hello: 'world' }, webhook.secretToken)).status).toBe(400);
    expect((await post({ update_id: 1, pad: 'x'.repeat(2 * 1024 * 1024) }, webhook.secretToken)).status).toBe(413);
    expect((await post(update, webhook.secretToken, '/telegram/guess')).status).toBe(404);
    expect(tg.messagesTo(1202)).toHaveLength(0);
  });
});
