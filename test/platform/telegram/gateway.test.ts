import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Api } from 'grammy';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../../src/platform/db/rows.js';
import { createMetrics } from '../../../src/platform/observability/metrics.js';
import { telegramSendEvents } from '../../../src/platform/observability/telegram-sends.js';
import { createTelegramGateway } from '../../../src/platform/telegram/gateway.js';
import { cut } from '../../../src/platform/telegram/limits.js';
import { createLimitsTransformer } from '../../../src/platform/telegram/gateway-transformer.js';
import { createRateLimiter } from '../../../src/platform/outbox/send-budget.js';
import type { OutgoingMessage } from '../../../src/platform/telegram/outgoing.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram.js';

const LIMITS = { globalPerSecond: 100, privatePerSecond: 10, privateBurst: 3, groupPerMinute: 600 };

const message = (text: string, extra: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  text,
  parseMode: 'HTML',
  plainText: text.replace(/<[^>]+>/g, ''),
  ...extra,
});

describe.each(databaseKinds)('telegram gateway and shared limits on %s', (kind) => {
  let database: TestDatabase;
  let tg: FakeTelegram;
  let nextChat = 900_000;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.destroy();
  });
  beforeEach(async () => {
    tg = await startFakeTelegram({ enforceLimits: LIMITS });
  });
  afterEach(async () => {
    await tg.close();
  });

  it('shares one chat budget between limiters of different processes: a burst, then the interval', async () => {
    const chat = nextChat++;
    const a = createRateLimiter(database.db, { limits: LIMITS });
    const b = createRateLimiter(database.db, { limits: LIMITS });
    const started = Date.now();
    const done: number[] = [];
    for (let i = 0; i < 6; i++) {
      await (i % 2 === 0 ? a : b).acquire(chat);
      done.push(Date.now() - started);
    }
    // Three at once, then one per interval (1000 / (10 · 0.9) ≈ 111 ms), whichever limiter asks:
    // two budgets of their own would have let all six go at once.
    const interval = a.rules.privateChat.intervalMs;
    expect(done[5]!).toBeGreaterThanOrEqual(3 * interval - 15);
  });

  it('keeps the overall budget across chats and limiters', async () => {
    const limits = { ...LIMITS, globalPerSecond: 20 };
    const a = createRateLimiter(database.db, { limits });
    const b = createRateLimiter(database.db, { limits });
    // A fresh bucket: wait out whatever an earlier test left in the shared one.
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).acquire(nextChat++)));
    // 10 messages at 18 a second: the last goes about 9 intervals after the first.
    expect(Date.now() - started).toBeGreaterThanOrEqual(9 * a.rules.global.intervalMs - 15);
  });

  it('sends text and documents, and classifies what Telegram answers', async () => {
    const metrics = createMetrics();
    const gateway = createTelegramGateway({
      token: tg.token,
      apiRoot: tg.url,
      limiter: createRateLimiter(database.db, { limits: LIMITS }),
      events: telegramSendEvents({ metrics }),
      timeoutSeconds: 2,
    });
    const chat = nextChat++;
    const sent = await gateway.send(chat, message('<b>Sale</b> 1 234,50 ₴', { replyMarkup: { inline_keyboard: [[{ text: 'PDF', callback_data: 'pdf:1' }]] } }));
    expect(sent).toEqual({ ok: true, messageId: expect.any(Number) });
    expect(tg.messagesTo(chat)[0]).toMatchObject({ text: 'Sale 1 234,50 ₴', parseMode: 'HTML' });

    const doc = await gateway.send(chat, message('<b>Receipt</b>', { document: { bytes: Buffer.from('%PDF-1.4'), filename: 'r.pdf' } }));
    expect(doc.ok).toBe(true);
    expect(tg.messagesTo(chat)[1]).toMatchObject({ method: 'sendDocument', caption: 'Receipt' });
    expect(tg.messagesTo(chat)[1]!.document?.bytes.toString()).toBe('%PDF-1.4');

    const broken = await gateway.send(chat, message('<b>unclosed', { plainText: 'unclosed' }));
    expect(broken).toMatchObject({ ok: false, failure: { kind: 'bad_request' } });
    const plain = await gateway.send(chat, message('<b>unclosed', { plainText: 'x'.repeat(5000) }), 'plain');
    expect(plain.ok).toBe(true);
    expect(tg.messagesTo(chat)[2]).toMatchObject({ parseMode: undefined, replyMarkup: undefined });
    expect(tg.messagesTo(chat)[2]!.text).toHaveLength(4096);

    const blocked = nextChat++;
    tg.blockChat(blocked);
    expect(await gateway.send(blocked, message('hi'))).toMatchObject({ ok: false, failure: { kind: 'chat_gone' } });
    tg.failNext(1, { status: 502 });
    expect(await gateway.send(chat, message('hi'))).toMatchObject({ ok: false, failure: { kind: 'retryable' } });
    tg.failNext(1, 'drop');
    expect(await gateway.send(chat, message('hi'))).toMatchObject({ ok: false, failure: { kind: 'retryable' } });

    const text = await metrics.registry.metrics();
    expect(text).toMatch(/telegram_sends_total\{method="sendMessage",result="ok"\} 2/);
    expect(text).toMatch(/telegram_sends_total\{method="sendDocument",result="ok"\} 1/);
    expect(text).toMatch(/telegram_sends_total\{method="sendMessage",result="chat_gone"\} 1/);
    expect(text).toMatch(/telegram_sends_total\{method="sendMessage",result="network_error"\} 1/);
  });

  it('sends the text alone to a chat that refuses photos or documents, and says so', async () => {
    const gateway = createTelegramGateway({
      token: tg.token,
      apiRoot: tg.url,
      limiter: createRateLimiter(database.db, { limits: LIMITS }),
      timeoutSeconds: 2,
    });
    const group = -(nextChat++);
    tg.setBotRights(group, { photos: false, documents: false });
    const bmp = Buffer.from('BM-chart');
    const chart = await gateway.send(group, message('<b>Summary</b> 1 234,50 ₴', { photo: { bytes: bmp, filename: 's.bmp' } }));
    expect(chart).toEqual({ ok: true, messageId: expect.any(Number), withoutMedia: '400: Bad Request: not enough rights to send photos to the chat' });
    // A caption too long for the photo: the photo is refused first, the text still goes once.
    const long = 'x'.repeat(2000);
    expect((await gateway.send(group, message(long, { photo: { bytes: bmp, filename: 's.bmp' } }))).ok).toBe(true);
    const pdf = await gateway.send(
      group,
      message('<b>Receipt</b>', { document: { bytes: Buffer.from('%PDF-1.4'), filename: 'r.pdf' }, withoutMedia: { text: '<b>Receipt</b> https://e.example/r', plainText: 'Receipt https://e.example/r' } }),
    );
    expect(pdf).toMatchObject({ ok: true, withoutMedia: expect.stringContaining('documents') });
    expect(tg.messagesTo(group).map((m) => [m.method, m.text])).toEqual([
      ['sendMessage', 'Summary 1 234,50 ₴'],
      ['sendMessage', long],
      ['sendMessage', 'Receipt https://e.example/r'],
    ]);
    // No text either: the refusal of the text is what the caller sees.
    tg.setBotRights(group, { text: false });
    expect(await gateway.send(group, message('<b>Summary</b>', { photo: { bytes: bmp, filename: 's.bmp' } }))).toMatchObject({
      ok: false,
      failure: { kind: 'no_rights' },
    });
  });

  it("gives the bot's own Api the same limits: a 429 there holds the chat back for retry_after", async () => {
    const limiter = createRateLimiter(database.db, { limits: LIMITS });
    const api = new Api(tg.token, { apiRoot: tg.url });
    api.config.use(createLimitsTransformer({ limiter }));
    const chat = nextChat++;
    tg.failNext(1, { status: 429, retryAfter: 2 }, { methods: ['sendMessage'] });
    await expect(api.sendMessage(chat, 'hello')).rejects.toMatchObject({ error_code: 429 });
    const [row] = await queryRows<{ wait_ms: string | number }>(
      database.db,
      sql`select extract(epoch from (not_before - now())) * 1000 as wait_ms from chat_leases where chat_id = ${chat}::bigint`,
    );
    expect(Number(row!.wait_ms)).toBeGreaterThan(1500);
    // The next reply to that chat waits for it; replies elsewhere do not.
    const other = nextChat++;
    const t0 = Date.now();
    await api.sendMessage(other, 'elsewhere');
    expect(Date.now() - t0).toBeLessThan(1_000);
    await api.sendMessage(chat, 'later');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1500);
    // getMe and other non-sending calls are not counted.
    await api.getMe();
  });

  it('pauses every chat when several chats are refused at once (Telegram throttling the whole bot)', async () => {
    const limiter = createRateLimiter(database.db, { limits: LIMITS, floodChats: 3 });
    for (let i = 0; i < 3; i++) await limiter.penalize(nextChat++, 1000);
    const t0 = Date.now();
    await limiter.acquire(nextChat++);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
  });
});

describe('cut', () => {
  it('keeps Telegram lengths without splitting a surrogate pair', () => {
    expect(cut('abc', 5)).toBe('abc');
    expect(cut('abcdef', 4)).toBe('abc…');
    const cutEmoji = cut('ab😀cd', 4);
    expect(cutEmoji).toBe('ab…');
  });
});
