import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../../src/platform/db/rows.js';
import { TELEGRAM_LIMITS } from '../../../src/platform/telegram/rate-limits.js';
import { longTests } from '../../support/long-tests.js';
import { eventually, expectExactlyOnceInOrder, startDeliveryHarness, type DeliveryHarness } from '../../support/delivery-harness.js';

/**
 * Telegram down for a minute (502s and requests that hang until they time out) while checks keep
 * coming, with Telegram's real limits enforced by the fake. Afterwards every alert reaches every
 * chat exactly once and in order, and the webhook never waited for Telegram. A real minute, so
 * on one database only, and only with LONG_TESTS=1,
 * the switch the fault drills sit behind too (CI sets it).
 */
const OUTAGE_MS = 60_000;
const kind = 'postgres';

let h: DeliveryHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe.skipIf(!longTests)(`a minute-long Telegram outage (${kind})`, () => {
  it('delivers every alert once, in order per chat, after Telegram comes back', { timeout: OUTAGE_MS + 60_000 }, async () => {
    h = await startDeliveryHarness(kind, {
      delivery: {
        limits: TELEGRAM_LIMITS,
        sendTimeoutSeconds: 2,
        worker: { pollIntervalMs: 50, leaseMs: 10_000, backoff: { baseMs: 200, maxMs: 3_000, giveUpAfterMs: 24 * 3_600_000 } },
      },
      telegram: { enforceLimits: true, holdTimeoutMs: 5_000 },
    });
    const member = 600_001;
    const group = -600_002;
    await h.addChat(member);
    await h.addChat(group);

    let down = true;
    let n = 0;
    h.tg.setFault(({ method }) => {
      if (!down || !method.startsWith('send')) return undefined;
      return n++ % 2 === 0 ? { status: 502 } : 'timeout';
    });

    const uuids: string[] = [];
    let slowestWebhook = 0;
    const started = Date.now();
    while (Date.now() - started < OUTAGE_MS) {
      const t0 = Date.now();
      uuids.push(await h.postSale());
      slowestWebhook = Math.max(slowestWebhook, Date.now() - t0);
      await new Promise((r) => setTimeout(r, 1_000));
    }
    expect(h.tg.sent).toHaveLength(0);
    expect(h.tg.requests.filter((r) => r.fault === 'timeout').length).toBeGreaterThan(0);
    expect(h.tg.requests.filter((r) => r.status === 502).length).toBeGreaterThan(0);
    down = false;
    for (let i = 0; i < 3; i++) uuids.push(await h.postSale());

    const harness = h;
    const chatsToCheck = [h.ownerChat, member, group];
    await eventually(() => chatsToCheck.every((c) => harness.deliveredTo(c).flat().length >= uuids.length), 45_000, 'every alert after the outage');
    for (const chat of chatsToCheck) expectExactlyOnceInOrder(h.deliveredTo(chat), uuids);

    expect(slowestWebhook).toBeLessThan(2_000);
    expect(h.tg.requests.filter((r) => r.status === 429)).toHaveLength(0);
    await eventually(async () => {
      const rows = await queryRows<{ status: string; n: string | number }>(
        harness.database.db,
        sql`select status, count(*) as n from outbox group by status order by status`,
      );
      return rows.every((r) => r.status === 'done' || r.status === 'merged');
    }, 5_000, 'every job done or merged');
  });
});
