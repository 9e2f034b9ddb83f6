import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { chats, outbox } from '../../../src/platform/db/schema.js';
import { queryRows } from '../../../src/platform/db/rows.js';
import { enqueueJobs } from '../../../src/platform/outbox/enqueue.js';
import { catalogue } from '../../../src/platform/i18n/lang.js';
import { postCheck } from '../../support/app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';
import { eventually, startDeliveryHarness, type DeliveryHarness } from '../../support/delivery-harness.js';
import { variant } from '../../support/fixtures.js';

/**
 * Telegram refusals that are not "chat gone" keep the chat: a closed or deleted forum topic
 * (General instead), no right to send photos or documents (the text alone), no right to send at
 * all (kept, retried, the owner told once). The fake refuses the way Telegram does: a group whose
 * topic an admin closed, a group whose permissions restrict the bot.
 */
const en = catalogue('en');

let h: DeliveryHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function addGroup(harness: DeliveryHarness, chatId: number, extra: { messageThreadId?: number; title?: string } = {}): Promise<void> {
  await harness.database.db.insert(chats).values({ chatId, businessId: harness.business.id, type: 'supergroup', role: 'member', lang: 'en', ...extra });
}

async function chatRow(harness: DeliveryHarness, chatId: number) {
  const [row] = await harness.database.db.select().from(chats).where(eq(chats.chatId, chatId));
  return row!;
}

async function pendingFor(harness: DeliveryHarness, chatId: number): Promise<number> {
  const rows = await harness.database.db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.chatId, chatId), eq(outbox.status, 'pending')));
  return rows.length;
}

describe.each(databaseKinds)('Telegram refusals that keep the chat, on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.destroy();
  });

  it('a closed forum topic: the alerts go to General, in order, the chat stays, the group is told once; a deleted one likewise', async () => {
    h = await startDeliveryHarness(database);
    const harness = h;
    const group = -1_000_000_730_001;
    await addGroup(h, group, { messageThreadId: 7 });
    h.tg.openForumTopic(group, 7);
    const topicClosedNotices = () => harness.tg.messagesTo(group).filter((m) => m.text.includes('"key":"topic_closed"'));

    const uuids = [await h.postSale()];
    await eventually(() => harness.tg.messagesTo(group).length === 1, 5_000, 'the alert in the topic');
    expect(h.tg.messagesTo(group)[0]!.messageThreadId).toBe(7);

    h.tg.closeForumTopic(group, 7);
    uuids.push(await h.postSale(), await h.postSale());
    await eventually(() => harness.tg.messagesTo(group).length === 4, 5_000, 'two alerts and the notice in General');
    const [, ...general] = h.tg.messagesTo(group);
    expect(general.map((m) => m.messageThreadId)).toEqual([undefined, undefined, undefined]);
    expect(topicClosedNotices()).toHaveLength(1);
    const refused = h.tg.requests.filter((r) => r.description === 'Bad Request: TOPIC_CLOSED').length;
    expect(refused).toBeGreaterThanOrEqual(1);
    const row = await chatRow(h, group);
    expect(row.active).toBe(true);
    expect(row.messageThreadId).toBeNull();

    // Later alerts go straight to General, with no further notice and no further refusal.
    uuids.push(await h.postSale());
    await eventually(() => harness.tg.messagesTo(group).length === 5, 5_000, 'the next alert');
    expect(h.tg.messagesTo(group)[4]!.messageThreadId).toBeUndefined();
    expect(h.tg.requests.filter((r) => r.description === 'Bad Request: TOPIC_CLOSED')).toHaveLength(refused);

    // Linked to another topic that is then deleted: "message thread not found", handled the same way.
    await h.database.db.update(chats).set({ messageThreadId: 9 }).where(eq(chats.chatId, group));
    h.tg.openForumTopic(group, 9);
    h.tg.deleteForumTopic(group, 9);
    uuids.push(await h.postSale());
    await eventually(() => harness.tg.messagesTo(group).length === 7, 5_000, 'the alert and the second notice in General');
    expect(h.tg.messagesTo(group).slice(5).map((m) => m.messageThreadId)).toEqual([undefined, undefined]);
    expect(topicClosedNotices()).toHaveLength(2);
    expect(h.tg.requests.some((r) => r.description === 'Bad Request: message thread not found')).toBe(true);

    // Every alert once and in order; nothing given up on or dropped.
    const alerts = harness.deliveredTo(group).filter((ids) => ids.length > 0);
    expect(alerts.flat()).toEqual(uuids);
    // The last send is recorded as done just after Telegram took it: wait for that, not a race.
    const notDone = async () => {
      const [row] = await queryRows<{ n: string | number }>(
        harness.database.db,
        sql`select count(*) as n from outbox where chat_id = ${group}::bigint and status <> 'done'`,
      );
      return Number(row!.n);
    };
    await eventually(async () => (await notDone()) === 0, 5_000, 'every job of the group recorded as done');
  });

  it('no right to send documents: the receipt goes as its text with the e-receipt link, and the chat stays', async () => {
    h = await startDeliveryHarness(database, { realRenderer: true });
    const harness = h;
    const group = -1_000_000_730_002;
    await addGroup(h, group);
    h.tg.setBotRights(group, { photos: false, documents: false });
    const uuid = randomUUID();
    expect((await postCheck(h.app.url, h.business.webhookToken, variant('sale-card', uuid))).status).toBe(200);
    await eventually(() => harness.tg.messagesTo(group).length === 1, 5_000, 'the sale alert');
    const [check] = await queryRows<{ id: string | number }>(h.database.db, sql`select id from checks where uuid = ${uuid}`);
    await enqueueJobs(h.database.db, [{ businessId: h.business.id, chatId: group, kind: 'receipt_pdf', checkId: Number(check!.id) }]);
    h.delivery.worker.wake();

    await eventually(() => harness.tg.messagesTo(group).length === 2, 5_000, 'the receipt as text');
    const receipt = h.tg.messagesTo(group)[1]!;
    expect(receipt.method).toBe('sendMessage');
    expect(receipt.text).toContain(en.receipt.linkLabel);
    expect(receipt.text).toContain('https://test.cashdesk.com.ua/check/');
    expect(h.tg.requests.some((r) => r.method === 'sendDocument' && r.description === 'Bad Request: not enough rights to send documents to the chat')).toBe(true);
    expect((await chatRow(h, group)).active).toBe(true);
    const receiptJob = async () =>
      (await harness.database.db.select().from(outbox).where(and(eq(outbox.chatId, group), eq(outbox.kind, 'receipt_pdf'))))[0]!;
    await eventually(async () => (await receiptJob()).status === 'done', 5_000, 'the receipt recorded as sent');
    expect((await receiptJob()).lastError).toContain('without its photo or document');

    // Given the right back, the next receipt is a document again.
    h.tg.setBotRights(group, { documents: true });
    await enqueueJobs(h.database.db, [{ businessId: h.business.id, chatId: group, kind: 'receipt_pdf', checkId: Number(check!.id) }]);
    h.delivery.worker.wake();
    const doc = await h.tg.waitFor((m) => m.chatId === group && m.method === 'sendDocument', 5_000);
    expect(doc.document?.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('no right to send text: the alerts wait and are retried with backoff, the owner is told once, and they go in order when the right is back', async () => {
    h = await startDeliveryHarness(database);
    const harness = h;
    const group = -1_000_000_730_003;
    await addGroup(h, group, { title: 'Shop floor' });
    h.tg.setBotRights(group, { text: false });
    const toldOwner = () => harness.tg.messagesTo(harness.ownerChat).filter((m) => m.text.includes('"key":"chat_refuses"'));

    const uuids = [await h.postSale(), await h.postSale()];
    const refusals = () => harness.tg.requests.filter((r) => r.description === 'Bad Request: not enough rights to send text messages to the chat').length;
    await eventually(() => refusals() >= 3, 5_000, 'a few refused tries');
    await eventually(() => toldOwner().length === 1, 5_000, 'the owner told');
    expect(toldOwner()[0]!.text).toContain('Shop floor');
    const [head] = await queryRows<{ attempts: number; last_error: string }>(
      h.database.db,
      sql`select attempts, last_error from outbox where chat_id = ${group}::bigint order by id limit 1`,
    );
    expect(head!.attempts).toBeGreaterThanOrEqual(3);
    expect(head!.last_error).toContain('not enough rights to send text messages');
    const row = await chatRow(h, group);
    expect(row.active).toBe(true);
    expect(row.sendRefusedAt).not.toBeNull();
    expect(await pendingFor(h, group)).toBe(2);

    h.tg.setBotRights(group, { text: true });
    await eventually(() => harness.tg.messagesTo(group).length === 2, 5_000, 'both alerts once allowed');
    expect(harness.deliveredTo(group).flat()).toEqual(uuids);
    expect(toldOwner()).toHaveLength(1);
    await eventually(async () => (await chatRow(harness, group)).sendRefusedAt === null, 5_000, 'the episode over');

    // A new episode tells the owner again.
    h.tg.setBotRights(group, { text: false });
    await h.postSale();
    await eventually(() => toldOwner().length === 2, 5_000, 'the owner told of the second episode');
  });
});
