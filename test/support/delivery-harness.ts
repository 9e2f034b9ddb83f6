import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { chats } from '../../src/platform/db/schema.js';
import { createDelivery, type Delivery, type DeliveryOptions } from '../../src/platform/outbox/delivery.js';
import { createLogger } from '../../src/platform/observability/logger.js';
import { createMetrics, type Metrics } from '../../src/platform/observability/metrics.js';
import type { Business } from '../../src/features/shops/businesses.js';
import type { TelegramLimits } from '../../src/platform/telegram/rate-limits.js';
import { createBusiness, postCheck, startTestApp, type TestApp } from './app.js';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './databases.js';
import { startFakeTelegram, type FakeTelegram, type FakeTelegramOptions, type SentMessage } from './fake-telegram.js';
import { variant } from './fixtures.js';
import { createTestRenderer, uuidsIn, type TestRendererOptions } from './delivery-renderer.js';
import { createServiceRenderer } from '../../src/service.js';
import type { JobRenderer } from '../../src/platform/outbox/job-renderer.js';
import type { Executor } from '../../src/platform/db/client.js';
import type { OutgoingMessage } from '../../src/platform/telegram/outgoing.js';
import { findChat } from '../../src/features/shops/chats.js';
import { createChatHooks } from '../../src/features/shops/chat-lifecycle.js';
import { applyChatDelivery } from '../../src/features/chat-settings/chat-delivery.js';

/** Limits fast enough for short tests; the fake enforces the same ones (429 when we break them). */
export const FAST_LIMITS: TelegramLimits = { globalPerSecond: 200, privatePerSecond: 20, privateBurst: 3, groupPerMinute: 600 };

/** Short timings for tests: quick polls, short leases and backoff, short call timeout. */
export const FAST_DELIVERY: DeliveryOptions = {
  worker: {
    pollIntervalMs: 25,
    leaseMs: 5_000,
    backoff: { baseMs: 100, maxMs: 1_000, giveUpAfterMs: 24 * 3_600_000 },
  },
  limits: FAST_LIMITS,
  // Half of what the fake allows: at these rates a message is due every few tens of
  // milliseconds, and a busy test machine delays some by more than a 10 % margin would cover.
  limitsMargin: 0.5,
  sendTimeoutSeconds: 2,
};

export interface HarnessOptions {
  delivery?: DeliveryOptions;
  telegram?: FakeTelegramOptions;
  renderer?: TestRendererOptions;
  /** The service's own renderer instead of the uuid-naming test one. */
  realRenderer?: boolean;
  /** Start the worker at once (default true). */
  startWorker?: boolean;
}

/**
 * The real webhook app, the real delivery path (limiter → gateway → worker) and the strict fake
 * Telegram, over one test database; a business whose owner chat is `business.ownerUserId`.
 */
export interface DeliveryHarness {
  database: TestDatabase;
  tg: FakeTelegram;
  app: TestApp;
  delivery: Delivery;
  metrics: Metrics;
  business: Business;
  ownerChat: number;
  addChat(chatId: number, type?: 'private' | 'group' | 'supergroup'): Promise<void>;
  /** Posts a sale check with a fresh uuid; expects 200; answers the uuid. */
  postSale(): Promise<string>;
  /** The uuids each message to the chat names, message by message. */
  deliveredTo(chatId: number): string[][];
  close(): Promise<void>;
}

/** Over a test database of its own (`kind`) or a shared one (`database`, left open on close). */
export async function startDeliveryHarness(where: DatabaseKind | TestDatabase, options: HarnessOptions = {}): Promise<DeliveryHarness> {
  const ownDatabase = typeof where === 'string';
  const database = ownDatabase ? await createTestDatabase(where) : where;
  const deliveryOptions = options.delivery ?? FAST_DELIVERY;
  const tg = await startFakeTelegram({ enforceLimits: deliveryOptions.limits ?? true, ...options.telegram });
  const metrics = createMetrics();
  const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const delivery = createDelivery(
    {
      db: database.db,
      botToken: tg.token,
      apiRoot: tg.url,
      renderer: options.realRenderer
        ? createServiceRenderer({ db: database.db, config: { businessTz: 'Europe/Kyiv' } })
        : withChatDelivery(createTestRenderer(database.db, options.renderer), database.db, 'Europe/Kyiv'),
      chats: createChatHooks(),
      logger,
      metrics,
    },
    deliveryOptions,
  );
  const app = await startTestApp(database, {
    metrics,
    logger,
    refreshGauges: delivery.refreshGauges,
    onOutboxWritten: delivery.worker.wake,
  });
  const business = await createBusiness(database);
  const ownerChat = business.ownerUserId;
  if (options.startWorker ?? true) delivery.worker.start();

  let drawerKop = 153_040 - 14_860;
  return {
    database,
    tg,
    app,
    delivery,
    metrics,
    business,
    ownerChat,
    async addChat(chatId, type = chatId < 0 ? 'group' : 'private') {
      await database.db.insert(chats).values({ chatId, businessId: business.id, type, role: 'member' });
    },
    async postSale() {
      const uuid = randomUUID();
      // A drawer that adds up (each cash sale puts its 148,60 ₴ in), as a real till's does: the
      // watchdog has nothing to say about it.
      const cashInBox = (drawerKop += 14_860) / 100;
      const res = await postCheck(app.url, business.webhookToken, variant('sale-cash', uuid, (c) => (c.cash_in_box = cashInBox)));
      expect(res.status).toBe(200);
      return uuid;
    },
    deliveredTo(chatId) {
      return tg.messagesTo(chatId).map((m: SentMessage) => uuidsIn(m.text));
    },
    async close() {
      await delivery.worker.stop();
      await app.close();
      await tg.close();
      if (ownDatabase) await database.destroy();
    },
  };
}

/** Like the service's renderer: each message into its chat's forum topic, silent in its quiet hours. */
function withChatDelivery(renderer: JobRenderer, db: Executor, tz: string): JobRenderer {
  const apply = async (chatId: number, message: OutgoingMessage | null) => {
    const chat = message && (await findChat(db, chatId));
    return message && chat ? applyChatDelivery(message, chat, new Date(), tz) : message;
  };
  return {
    coalesces: (kind) => renderer.coalesces(kind),
    render: async (job) => apply(job.chatId, await renderer.render(job)),
    renderDigest: async (jobs) => apply(jobs[0]!.chatId, await renderer.renderDigest(jobs)),
  };
}

/** Polls until `check` returns true (or throws with `what` after `timeoutMs`). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Every uuid once, in the order given: what a chat must have received. */
export function expectExactlyOnceInOrder(received: string[][], expected: string[]): void {
  const flat = received.flat();
  expect(flat.length, 'no alert twice').toBe(new Set(flat).size);
  expect(flat).toEqual(expected);
}
