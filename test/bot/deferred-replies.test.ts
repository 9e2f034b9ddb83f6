import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { loadConfig } from '../../src/platform/config/config.js';
import { createLogger } from '../../src/platform/observability/logger.js';
import { createBot } from '../../src/bot/bot.js';
import { startBot, type RunningBot } from '../../src/bot/run.js';
import { sendReply } from '../../src/bot/reply.js';
import { ensureBusiness } from '../../src/features/shops/businesses.js';
import { chats, outbox } from '../../src/platform/db/schema.js';
import { createLimitsTransformer } from '../../src/platform/telegram/gateway-transformer.js';
import { createRateLimiter } from '../../src/platform/outbox/send-budget.js';
import { replyPayloadSchema } from '../../src/platform/outbox/reply-job.js';
import type { OutgoingMessage } from '../../src/platform/telegram/outgoing.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/databases.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';

/**
 * sendReply under the real send budgets (a group: 20 a minute): what cannot go out within about
 * a second waits in the outbox, and a picture that already went is not sent twice.
 */
const GROUP = -1_000_888_001;
/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const LONG = 'Звіт '.repeat(300).trim();

describe.each(databaseKinds)('replies without a send budget (%s)', (kind) => {
  let database: TestDatabase;
  let tg: FakeTelegram;
  let running: RunningBot;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    tg = await startFakeTelegram({ enforceLimits: true });
    const config = loadConfig({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.url, PUBLIC_URL: 'https://shop.example.com' });
    const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
    const { business } = await ensureBusiness(database.db, { ownerUserId: 888_001, ownerChatId: 888_001, chatType: 'private', defaultLowCashKop: 0 });
    await database.db.insert(chats).values({ chatId: GROUP, businessId: business.id, type: 'supergroup', role: 'member' });
    const bot = createBot({
      config,
      db: database.db,
      logger,
      botInfo: tg.botInfo,
      apiTransformers: [createLimitsTransformer({ limiter: createRateLimiter(database.db), maxWaitMs: 1_000 })],
    });
    // A reply of a picture and a text too long for its caption (a long report), on a command no feature takes.
    bot.command('chart', async (ctx) => {
      const message: OutgoingMessage = { text: LONG, plainText: LONG, parseMode: 'HTML', photo: { bytes: PNG, filename: 'chart.png' } };
      await sendReply(ctx, message, logger);
    });
    running = await startBot(bot, { config, logger });
  });
  afterAll(async () => {
    await running?.stop();
    await tg?.close();
    await database?.destroy();
  });

  const replyJobs = () =>
    database.db.select({ payload: outbox.payload }).from(outbox).where(and(eq(outbox.chatId, GROUP), eq(outbox.kind, 'reply')));

  it("the picture goes now; its text, with no budget left in the group's minute, waits in the outbox without the picture", async () => {
    const started = Date.now();
    tg.userMessage({ chatId: GROUP, text: `/chart@${tg.botInfo.username}`, chatType: 'supergroup', fromId: 888_002 });
    await tg.waitFor((m) => m.chatId === GROUP && m.method === 'sendPhoto');
    for (let i = 0; i < 250 && (await replyJobs()).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(Date.now() - started).toBeLessThan(3_000);
    const [job] = await replyJobs();
    const payload = replyPayloadSchema.parse(job!.payload);
    expect(payload.text).toBe(LONG);
    expect(payload.attachment).toBeUndefined();
    expect(tg.messagesTo(GROUP).map((m) => m.method)).toEqual(['sendPhoto']);

    // The next reply to the group queues behind it, picture and all.
    tg.userMessage({ chatId: GROUP, text: `/chart@${tg.botInfo.username}`, chatType: 'supergroup', fromId: 888_002 });
    for (let i = 0; i < 250 && (await replyJobs()).length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    const second = replyPayloadSchema.parse((await replyJobs())[1]!.payload);
    expect(second.attachment?.type).toBe('photo');
    expect(tg.messagesTo(GROUP)).toHaveLength(1);
  });
});
