import { afterEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../support/databases.js';
import { eventually, expectExactlyOnceInOrder, FAST_DELIVERY, startDeliveryHarness, type DeliveryHarness } from '../../support/delivery-harness.js';

/**
 * A busy shop into a group. Telegram lets a group have 20 messages a minute; a shop selling
 * 100 times a minute would leave it further behind every minute. The same situation on a
 * tenfold clock, to keep the test short: the group's limit is 200 a minute (a message every
 * 333 ms), the lag budget 3 s instead of 30 s, and the 100 sales come within 6 s. The group must
 * get a few digests and some single alerts, every sale exactly once and in order, never more
 * than its limit, and never far behind.
 */
const SCALE = 10;
const LIMITS = { ...FAST_DELIVERY.limits!, groupPerMinute: 20 * SCALE };

let h: DeliveryHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe.each(databaseKinds)('backlog coalescing on %s', (kind) => {
  it('gives a busy group a few digests instead of falling behind', { timeout: 60_000 }, async () => {
    h = await startDeliveryHarness(kind, {
      delivery: {
        ...FAST_DELIVERY,
        limits: LIMITS,
        limitsMargin: 0.9,
        worker: { ...FAST_DELIVERY.worker, coalesce: { lagBudgetMs: 30_000 / SCALE, maxDigest: 50 } },
      },
    });
    const group = -800_001;
    await h.addChat(group);
    const postedAt = new Map<string, number>();
    const uuids: string[] = [];
    const start = Date.now();
    for (let i = 0; i < 100; i++) {
      const due = start + (i * 60_000) / SCALE / 100;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      const uuid = await h.postSale();
      postedAt.set(uuid, Date.now());
      uuids.push(uuid);
    }
    const harness = h;
    await eventually(() => harness.deliveredTo(group).flat().length >= 100, 20_000, 'every sale in the group');

    expectExactlyOnceInOrder(h.deliveredTo(group), uuids);
    const messages = h.tg.messagesTo(group);
    const digests = messages.filter((m) => m.text.startsWith('digest'));
    expect(digests.length).toBeGreaterThanOrEqual(2);
    // Within the group's limit: at most 20 in any (scaled) minute, so a few dozen in all.
    const minute = 60_000 / SCALE;
    for (const m of messages) expect(messages.filter((x) => x.at >= m.at && x.at < m.at + minute).length).toBeLessThanOrEqual(20);
    expect(messages.length).toBeLessThan(40);
    expect(h.tg.requests.filter((r) => r.status === 429 && Number(r.params.chat_id) === group)).toHaveLength(0);
    // Never about a (scaled) minute behind the shop.
    for (const m of messages) {
      for (const uuid of m.text.match(/[0-9a-f-]{36}/g) ?? []) expect(m.at - postedAt.get(uuid)!).toBeLessThan(60_000 / SCALE);
    }
    // The owner's private chat (a fast limit here, where a loaded test machine may earn it a 429,
    // which is then honoured) still gets every sale once and in order.
    // Its last sale may still be on its way when the group's last digest lands.
    await eventually(() => harness.deliveredTo(harness.ownerChat).flat().length >= 100, 20_000, 'every sale in the private chat');
    expectExactlyOnceInOrder(h.deliveredTo(h.ownerChat), uuids);
  });
});
