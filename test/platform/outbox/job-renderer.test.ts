import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { Api, InputFile } from 'grammy';
import { businesses, outbox } from '../../../src/platform/db/schema.js';
import { parseCheck } from '../../../src/features/ingest/normalise.js';
import { ingestCheck } from '../../../src/features/ingest/ingest.js';
import { findChat, setChatLang } from '../../../src/features/shops/chats.js';
import { setThreshold } from '../../../src/features/watchdog/thresholds.js';
import { findBusinessById, type Business } from '../../../src/features/shops/businesses.js';
import { setShopName } from '../../../src/features/shops/shop-name.js';
import { createServiceRenderer, jobDefinitions } from '../../../src/service.js';
import type { OutboxJob } from '../../../src/platform/outbox/outbox.js';
import { createJobRenderer, type JobRenderer } from '../../../src/platform/outbox/job-renderer.js';
import type { Logger } from '../../../src/platform/observability/logger.js';
import type { OutgoingMessage } from '../../../src/platform/telegram/outgoing.js';
import { createBusiness } from '../../support/app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';
import { fixture, variant } from '../../support/fixtures.js';
import { startFakeTelegram, type FakeTelegram, type SentMessage } from '../../support/fake-telegram.js';
import { documentBytes } from '../../support/documents.js';

const TZ = 'Europe/Kyiv';
const NASTY = [
  '<b>Вино</b> "Шато" & Co',
  '*Markdown* _italic_ `code` [link](http://evil) ~strike~ ||spoiler||',
  '</a><a href="javascript:x">',
  '&amp; &lt; &#60; 5 > 3 < 4',
  'Emoji 🍎🍏 and \\ backslash',
];

describe.each(databaseKinds)('job renderer through the fake Telegram (%s)', (kind) => {
  let database: TestDatabase;
  let tg: FakeTelegram;
  let api: Api;
  let renderer: JobRenderer;
  let business: Business;
  let owner: number;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    tg = await startFakeTelegram();
    api = new Api(tg.token, { apiRoot: tg.url });
    renderer = createServiceRenderer({ db: database.db, config: { businessTz: TZ } });
    business = await createBusiness(database);
    owner = business.ownerUserId;
  });
  afterAll(async () => {
    await tg?.close();
    await database?.destroy();
  });

  async function store(body: Record<string, unknown>): Promise<number> {
    const parsed = parseCheck(body, TZ);
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    // Fresh, as the webhook route loads it per request: thresholds may have changed.
    const current = (await findBusinessById(database.db, business.id))!;
    return (await ingestCheck(database.db, current, parsed.check)).checkId;
  }

  async function jobFor(checkId: number, kindOf = 'sale'): Promise<OutboxJob> {
    const [row] = await database.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.checkId, checkId), eq(outbox.kind, kindOf)));
    return { ...row!, kind: row!.kind, payload: row!.payload as Record<string, unknown> };
  }

  /** Sends as the gateway does; the fake refuses bad HTML, over-long text and bad buttons. */
  async function send(message: OutgoingMessage): Promise<SentMessage> {
    const reply = tg.waitForReply(owner);
    if (message.document) {
      await api.sendDocument(owner, new InputFile(documentBytes(message.document), message.document.filename), {
        caption: message.text,
        parse_mode: 'HTML',
      });
    } else {
      await api.sendMessage(owner, message.text, { parse_mode: 'HTML', ...(message.replyMarkup ? { reply_markup: message.replyMarkup } : {}) });
    }
    return reply;
  }

  it('a sale alert with product names full of <>&" and Markdown arrives verbatim', async () => {
    const checkId = await store(
      variant('sale-cash', 'nasty-names', (c) => {
        c.check_data.products = NASTY.map((name) => ({ name, amount: 1, price: 1, cost: 1, unit_name: '<шт>' }));
        c.check_data.total_sum = 5;
        c.check_data.round_sum = 0;
        c.check_data.payments = [{ code: 0, name: 'ГОТІВКА', sum: 5 }];
      }),
    );
    const sent = await send((await renderer.render(await jobFor(checkId)))!);
    for (const name of NASTY) expect(sent.text).toContain(name);
    expect(sent.text).toContain('1 <шт> × 1,00 ₴ = 1,00 ₴');
    expect(sent.text).toContain('Разом: 5,00 ₴');
    const buttons = (sent.replyMarkup as { inline_keyboard: Array<Array<{ text: string; url?: string; callback_data?: string }>> }).inline_keyboard[0]!;
    expect(buttons.map((b) => b.text)).toEqual(['Чек онлайн', 'PDF']);
    expect(buttons[1]!.callback_data).toBe(`pdf:${checkId}`);
  });

  it('the long check (fixture long-check) fits one message and keeps its total', async () => {
    const body = fixture('long-check');
    const checkId = await store(body);
    const sent = await send((await renderer.render(await jobFor(checkId)))!);
    expect(sent.text.length).toBeLessThanOrEqual(4096);
    const shown = sent.text.split('\n').filter((l) => /^\d+\. Товар/.test(l)).length;
    expect(sent.text).toContain(`…і ще ${body.check_data.products.length - shown}`);
    expect(sent.text).toContain('Разом: 9 212,50 ₴');
    expect(sent.text).toContain('Готівка: 9 212,50 ₴');
  });

  it('a 400-item check too', async () => {
    const checkId = await store(
      variant('long-check', 'four-hundred', (c) => {
        const base = c.check_data.products[0];
        c.check_data.products = Array.from({ length: 400 }, (_, i) => ({ ...base, name: `Позиція ${i + 1} <&>` }));
      }),
    );
    const sent = await send((await renderer.render(await jobFor(checkId)))!);
    const shown = sent.text.split('\n').filter((l) => /^\d+\. Позиція/.test(l)).length;
    expect(shown).toBeGreaterThan(20);
    expect(sent.text).toContain(`…і ще ${400 - shown}`);
    expect(sent.text).toContain('Разом: 9 212,50 ₴');
  });

  it('renders in the chat language chosen with /lang', async () => {
    await setChatLang(database.db, owner, 'en');
    try {
      const checkId = await store(variant('return', 'english-return'));
      const sent = await send((await renderer.render(await jobFor(checkId)))!);
      expect(sent.text).toContain('Return · Cash desk 50037129');
      expect(sent.text).toContain('Total: 28,90 ₴');
    } finally {
      await setChatLang(database.db, owner, 'uk');
    }
  });

  it('low-cash and high-cash alerts name the desk, the drawer and the threshold in force', async () => {
    await store(variant('offline-lenient', 'cash-0'));
    expect(await setThreshold(database.db, { businessId: business.id, kind: 'low', kop: 200_000 })).toBe('ok');
    expect(await setThreshold(database.db, { businessId: business.id, kind: 'high', numFiscal: '50037130', kop: 5_000 })).toBe('ok');
    const low = await store(variant('sale-cash', 'cash-2', (c) => Object.assign(c, { cash_in_box: 1000.5, ORDERTIME: '23:00:00' })));
    const lowSent = await send((await renderer.render(await jobFor(low, 'low_cash')))!);
    expect(lowSent.text).toBe('⚠️ Мало готівки в касі 50037129\nУ шухляді: 1 000,50 ₴\nПоріг: 2 000,00 ₴');
    const high = await store(variant('offline-lenient', 'cash-3', (c) => (c.cash_in_box = 90.1)));
    const highSent = await send((await renderer.render(await jobFor(high, 'high_cash')))!);
    expect(highSent.text).toContain('Багато готівки в касі 50037130');
    expect(highSent.text).toContain('У шухляді: 90,10 ₴');
    expect(highSent.text).toContain('Поріг: 50,00 ₴');
  });

  it('receipt_pdf: the stored PDF as a document with its caption; nothing when the check is gone', async () => {
    const checkId = await store(variant('sale-card', 'pdf-job'));
    const job: OutboxJob = { ...(await jobFor(checkId)), kind: 'receipt_pdf' };
    const sent = await send((await renderer.render(job))!);
    expect(sent.method).toBe('sendDocument');
    expect(documentBytes(sent.document!).equals(Buffer.from(fixture('sale-card').pdf, 'base64'))).toBe(true);
    expect(sent.caption).toBe('Чек № DEV_00000228ebcff · 27.11.2026 11:02 · 689,00 ₴');
    expect(await renderer.render({ ...job, checkId: 99_999_999 })).toBeNull();
    expect(await renderer.render({ ...job, businessId: business.id + 1000 })).toBeNull();
  });

  it('daily_summary renders the figures of the date in the payload', async () => {
    const job: OutboxJob = { ...(await jobFor(await store(variant('sale-cash', 'summary-1')))), kind: 'daily_summary', checkId: null, payload: { date: '2026-11-27' } };
    const sent = await send((await renderer.render(job))!);
    expect(sent.text).toContain('Z-звіт за 27.11.2026');
    expect(sent.text).toContain('Топ товарів');
    expect(sent.text).toContain('Тиждень тому (пт, 20.11.2026): продажів не було');
  });

  it("daily_summary names the shop in its header: 'Магазин № N' until named, then the name as given", async () => {
    const job: OutboxJob = { ...(await jobFor(await store(variant('sale-cash', 'summary-named-1')))), kind: 'daily_summary', checkId: null, payload: { date: '2026-11-27' } };
    expect((await send((await renderer.render(job))!)).text.split('\n')[0]).toBe(`📊 Магазин № ${business.id} · Z-звіт за 27.11.2026`);
    await setShopName(database.db, business.id, '<b>Кава</b> & "Чай"');
    try {
      expect((await send((await renderer.render(job))!)).text.split('\n')[0]).toBe('📊 <b>Кава</b> & "Чай" · Z-звіт за 27.11.2026');
    } finally {
      await database.db.update(businesses).set({ name: null }).where(eq(businesses.id, business.id));
    }
  });

  it('notice jobs render from their key; unreadable payloads render as nothing', async () => {
    const base = await jobFor(await store(variant('sale-cash', 'notice-1')));
    const sent = await send((await renderer.render({ ...base, kind: 'notice', checkId: null, payload: { key: 'chat_left', args: { title: 'Група <Склад>' } } }))!);
    expect(sent.text).toContain('Група <Склад>');
    expect(await renderer.render({ ...base, kind: 'notice', payload: { key: 'nope' } })).toBeNull();
    expect(await renderer.render({ ...base, kind: 'low_cash', payload: {} })).toBeNull();
    expect(await renderer.render({ ...base, kind: 'daily_summary', payload: { date: 'yesterday' } })).toBeNull();
    expect(await renderer.render({ ...base, kind: 'mystery' })).toBeNull();
  });

  it('a digest merges pending sale alerts of one chat into one message', async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await store(variant('sale-cash', `digest-${i}`, (c) => (c.ORDERNUM = `D<${i}>`))));
    const jobs = await Promise.all(ids.map((id) => jobFor(id)));
    const sent = await send((await renderer.renderDigest(jobs))!);
    expect(sent.text.split('\n')[0]).toBe('5 нових чеків');
    expect(sent.text).toContain('№ D<4> · 148,60 ₴');
    expect(sent.text).toContain('Продажі разом: 743,00 ₴');
  });

  it('reads the chat once per message and per digest, and hands that row to the topic and quiet hours', async () => {
    const found: number[] = [];
    const decorated: Array<{ chatId: number; lang: string | null }> = [];
    const logged: Array<Record<string, unknown>> = [];
    const counting = createJobRenderer({
      db: database.db,
      jobs: jobDefinitions,
      config: { businessTz: TZ },
      logger: { error: (fields: Record<string, unknown>) => logged.push(fields) } as unknown as Logger,
      chats: {
        find: async (db, chatId) => {
          found.push(chatId);
          return findChat(db, chatId);
        },
        decorate: (message, chat) => {
          decorated.push({ chatId: chat.chatId, lang: chat.lang });
          return { ...message, messageThreadId: 77 };
        },
      },
    });
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await store(variant('sale-cash', `once-${i}`)));
    const jobs = await Promise.all(ids.map((id) => jobFor(id)));
    expect((await counting.render(jobs[0]!))?.messageThreadId).toBe(77);
    expect(found).toEqual([owner]);
    expect((await counting.renderDigest(jobs))?.messageThreadId).toBe(77);
    expect(found).toEqual([owner, owner]);
    expect(decorated.map((d) => d.chatId)).toEqual([owner, owner]);
    // An unknown kind: logged by kind and problem, without its payload; no chat read for it.
    expect(await counting.render({ ...jobs[0]!, kind: 'mystery', payload: { secret: 'x' } })).toBeNull();
    expect(found).toHaveLength(2);
    expect(logged).toEqual([{ jobId: jobs[0]!.id, kind: 'mystery', problem: 'unknown kind' }]);
  });
});
