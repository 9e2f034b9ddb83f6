import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { Api } from 'grammy';
import { outbox } from '../../src/platform/db/schema.js';
import type { Business } from '../../src/features/shops/businesses.js';
import { createServiceRenderer } from '../../src/service.js';
import type { OutboxJob } from '../../src/platform/outbox/outbox.js';
import { databaseKinds } from '../support/databases.js';
import { fixture } from '../support/fixtures.js';
import { registerOwner, startBotHarness, storeCheck, type BotHarness } from '../support/bot-harness.js';
import { documentBytes } from '../support/documents.js';

const A = 901;
const B = 902;

describe.each(databaseKinds)('isolation between businesses, and the PDF button (%s)', (kind) => {
  let h: BotHarness;
  let a: Business;
  let b: Business;
  let aCheck: number;
  beforeAll(async () => {
    h = await startBotHarness(kind);
    a = await registerOwner(h, A);
    b = await registerOwner(h, B);
    aCheck = await storeCheck(h, a.id, fixture('sale-cash'));
    await storeCheck(h, b.id, fixture('return'));
  });
  afterAll(async () => h?.close());

  const jobsOf = async (chatId: number, kind: string) =>
    h.database.db.select().from(outbox).where(and(eq(outbox.chatId, chatId), eq(outbox.kind, kind)));

  /** Sends the sale alert for A's check to A, as the delivery worker would. */
  async function deliverSaleAlert(): Promise<void> {
    const [job] = await jobsOf(A, 'sale');
    const message = (await createServiceRenderer({ db: h.database.db, config: h.config }).render(job as unknown as OutboxJob))!;
    await new Api(h.config.botToken, { apiRoot: h.config.telegramApiRoot }).sendMessage(A, message.text, {
      parse_mode: 'HTML',
      reply_markup: message.replyMarkup!,
    });
  }

  it("another business's uuid in /receipt gets the same 'not found' as no check at all", async () => {
    const uuid = fixture('sale-cash').uuid;
    expect((await h.say(A, `/receipt ${uuid}`)).method).toBe('sendDocument');
    expect((await h.say(B, `/receipt ${uuid}`)).text).toBe('Чек не знайдено.');
    expect((await h.say(B, '/receipt 11111111-2222-3333-4444-555555555555')).text).toBe('Чек не знайдено.');
  });

  it("/today of one business never counts the other's checks", async () => {
    const aToday = (await h.say(A, '/today')).text;
    const bToday = (await h.say(B, '/today')).text;
    expect(aToday).toContain('Продажі: 1 чек · 148,60 ₴');
    expect(aToday).not.toContain('Повернення');
    expect(bToday).toContain('Продажі: 0 чеків');
    expect(bToday).toContain('Повернення: 1 чек · 28,90 ₴');
  });

  it('the PDF button queues a receipt_pdf job for the pressing chat (not sent from the handler)', async () => {
    await deliverSaleAlert();
    const before = h.tg.sent.length;
    h.tg.pressButton({ chatId: A, button: 'PDF' });
    const answer = await waitUntil(() => h.tg.callbackAnswers.find((c) => c.text === 'Надсилаю PDF…'));
    expect(answer.showAlert).toBe(false);
    const jobs = await jobsOf(A, 'receipt_pdf');
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ businessId: a.id, checkId: aCheck, status: 'pending' });
    expect(h.tg.sent.length).toBe(before);

    // The worker's rendering of it is the exact PDF.
    const rendered = await createServiceRenderer({ db: h.database.db, config: h.config }).render(jobs[0] as unknown as OutboxJob);
    expect(documentBytes(rendered!.document!).equals(Buffer.from(fixture('sale-cash').pdf, 'base64'))).toBe(true);
  });

  it("a chat of another business pressing forged PDF data gets 'not found', and nothing is queued", async () => {
    const reply = h.tg.waitForReply(B);
    h.tg.userMessage({ chatId: B, text: '/help' });
    await reply;
    h.tg.callbackQuery({ chatId: B, data: `pdf:${aCheck}` });
    const answer = await waitUntil(() => h.tg.callbackAnswers.find((c) => c.text === 'Чек не знайдено.'));
    expect(answer.showAlert).toBe(true);
    expect(await jobsOf(B, 'receipt_pdf')).toHaveLength(0);

    const unknownChat = h.tg.waitForReply(990);
    h.tg.userMessage({ chatId: 990, text: '/help' });
    await unknownChat;
    h.tg.callbackQuery({ chatId: 990, data: `pdf:${aCheck}` });
    await waitUntil(() => h.tg.callbackAnswers.filter((c) => c.text === 'Чек не знайдено.').length === 2 || undefined);
    expect(await jobsOf(990, 'receipt_pdf')).toHaveLength(0);

    // Garbage callback data is answered and ignored.
    h.tg.callbackQuery({ chatId: B, data: 'pdf:1;drop table checks' });
    await waitUntil(() => h.tg.callbackAnswers.length >= 4 || undefined);
    expect(await jobsOf(B, 'receipt_pdf')).toHaveLength(0);
  });
});

async function waitUntil<T>(probe: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
