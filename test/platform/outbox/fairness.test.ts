import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import { chats, outbox } from '../../../src/platform/db/schema.js';
import { claimDueChats } from '../../../src/platform/outbox/chat-leases.js';
import { enqueueJobs } from '../../../src/platform/outbox/enqueue.js';
import type { NewJob } from '../../../src/platform/outbox/job-kinds.js';
import { TELEGRAM_LIMITS } from '../../../src/platform/telegram/rate-limits.js';
import { createBusiness, postCheck } from '../../support/app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';
import { eventually, FAST_DELIVERY, startDeliveryHarness, type DeliveryHarness } from '../../support/delivery-harness.js';
import { variant } from '../../support/fixtures.js';

let h: DeliveryHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe.each(databaseKinds)('one business cannot starve the others, on %s', (kind) => {
  // One database for the file (each test has its own businesses and chats).
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.destroy();
  });

  it("claims chats by their turn within their business: a business's chats in flight count first, then the oldest waiting", async () => {
    const db = database.db;
    const xChats = [830_001, 830_002, 830_003, 830_004];
    const yChat = 830_101;
    try {
      const x = await createBusiness(database);
      const y = await createBusiness(database);
      await db.insert(chats).values([
        ...xChats.map((chatId) => ({ chatId, businessId: x.id, type: 'private', role: 'member' })),
        { chatId: yChat, businessId: y.id, type: 'private', role: 'member' },
      ]);
      // X's messages are all older than Y's.
      await enqueueJobs(db, xChats.flatMap((chatId) => [0, 1].map((n) => ({ businessId: x.id, chatId, kind: 'notice' as const, payload: { key: 'rejected_check' as const, args: { problems: n } } }))));
      await enqueueJobs(db, [{ businessId: y.id, chatId: yChat, kind: 'notice', payload: { key: 'rejected_check', args: { problems: 0 } } }]);
      const claim = (limit: number) => claimDueChats(db, { workerId: 'w', leaseMs: 60_000, limit });

      // Both businesses have nothing in flight: turn 1 of each, the older first.
      expect(await claim(1)).toEqual([xChats[0]]);
      // X has a chat in flight now: Y's one chat, though newer, comes before X's second.
      expect(await claim(1)).toEqual([yChat]);
      expect(await claim(1)).toEqual([xChats[1]]);
      // Nothing else waits but X: X's chats, oldest first.
      expect((await claim(5)).sort()).toEqual([xChats[2], xChats[3]]);
      expect(await claim(5)).toEqual([]);
    } finally {
      // Claimed by no real worker: leave nothing behind for the next test's worker.
      await db.delete(outbox).where(inArray(outbox.chatId, [...xChats, yChat]));
    }
  });

  it("business X's backlog of 200 messages over 40 chats holds business Y's one alert back by less than 3 s", async () => {
    // Telegram's real limits for the service: the shared budget (about 27 a second) is what X's
    // backlog uses up, for about 7 seconds. The fake allows half as much again, so that a busy test
    // machine bunching a few sends together is not what this test is about.
    h = await startDeliveryHarness(database, {
      delivery: { ...FAST_DELIVERY, limits: TELEGRAM_LIMITS, limitsMargin: 0.9 },
      telegram: { enforceLimits: { globalPerSecond: 45, privatePerSecond: 1.5, privateBurst: 4, groupPerMinute: 30 } },
      startWorker: false,
    });
    const harness = h;
    const db = h.database.db;
    const x = h.business;
    const xChats = Array.from({ length: 40 }, (_, i) => 820_001 + i);
    await db.insert(chats).values(xChats.map((chatId) => ({ chatId, businessId: x.id, type: 'private', role: 'member' })));
    const backlog: NewJob[] = Array.from({ length: 200 }, (_, i) => ({
      businessId: x.id,
      chatId: xChats[i % xChats.length]!,
      kind: 'notice',
      payload: { key: 'rejected_check', args: { problems: i } },
    }));
    await enqueueJobs(db, backlog);
    const y = await createBusiness(h.database);
    const sentToX = () => h!.tg.sent.filter((m) => xChats.includes(Number(m.chatId))).length;

    h.delivery.worker.start();
    await eventually(() => sentToX() >= 30, 10_000, "X's backlog being sent");

    const uuid = randomUUID();
    const postedAt = Date.now();
    const res = await postCheck(h.app.url, y.webhookToken, variant('sale-cash', uuid));
    expect(res.status).toBe(200);
    const alert = await h.tg.waitFor((m) => Number(m.chatId) === y.ownerUserId, 3_000);
    const waitedMs = alert.at - postedAt;

    expect(alert.text).toContain(uuid);
    expect(waitedMs).toBeLessThan(3_000);
    // X's backlog was still there when Y's alert went: Y did not simply come after it.
    expect(sentToX()).toBeLessThan(170);
    expect(h.tg.requests.filter((r) => r.status === 429)).toHaveLength(0);

    // X's chats still get their messages in order (what went so far is each chat's queue's head).
    for (const chatId of xChats) {
      const ns = harness.tg.messagesTo(chatId).map((m) => Number(/"problems":(\d+)/.exec(m.text)?.[1]));
      const queue = backlog.filter((j) => j.chatId === chatId).map((j) => (j.kind === 'notice' && j.payload.key === 'rejected_check' ? j.payload.args.problems : undefined));
      expect(ns).toEqual(queue.slice(0, ns.length));
    }
  }, 30_000);
});
