import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config/config.js';
import { createLogger } from '../../src/platform/observability/logger.js';
import { createBot } from '../../src/bot/bot.js';
import { startBot, type RunningBot } from '../../src/bot/run.js';
import { sendReply } from '../../src/bot/reply.js';
import type { OutgoingMessage } from '../../src/platform/telegram/outgoing.js';
import { TEXT_LIMIT } from '../../src/platform/telegram/limits.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';

/**
 * Bot replies go through the outbox's send core (platform/telegram/send-core.ts) with its one fallback
 * rule: a reply Telegram refuses as rendered (our HTML, a text over 4096) goes as its plain
 * text, cut to Telegram's length, instead of failing.
 */
describe('bot replies through the one send core', () => {
  let database: TestDatabase;
  let tg: FakeTelegram;
  let running: RunningBot;
  const LONG = 'Чек 1234 · 100,00 ₴\n'.repeat(300);

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    tg = await startFakeTelegram();
    const config = loadConfig({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.url });
    const logger = createLogger({ level: 'silent' });
    const bot = createBot({ config, db: database.db, logger, botInfo: tg.botInfo });
    const replyWith = (command: string, message: OutgoingMessage) =>
      bot.command(command, async (ctx) => {
        await sendReply(ctx, message, logger);
      });
    replyWith('long', { text: LONG, plainText: LONG, parseMode: 'HTML' });
    replyWith('broken', { text: '<b>Звіт <i>unclosed', plainText: 'Звіт unclosed', parseMode: 'HTML' });
    running = await startBot(bot, { config, logger });
  });
  afterAll(async () => {
    await running?.stop();
    await tg?.close();
    await database?.destroy();
  });

  it('cuts a reply longer than 4096 characters instead of failing', async () => {
    expect(LONG.length).toBeGreaterThan(TEXT_LIMIT);
    const answer = tg.waitForReply(-1_000_140_001);
    tg.userMessage({ chatId: -1_000_140_001, text: `/long@${tg.botInfo.username}`, chatType: 'supergroup', fromId: 1401 });
    const sent = await answer;
    expect(sent.text).toHaveLength(TEXT_LIMIT);
    expect(sent.text.endsWith('…')).toBe(true);
    expect(LONG.startsWith(sent.text.slice(0, -1).trimEnd())).toBe(true);
  });

  it('sends the plain text of a reply whose HTML Telegram refuses', async () => {
    const answer = tg.waitForReply(-1_000_140_002);
    tg.userMessage({ chatId: -1_000_140_002, text: `/broken@${tg.botInfo.username}`, chatType: 'supergroup', fromId: 1402 });
    expect((await answer).text).toBe('Звіт unclosed');
  });
});
