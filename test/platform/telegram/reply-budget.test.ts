import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from 'grammy';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../../src/platform/db/rows.js';
import { createLimitsTransformer, SendBudgetExhausted } from '../../../src/platform/telegram/gateway-transformer.js';
import { createRateLimiter } from '../../../src/platform/outbox/send-budget.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram.js';

/** Telegram's own figures: a group gets 20 messages a minute (one every 3.3 s with our margin). */
describe.each(databaseKinds)('the reply budget: send within a second or not at all (%s)', (kind) => {
  let database: TestDatabase;
  let tg: FakeTelegram;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    tg = await startFakeTelegram({ enforceLimits: true });
  });
  afterAll(async () => {
    await tg?.close();
    await database?.destroy();
  });

  const notBefore = async (chatId: number) =>
    (await queryRows<{ at: string | Date | null }>(database.db, sql`select not_before as at from chat_leases where chat_id = ${chatId}::bigint`))[0]?.at;

  it('tryAcquire reserves a slot within maxWaitMs, and reserves nothing when it is further away', async () => {
    const limiter = createRateLimiter(database.db);
    const GROUP = -1_000_777_001;
    expect(await limiter.tryAcquire(GROUP, 1_000)).toBe(true);
    const booked = String(await notBefore(GROUP));
    const started = Date.now();
    expect(await limiter.tryAcquire(GROUP, 1_000)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
    // Refused without moving the budget: the next message still goes at the booked slot.
    expect(String(await notBefore(GROUP))).toBe(booked);
    // A private chat's burst of 3 is within reach; the 4th is over a second away.
    const PERSON = 777_002;
    for (let i = 0; i < 3; i++) expect(await limiter.tryAcquire(PERSON, 1_000)).toBe(true);
    expect(await limiter.tryAcquire(PERSON, 500)).toBe(false);
  });

  it('the bot Api throws SendBudgetExhausted instead of sleeping, and on a 429 (after pushing the budget back)', async () => {
    const limiter = createRateLimiter(database.db);
    const api = new Api(tg.token, { apiRoot: tg.url });
    api.config.use(createLimitsTransformer({ limiter, maxWaitMs: 1_000 }));
    const GROUP = -1_000_777_003;
    await api.sendMessage(GROUP, 'one');
    const started = Date.now();
    const refused = await api.sendMessage(GROUP, 'two').catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(SendBudgetExhausted);
    expect((refused as SendBudgetExhausted).reason).toBe('budget');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(tg.messagesTo(GROUP).map((m) => m.text)).toEqual(['one']);

    const PERSON = 777_004;
    tg.failNext(1, { status: 429, retryAfter: 30 }, { methods: ['sendMessage'] });
    const limited = await api.sendMessage(PERSON, 'three').catch((err: unknown) => err);
    expect((limited as SendBudgetExhausted).reason).toBe('rate_limited');
    // retry_after pushed the chat's budget 30 s out: the next reply is refused at once.
    expect(await limiter.tryAcquire(PERSON, 1_000)).toBe(false);
  });
});
