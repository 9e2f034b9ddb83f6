import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/platform/db/client.js';
import { loadConfig } from '../../src/platform/config/config.js';
import { createLogger } from '../../src/platform/observability/logger.js';
import { createBot } from '../../src/bot/bot.js';
import { launchBot, startBot, type RunningBot } from '../../src/bot/run.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';

/** A failing update (the database down) is answered, never silent, and polling goes on. */
describe('errors while handling updates', () => {
  let database: TestDatabase;
  let tg: FakeTelegram;
  let running: RunningBot;
  let broken = false;
  let db: Database;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    tg = await startFakeTelegram();
    db = new Proxy(database.db, {
      get(target, prop, receiver) {
        if (broken && (prop === 'select' || prop === 'transaction')) throw new Error('database is down');
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const config = loadConfig({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.url });
    const logger = createLogger({ level: 'silent' });
    running = await startBot(createBot({ config, db, logger, botInfo: tg.botInfo }), { config, logger });
  });
  afterAll(async () => {
    await running?.stop();
    await tg?.close();
    await database?.destroy();
  });

  it('tells the chat to try again, then serves the next update normally', async () => {
    broken = true;
    let reply = tg.waitForReply(1301);
    tg.userMessage({ chatId: 1301, text: '/start', languageCode: 'uk' });
    expect((await reply).text).toBe('Не вдалося виконати. Спробуйте ще раз трохи згодом.');

    broken = false;
    reply = tg.waitForReply(1301);
    tg.userMessage({ chatId: 1301, text: '/start', languageCode: 'uk' });
    expect((await reply).text).toContain('Ваш магазин зареєстровано');
  });

  it('409 Conflict (another process polls the same bot): retried with backoff, polling never stops for good', async () => {
    const busy = await startFakeTelegram();
    try {
      busy.failNext(2, { status: 409, description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running' }, { methods: ['getUpdates'] });
      const config = loadConfig({ BOT_TOKEN: busy.token, TELEGRAM_API_ROOT: busy.url });
      const logger = createLogger({ level: 'silent' });
      const polling = await startBot(createBot({ config, db, logger, botInfo: busy.botInfo }), { config, logger, retryDelayMs: 10 });
      try {
        const reply = busy.waitForReply(1303);
        busy.userMessage({ chatId: 1303, text: '/help', languageCode: 'en' });
        expect((await reply).text).toContain('Commands:');
        expect(busy.requests.filter((r) => r.method === 'getUpdates').map((r) => r.status).slice(0, 3)).toEqual([409, 409, 200]);
        expect(polling.status.snapshot().state).toBe('reached');
      } finally {
        await polling.stop();
      }
    } finally {
      await busy.close();
    }
  });

  it('starts even when Telegram cannot be reached at first: retries getMe, then polls', async () => {
    const down = await startFakeTelegram();
    try {
      down.failNext(3, { status: 502, description: 'Bad Gateway' }, { methods: ['getMe'] });
      const config = loadConfig({ BOT_TOKEN: down.token, TELEGRAM_API_ROOT: down.url });
      const logger = createLogger({ level: 'silent' });
      const late = launchBot(createBot({ config, db, logger }), { config, logger, retryDelayMs: 10 });
      try {
        await late.ready;
        expect(down.requests.filter((r) => r.method === 'getMe').map((r) => r.status)).toEqual([502, 502, 502, 200]);
        const reply = down.waitForReply(1302);
        down.userMessage({ chatId: 1302, text: '/help', languageCode: 'en' });
        expect((await reply).text).toContain('Commands:');
      } finally {
        await late.stop();
      }
    } finally {
      await down.close();
    }
  });
});
