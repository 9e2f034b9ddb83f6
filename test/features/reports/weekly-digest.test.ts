import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { outbox } from '../../../src/platform/db/schema.js';
import { runWeeklyDigest } from '../../../src/features/reports/weekly-digest.js';
import { startSchedules } from '../../../src/platform/schedules/scheduler.js';
import { dailySummarySchedule } from '../../../src/features/reports/daily-summary-schedule.js';
import { weeklyDigestSchedule } from '../../../src/features/reports/weekly-digest-schedule.js';
import { createLogger } from '../../../src/platform/observability/logger.js';
import { createMetrics } from '../../../src/platform/observability/metrics.js';
import { loadConfig } from '../../../src/platform/config/config.js';
import { createServiceRenderer } from '../../../src/service.js';
import { createTelegramGateway } from '../../../src/platform/telegram/gateway.js';
import { createRateLimiter } from '../../../src/platform/outbox/send-budget.js';
import type { JobKind } from '../../../src/platform/outbox/job-kinds.js';
import type { OutboxJob } from '../../../src/platform/outbox/outbox.js';
import type { OutgoingMessage } from '../../../src/platform/telegram/outgoing.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram.js';
import { KYIV } from './store-check.js';
import { dailyChartPng } from '../../../src/features/reports/charts/sales-charts.js';
import { catalogue } from '../../../src/platform/i18n/lang.js';
import { createShop } from './summary-setup.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const LIMITS = { globalPerSecond: 1000, privatePerSecond: 1000, privateBurst: 1000, groupPerMinute: 60_000 };

describe.each(databaseKinds)('weekly digest and the charts that go out (%s)', (kind) => {
  let database: TestDatabase;
  let tg: FakeTelegram;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    tg = await startFakeTelegram();
  });
  afterAll(async () => {
    await tg.close();
    await database.destroy();
  });

  const digestJobs = (businessId: number) =>
    database.db
      .select({ chatId: outbox.chatId, payload: outbox.payload, id: outbox.id, createdAt: outbox.createdAt, eventAt: outbox.eventAt })
      .from(outbox)
      .where(and(eq(outbox.kind, 'weekly_digest'), eq(outbox.businessId, businessId)))
      .orderBy(asc(outbox.chatId));

  it("enqueues last week's digest once per business and chat, whoever runs it and however often", async () => {
    // Monday 30.11.2026: the digest covers 23–29.11.
    const busy = await createShop(database, ['2026-11-23', '2026-11-29']);
    const quiet = await createShop(database, ['2026-11-30', '2026-11-16']);
    const [a, b] = await Promise.all([
      runWeeklyDigest(database.db, { date: '2026-11-30', claimedBy: 'a' }),
      runWeeklyDigest(database.db, { date: '2026-11-30', claimedBy: 'b' }),
    ]);
    const again = await runWeeklyDigest(database.db, { date: '2026-11-30', claimedBy: 'c' });
    expect(a.businesses + b.businesses + again.businesses).toBe(1);
    expect(again.jobs).toBe(0);
    const jobs = await digestJobs(busy.business.id);
    expect(jobs.map((j) => j.chatId)).toEqual(busy.recipients);
    for (const j of jobs) expect(j.payload).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(await digestJobs(quiet.business.id)).toEqual([]);
  });

  it('the digest and the daily summary render with their charts and reach Telegram as photos', async () => {
    const shop = await createShop(database, ['2026-12-07', '2026-12-08', '2026-12-14']);
    await runWeeklyDigest(database.db, { date: '2026-12-14', claimedBy: 'x' });
    const [row] = await digestJobs(shop.business.id);
    const renderer = createServiceRenderer({ db: database.db, config: { businessTz: KYIV } });
    const job = (kind: JobKind, payload: Record<string, unknown>): OutboxJob => ({
      id: row!.id, businessId: shop.business.id, chatId: shop.business.ownerUserId, kind, checkId: null, payload, attempts: 0, createdAt: row!.createdAt, eventAt: row!.eventAt,
    });

    const digest = (await renderer.render(job('weekly_digest', row!.payload as Record<string, unknown>)))!;
    expect(digest.photo!.bytes.subarray(0, 8).equals(PNG)).toBe(true);
    expect(digest.plainText).toContain('Підсумки тижня 07.12.2026 – 13.12.2026');
    expect(digest.plainText).toContain('Продажі: 2 чеки · 200,00 ₴');
    expect(digest.plainText).toContain('Попередній період (30.11.2026 – 06.12.2026): продажів не було');
    expect(await renderer.render(job('weekly_digest', { from: '2026-12-13', to: '2026-12-07' }))).toBeNull();

    const summary = (await renderer.render(job('daily_summary', { date: '2026-12-14' })))!;
    expect(summary.photo!.bytes.subarray(0, 8).equals(PNG)).toBe(true);
    expect(summary.plainText).toContain('Z-звіт за 14.12.2026');

    const gateway = createTelegramGateway({ token: tg.token, apiRoot: tg.url, limiter: createRateLimiter(database.db, { limits: LIMITS }) });
    const chat = shop.business.ownerUserId;
    tg.reset();
    expect((await gateway.send(chat, summary)).ok).toBe(true);
    const sent = tg.messagesTo(chat);
    expect(sent.map((m) => m.method)).toEqual(['sendPhoto']);
    expect(sent[0]!.caption).toContain('Z-звіт за 14.12.2026');
    expect(sent[0]!.photo!.bytes.equals(summary.photo!.bytes)).toBe(true);
  });

  it('WEEKLY_DIGEST_CRON: the scheduler sends the digest on its tick, and catches up when started after it', async () => {
    const shop = await createShop(database, ['2026-12-16']);
    const start = (now: Date) =>
      startSchedules(
        [
          dailySummarySchedule({ config: { dailySummaryCron: '0 21 * * *' }, metrics: createMetrics() }),
          weeklyDigestSchedule({ config: { businessTz: KYIV, weeklyDigestCron: '0 9 * * 1' } }),
        ],
        { db: database.db, tz: KYIV, logger: createLogger({ level: 'silent' }), now: () => now, instanceId: 'weekly-test' },
      );
    // Monday 21.12.2026 08:59 in Kyiv: not yet.
    const early = start(new Date('2026-12-21T06:59:00Z'));
    await early.ready;
    await early.stop();
    expect(await digestJobs(shop.business.id)).toEqual([]);
    // 09:30: the tick was missed (the service was down); the catch-up sends it, once.
    for (let i = 0; i < 2; i++) {
      const late = start(new Date('2026-12-21T07:30:00Z'));
      await late.ready;
      await late.stop();
    }
    const jobs = await digestJobs(shop.business.id);
    expect(jobs.map((j) => j.chatId)).toEqual(shop.recipients);
    for (const j of jobs) expect(j.payload).toEqual({ from: '2026-12-14', to: '2026-12-20' });
  });

  it('a text too long for a caption goes as the photo and then the text, in order', async () => {
    const gateway = createTelegramGateway({ token: tg.token, apiRoot: tg.url, limiter: createRateLimiter(database.db, { limits: LIMITS }) });
    const chat = 4_242_001;
    tg.reset();
    const text = `<b>Звіт</b>\n${'Каса 1 · 10 чеків · 1 000,00 ₴\n'.repeat(60)}`;
    const message: OutgoingMessage = { text, parseMode: 'HTML', plainText: text.replace(/<[^>]+>/g, ''), photo: { bytes: dailyChartPng({ title: 'x', days: [{ date: '2026-12-14', netKop: 100 }] }, catalogue('uk')), filename: 'x.png' } };
    expect(message.plainText.length).toBeGreaterThan(1024);
    const outcome = await gateway.send(chat, message);
    expect(outcome).toMatchObject({ ok: true });
    const sent = tg.messagesTo(chat);
    expect(sent.map((m) => m.method)).toEqual(['sendPhoto', 'sendMessage']);
    expect(sent[0]!.caption ?? '').toBe('');
    expect(sent[1]!.text.startsWith('Звіт\nКаса 1')).toBe(true);
    expect(outcome.ok && outcome.messageId).toBe(sent[1]!.messageId);
  });
});

describe('WEEKLY_DIGEST_CRON', () => {
  const TOKEN = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
  it('is Monday 09:00 by default, read when set, refused when not a cron expression', () => {
    expect(loadConfig({ BOT_TOKEN: TOKEN }).weeklyDigestCron).toBe('0 9 * * 1');
    expect(loadConfig({ BOT_TOKEN: TOKEN, WEEKLY_DIGEST_CRON: '30 8 * * 0' }).weeklyDigestCron).toBe('30 8 * * 0');
    expect(() => loadConfig({ BOT_TOKEN: TOKEN, WEEKLY_DIGEST_CRON: 'mondays' })).toThrow(/^WEEKLY_DIGEST_CRON: expected a cron/);
  });
});
