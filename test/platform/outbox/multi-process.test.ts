import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { chats } from '../../../src/platform/db/schema.js';
import { queryRows } from '../../../src/platform/db/rows.js';
import { TELEGRAM_LIMITS } from '../../../src/platform/telegram/rate-limits.js';
import type { DeliveryOptions } from '../../../src/platform/outbox/delivery.js';
import { createBusiness, postCheck } from '../../support/app.js';
import { createTestDatabase, type TestDatabase } from '../../support/databases.js';
import { eventually } from '../../support/delivery-harness.js';
import { uuidsIn } from '../../support/delivery-renderer.js';
import { startFakeTelegram, type FakeTelegram, type SentMessage } from '../../support/fake-telegram.js';
import { spawnService, type ServiceChild } from '../../support/service-child.js';
import { variant } from '../../support/fixtures.js';

/**
 * Several real service processes over one PostgreSQL database, against the fake Telegram with
 * Telegram's real limits enforced. PostgreSQL only: that is where several instances run.
 */
const enabled = Boolean(process.env.TEST_DATABASE_URL);

const CHILD_DELIVERY: DeliveryOptions = {
  sendTimeoutSeconds: 5,
  worker: { pollIntervalMs: 50, leaseMs: 3_000, backoff: { baseMs: 200, maxMs: 2_000, giveUpAfterMs: 24 * 3_600_000 } },
};

let database: TestDatabase | undefined;
let tg: FakeTelegram | undefined;
let children: ServiceChild[] = [];
afterEach(async () => {
  for (const child of children) await child.stop();
  children = [];
  await tg?.close();
  await database?.destroy();
  tg = undefined;
  database = undefined;
});

/** The uuids of a chat's sale jobs in queue order: the order the chat must see them in. */
async function queueOrder(db: TestDatabase, chatId: number): Promise<string[]> {
  const rows = await queryRows<{ uuid: string }>(
    db.db,
    sql`select c.uuid from outbox o join checks c on c.id = o.check_id where o.chat_id = ${chatId}::bigint and o.kind = 'sale' order by o.id`,
  );
  return rows.map((r) => r.uuid);
}

/** The most messages in any window [t, t + width) of these send times. */
function busiest(times: number[], width: number): number {
  let best = 0;
  for (const t of times) best = Math.max(best, times.filter((x) => x >= t && x < t + width).length);
  return best;
}

describe.skipIf(!enabled)('several service processes on one PostgreSQL', () => {
  it('two processes, 500 checks, 20 chats: every alert exactly once, in order, no chat above its rate', { timeout: 120_000 }, async () => {
    database = await createTestDatabase('postgres');
    tg = await startFakeTelegram({ enforceLimits: true });
    const business = await createBusiness(database);
    const chatIds = [business.ownerUserId];
    for (let i = 1; i < 15; i++) chatIds.push(500_000 + i);
    for (let i = 1; i <= 5; i++) chatIds.push(-500_000 - i);
    await database.db
      .insert(chats)
      .values(chatIds.slice(1).map((chatId) => ({ chatId, businessId: business.id, type: chatId < 0 ? 'group' : 'private', role: 'member' })));

    const delivery = { ...CHILD_DELIVERY, worker: { ...CHILD_DELIVERY.worker, coalesce: { lagBudgetMs: 30_000, maxDigest: 100 } } };
    const options = { databaseUrl: database.url!, botToken: tg.token, telegramApiRoot: tg.url, delivery };
    children = await Promise.all([spawnService(options), spawnService(options)]);

    // Both take webhooks, eight at a time.
    const uuids = Array.from({ length: 500 }, () => randomUUID());
    for (let i = 0; i < uuids.length; i += 8) {
      await Promise.all(
        uuids.slice(i, i + 8).map(async (uuid, j) => {
          const res = await postCheck(children[(i + j) % 2]!.url, business.webhookToken, variant('sale-cash', uuid));
          expect(res.status).toBe(200);
        }),
      );
    }

    const fake = tg;
    await eventually(() => chatIds.every((c) => new Set(fake.messagesTo(c).flatMap((m) => uuidsIn(m.text))).size >= 500), 90_000, 'all alerts in all chats');

    for (const chatId of chatIds) {
      const received = tg.messagesTo(chatId).flatMap((m) => uuidsIn(m.text));
      expect(received, `chat ${chatId}`).toEqual(await queueOrder(database, chatId));
      const times = tg.messagesTo(chatId).map((m) => m.at);
      if (chatId < 0) expect(busiest(times, 60_000), `group ${chatId}`).toBeLessThanOrEqual(TELEGRAM_LIMITS.groupPerMinute);
      else expect(busiest(times, 1_000), `private ${chatId}`).toBeLessThanOrEqual(TELEGRAM_LIMITS.privateBurst + 1);
    }
    expect(busiest(tg.sent.map((m: SentMessage) => m.at), 1_000)).toBeLessThanOrEqual(TELEGRAM_LIMITS.globalPerSecond);
    expect(tg.requests.filter((r) => r.status === 429)).toHaveLength(0);
    // Both processes sent.
    const senders = await queryRows<{ pid: string }>(
      database.db,
      sql`select distinct split_part(leased_by, ':', 2) as pid from outbox where status in ('done', 'merged')`,
    );
    expect(senders.length).toBe(2);
  });

  it('a process killed with SIGKILL right after 50 acknowledged webhooks: after a restart, all 50 alerts arrive', { timeout: 90_000 }, async () => {
    database = await createTestDatabase('postgres');
    tg = await startFakeTelegram({ enforceLimits: true });
    const business = await createBusiness(database);
    const member = 510_001;
    await database.db.insert(chats).values({ chatId: member, businessId: business.id, type: 'private', role: 'member' });
    // Telegram takes each message at once but answers slowly: there is always one in flight.
    tg.setFault(({ method }) => (method.startsWith('send') ? { delayMs: 300 } : undefined));

    const options = { databaseUrl: database.url!, botToken: tg.token, telegramApiRoot: tg.url, delivery: CHILD_DELIVERY };
    const first = await spawnService(options);
    children = [first];
    const uuids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const uuid = randomUUID();
      const res = await postCheck(first.url, business.webhookToken, variant('sale-cash', uuid));
      expect(res.status).toBe(200);
      uuids.push(uuid);
    }
    await first.kill();
    const sentBeforeKill = tg.sent.length;

    const second = await spawnService(options);
    children = [second];
    const fake = tg;
    const chatIds = [business.ownerUserId, member];
    await eventually(() => chatIds.every((c) => new Set(fake.messagesTo(c).flatMap((m) => uuidsIn(m.text))).size >= 50), 60_000, 'all 50 alerts');

    for (const chatId of chatIds) {
      const messages = tg.messagesTo(chatId);
      const seen = new Set<string>();
      let repeated = 0;
      for (const m of messages) {
        const ids = uuidsIn(m.text);
        if (ids.some((id) => seen.has(id))) repeated++;
        for (const id of ids) seen.add(id);
      }
      expect([...seen].sort(), `chat ${chatId}`).toEqual([...uuids].sort());
      // At most the one message that was in flight when the process died goes twice.
      expect(repeated, `chat ${chatId}`).toBeLessThanOrEqual(1);
    }
    expect(sentBeforeKill).toBeLessThan(tg.sent.length);
  });
});
