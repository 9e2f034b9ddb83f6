import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../../../src/platform/config/config.js';
import { startService, type Service } from '../../../src/service.js';
import { createLogger } from '../../../src/platform/observability/logger.js';
import { businesses, chats } from '../../../src/platform/db/schema.js';
import { enqueueJobs } from '../../../src/platform/outbox/enqueue.js';
import type { NewJob } from '../../../src/platform/outbox/job-kinds.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram.js';

/**
 * A person's reply is not queued behind alerts: a group (Telegram's 20 messages a minute, which
 * the fake enforces) with 30 alerts waiting still answers `/week` within seconds, and the alerts
 * keep their order among themselves.
 */
const OWNER = 7_310_001;
const GROUP = -1_007_310_001;
const ALERTS = 30;

describe.each(databaseKinds)('a reply before the waiting alerts on %s', (kind) => {
  let database: TestDatabase;
  let tg: FakeTelegram;
  let service: Service;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    tg = await startFakeTelegram({ enforceLimits: true });
    const config = loadConfig({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.url, PUBLIC_URL: 'https://shop.example.com', HOST: '127.0.0.1', PORT: '0' });
    service = await startService(config, {
      database,
      logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
      delivery: { worker: { pollIntervalMs: 50 } },
    });
  });
  afterAll(async () => {
    await service?.stop();
    await tg?.close();
    await database?.destroy();
  });

  it('answers /week@bot in a group with 30 alerts waiting within 5 s', { timeout: 60_000 }, async () => {
    const started = tg.waitForReply(OWNER, 15_000);
    tg.userMessage({ chatId: OWNER, text: '/start', languageCode: 'uk' });
    await started;
    const [business] = await database.db.select({ id: businesses.id }).from(businesses).where(eq(businesses.ownerUserId, OWNER));
    await database.db.insert(chats).values({ chatId: GROUP, businessId: business!.id, type: 'supergroup', role: 'member', title: 'Зміна' });
    tg.addChat({ id: GROUP, type: 'supergroup', title: 'Зміна' });

    const alerts: NewJob[] = Array.from({ length: ALERTS }, (_, i) => ({
      businessId: business!.id,
      chatId: GROUP,
      kind: 'notice',
      payload: { key: 'member_joined', args: { title: `alert-${i}` } },
    }));
    await enqueueJobs(database.db, alerts);
    // The group's budget is in use: the first alert has gone.
    await tg.waitFor((m) => m.chatId === GROUP && m.text.includes('alert-0'), 10_000);

    const asked = Date.now();
    tg.userMessage({ chatId: GROUP, chatType: 'supergroup', fromId: OWNER, text: `/week@${tg.botInfo.username}` });
    const answer = await tg.waitFor((m) => m.chatId === GROUP && !m.text.includes('alert-'), 10_000);
    expect(Date.now() - asked).toBeLessThan(5_000);
    expect(answer.at - asked).toBeLessThan(5_000);

    // The alerts that went keep their order, and the group's limit was never broken.
    const sent = tg.messagesTo(GROUP).map((m) => /alert-(\d+)/.exec(m.text)?.[1]).filter((n) => n !== undefined).map(Number);
    expect(sent.length).toBeLessThan(ALERTS);
    expect(sent).toEqual(sent.map((_, i) => i));
    expect(tg.requests.filter((r) => r.status === 429)).toHaveLength(0);
  });
});
