import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { chats, outbox } from '../../../src/platform/db/schema.js';
import { queryRows } from '../../../src/platform/db/rows.js';
import { enqueueJobs } from '../../../src/platform/outbox/enqueue.js';
import { claimDueChats } from '../../../src/platform/outbox/chat-leases.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';
import {
  eventually,
  expectExactlyOnceInOrder,
  FAST_DELIVERY,
  startDeliveryHarness,
  type DeliveryHarness,
} from '../../support/delivery-harness.js';

let h: DeliveryHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function statuses(harness: DeliveryHarness, chatId: number): Promise<string[]> {
  const rows = await harness.database.db.select({ status: outbox.status }).from(outbox).where(eq(outbox.chatId, chatId)).orderBy(outbox.id);
  return rows.map((r) => r.status);
}

async function pendingCount(harness: DeliveryHarness): Promise<number> {
  const [row] = await queryRows<{ n: string | number }>(
    harness.database.db,
    sql`select count(*) as n from outbox where status = 'pending' and business_id = ${harness.business.id}`,
  );
  return Number(row?.n);
}

describe.each(databaseKinds)('delivery worker on %s', (kindName) => {
  // One database for the file (each test has its own business, chats and worker).
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kindName);
  });
  afterAll(async () => {
    await database.destroy();
  });
  it('sends nothing from the webhook, then every alert once and in order to every chat; /metrics shows it', async () => {
    h = await startDeliveryHarness(database, { startWorker: false });
    const member = 700_001;
    const group = -700_002;
    await h.addChat(member);
    await h.addChat(group);

    const first = await h.postSale();
    expect(h.tg.requests.filter((r) => r.method.startsWith('send'))).toHaveLength(0);
    const before = await (await fetch(`${h.app.url}/metrics`)).text();
    expect(before).toMatch(/^outbox_pending_jobs 3$/m);

    h.delivery.worker.start();
    const uuids = [first];
    for (let i = 0; i < 7; i++) uuids.push(await h.postSale());
    const harness = h;
    await eventually(() => [harness.ownerChat, member, group].every((c) => harness.deliveredTo(c).flat().length >= uuids.length), 10_000, 'all alerts');
    await eventually(async () => (await pendingCount(harness)) === 0, 5_000, 'all recorded as sent');

    for (const chat of [h.ownerChat, member, group]) expectExactlyOnceInOrder(h.deliveredTo(chat), uuids);
    expect(h.tg.requests.filter((r) => r.status === 429)).toHaveLength(0);

    const metrics = await (await fetch(`${h.app.url}/metrics`)).text();
    expect(metrics).toMatch(/^outbox_pending_jobs 0$/m);
    expect(metrics).toMatch(/^outbox_oldest_pending_age_seconds 0$/m);
    expect(metrics).toMatch(/^telegram_sends_total\{method="sendMessage",result="ok"\} \d+$/m);
    expect(metrics).toMatch(/^delivery_latency_seconds_count\{kind="sale"\} 24$/m);
  });

  it('honours retry_after of a burst of 429s for that chat, then delivers once and in order', async () => {
    h = await startDeliveryHarness(database);
    const member = 700_011;
    await h.addChat(member);
    let refused = 0;
    h.tg.setFault(({ method, params }) =>
      method === 'sendMessage' && Number(params.chat_id) === member && refused++ < 3 ? { status: 429, retryAfter: 1 } : undefined,
    );
    const uuids = [await h.postSale(), await h.postSale(), await h.postSale()];
    const harness = h;
    await eventually(() => [member, harness.ownerChat].every((c) => harness.deliveredTo(c).flat().length >= 3), 15_000, 'member and owner alerts');

    expectExactlyOnceInOrder(h.deliveredTo(member), uuids);
    expectExactlyOnceInOrder(h.deliveredTo(h.ownerChat), uuids);
    const toMember = h.tg.requests.filter((r) => r.method === 'sendMessage' && Number(r.params.chat_id) === member);
    for (let i = 1; i < toMember.length; i++) {
      if (toMember[i - 1]!.status === 429) {
        // The next try waited for retry_after (1 s), give or take the clocks' granularity.
        expect(toMember[i]!.at - toMember[i - 1]!.at).toBeGreaterThanOrEqual(950);
      }
    }
    expect(toMember.filter((r) => r.status === 429)).toHaveLength(3);
  });

  it('switches off a chat that blocked the bot at the first 403, and the owner still gets alerts', async () => {
    h = await startDeliveryHarness(database);
    const member = 700_021;
    await h.addChat(member);
    h.tg.blockChat(member);
    const uuids = [await h.postSale(), await h.postSale(), await h.postSale()];
    const harness = h;
    await eventually(() => harness.deliveredTo(harness.ownerChat).flat().length >= 3, 10_000, 'owner alerts');
    await eventually(async () => (await statuses(harness, member)).every((s) => s === 'dropped'), 5_000, 'member jobs dropped');

    expectExactlyOnceInOrder(h.deliveredTo(h.ownerChat), uuids);
    const [chat] = await h.database.db.select().from(chats).where(eq(chats.chatId, member));
    expect(chat).toMatchObject({ active: false, deactivatedReason: expect.stringContaining('blocked') });
    expect(h.tg.requests.filter((r) => Number(r.params.chat_id) === member)).toHaveLength(1);

    // A later check does not even try the blocked chat.
    const later = await h.postSale();
    await eventually(() => harness.deliveredTo(harness.ownerChat).flat().includes(later), 5_000, 'later alert');
    expect(h.tg.requests.filter((r) => Number(r.params.chat_id) === member)).toHaveLength(1);
  });

  it('follows a group to its supergroup id (64-bit) and sends its alerts there, in order', async () => {
    h = await startDeliveryHarness(database);
    const group = -700_031;
    const supergroup = -1_009_876_543_210_123;
    await h.addChat(group, 'group');
    h.tg.migrateChat(group, supergroup);
    const uuids = [await h.postSale(), await h.postSale(), await h.postSale()];
    const harness = h;
    await eventually(() => harness.deliveredTo(supergroup).flat().length >= 3, 10_000, 'supergroup alerts');

    expectExactlyOnceInOrder(h.deliveredTo(supergroup), uuids);
    expect(h.deliveredTo(group)).toEqual([]);
    const rows = await h.database.db.select({ chatId: chats.chatId, type: chats.type, active: chats.active }).from(chats).where(eq(chats.businessId, h.business.id));
    expect(rows).toContainEqual({ chatId: supergroup, type: 'supergroup', active: true });
    expect(rows).toContainEqual({ chatId: group, type: 'group', active: false });
    // A check after the move goes straight to the new id.
    const later = await h.postSale();
    await eventually(() => harness.deliveredTo(supergroup).flat().includes(later), 5_000, 'later alert');
    expect(h.tg.requests.filter((r) => Number(r.params.chat_id) === group)).toHaveLength(1);
  });

  it('sends the plain text of a message Telegram refuses as bad HTML, once, and goes on in order', async () => {
    let broken = '';
    h = await startDeliveryHarness(database, { renderer: { brokenHtml: (uuid) => uuid === broken } });
    const harness = h;
    const first = await h.postSale();
    await eventually(() => harness.deliveredTo(harness.ownerChat).length === 1, 5_000, 'first alert');
    h.delivery.worker.wake();
    // The next check renders as broken HTML.
    const { randomUUID } = await import('node:crypto');
    broken = randomUUID();
    const { postCheck } = await import('../../support/app.js');
    const { variant } = await import('../../support/fixtures.js');
    expect((await postCheck(h.app.url, h.business.webhookToken, variant('sale-cash', broken))).status).toBe(200);
    const last = await h.postSale();
    await eventually(() => harness.deliveredTo(harness.ownerChat).flat().includes(last), 10_000, 'alert after the broken one');

    expectExactlyOnceInOrder(h.deliveredTo(h.ownerChat), [first, broken, last]);
    const plain = h.tg.messagesTo(h.ownerChat)[1]!;
    expect(plain.parseMode).toBeUndefined();
    expect(plain.text).toContain(`sale ${broken}`);
    const refused = h.tg.requests.filter((r) => r.status === 400);
    expect(refused).toHaveLength(1);
    const [row] = await queryRows<{ status: string; last_error: string }>(
      h.database.db,
      sql`select o.status, o.last_error from outbox o join checks c on c.id = o.check_id where c.uuid = ${broken}`,
    );
    expect(row).toMatchObject({ status: 'done', last_error: expect.stringContaining('plain text') });
  });

  it('sends a receipt_pdf job as a document through the same path', async () => {
    h = await startDeliveryHarness(database);
    const uuid = await h.postSale();
    const harness = h;
    await eventually(() => harness.deliveredTo(harness.ownerChat).length === 1, 5_000, 'sale alert');
    const [check] = await queryRows<{ id: string | number }>(h.database.db, sql`select id from checks where uuid = ${uuid}`);
    await enqueueJobs(h.database.db, [{ businessId: h.business.id, chatId: h.ownerChat, kind: 'receipt_pdf', checkId: Number(check!.id) }]);
    h.delivery.worker.wake();
    const doc = await h.tg.waitFor((m) => m.method === 'sendDocument', 5_000);
    expect(doc.chatId).toBe(h.ownerChat);
    expect(doc.document?.filename).toBe(`${uuid}.pdf`);
    expect(doc.document?.bytes.toString()).toBe(`%PDF-1.4 ${uuid}`);
    expect(doc.caption).toBe(`receipt ${uuid}`);
  });

  it('gives up after the retry window: dead in the table, counted, and the owner told once', async () => {
    h = await startDeliveryHarness(database, {
      delivery: { ...FAST_DELIVERY, worker: { ...FAST_DELIVERY.worker, backoff: { baseMs: 50, maxMs: 200, giveUpAfterMs: 1_500 } } },
    });
    const member = 700_041;
    await h.addChat(member);
    let down = true;
    h.tg.setFault(({ method }) => (down && method.startsWith('send') ? { status: 502 } : undefined));
    await h.postSale();
    await h.postSale();
    const harness = h;
    await eventually(async () => (await statuses(harness, member)).every((s) => s === 'dead'), 10_000, 'member jobs dead');
    await eventually(
      async () => (await queryRows(harness.database.db, sql`select 1 from outbox where kind = 'sale' and status <> 'dead' and business_id = ${harness.business.id}`)).length === 0,
      10_000,
      'every sale job dead',
    );
    // One notice waits for the owner, counting all four; once no attempt of it is in flight,
    // Telegram comes back.
    await eventually(async () => {
      const rows = await queryRows<{ count: string; in_flight: boolean }>(
        harness.database.db,
        sql`select payload#>>'{args,count}' as count, (lease_until is not null and lease_until > now()) as in_flight
            from outbox where kind = 'notice' and business_id = ${harness.business.id}`,
      );
      return rows.length === 1 && rows[0]!.count === '4' && !rows[0]!.in_flight;
    }, 10_000, 'one notice counting four');
    down = false;
    h.delivery.worker.wake();
    const notice = await h.tg.waitFor((m) => m.text.startsWith('notice'), 5_000);
    expect(notice.chatId).toBe(h.ownerChat);
    expect(notice.text).toContain('"key":"undelivered"');
    expect(notice.text).toContain('"count":4');
    await new Promise((r) => setTimeout(r, 300));
    expect(h.tg.sent.filter((m) => m.text.startsWith('notice'))).toHaveLength(1);
    expect(h.tg.sent.filter((m) => m.text.startsWith('sale'))).toHaveLength(0);
    const metrics = await (await fetch(`${h.app.url}/metrics`)).text();
    expect(metrics).toMatch(/^outbox_dead_letters_total 4$/m);
    expect(metrics).toMatch(/^telegram_sends_total\{method="sendMessage",result="retryable"\} \d+$/m);
  });

  it("retakes a chat claimed by a worker that died, once its lease has run out", async () => {
    h = await startDeliveryHarness(database, {
      startWorker: false,
      delivery: { ...FAST_DELIVERY, worker: { ...FAST_DELIVERY.worker, leaseMs: 1_000 } },
    });
    const uuid = await h.postSale();
    // A worker that claims the chat and then dies without a word.
    expect(await claimDueChats(h.database.db, { workerId: 'dead-worker', leaseMs: 1_000, limit: 10 })).toContain(h.ownerChat);
    const claimedAt = Date.now();
    h.delivery.worker.start();
    const sent = await h.tg.waitFor((m) => m.chatId === h!.ownerChat, 5_000);
    expect(sent.at - claimedAt).toBeGreaterThanOrEqual(900);
    expectExactlyOnceInOrder(h.deliveredTo(h.ownerChat), [uuid]);
  });

  it("carries the service's own renderer's alerts and digests through the strict fake", async () => {
    h = await startDeliveryHarness(database, {
      realRenderer: true,
      startWorker: false,
      delivery: { ...FAST_DELIVERY, worker: { ...FAST_DELIVERY.worker, coalesce: { lagBudgetMs: 0, maxDigest: 50 } } },
    });
    const group = -700_051;
    await h.addChat(group);
    for (let i = 0; i < 3; i++) await h.postSale();
    h.delivery.worker.start();
    const harness = h;
    await eventually(async () => (await pendingCount(harness)) === 0, 10_000, 'the digest sent');
    for (const chat of [h.ownerChat, group]) {
      const messages = h.tg.messagesTo(chat);
      expect(messages).toHaveLength(1);
      expect(messages[0]!.text).toContain('445,80 ₴');
    }
    expect(h.tg.requests.filter((r) => r.status >= 400)).toHaveLength(0);

    const single = await h.postSale();
    await eventually(() => harness.tg.messagesTo(harness.ownerChat).length === 2, 5_000, 'a single alert');
    const alert = h.tg.messagesTo(h.ownerChat)[1]!;
    expect(alert.text).toContain('148,60 ₴');
    expect(alert.text).toContain('Хліб білий');
    expect(JSON.stringify(alert.replyMarkup)).toContain('pdf:');
    expect(single).toBeTruthy();
  });
});
