import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';
import { createBusiness } from '../../support/app.js';
import { openDatabase, type Database, type DatabaseHandle } from '../../../src/platform/db/client.js';
import { createLogger } from '../../../src/platform/observability/logger.js';
import { createMetrics } from '../../../src/platform/observability/metrics.js';
import { chatLeases, invites, outbox, rejectedPayloadDays, rejectedPayloads, scheduleRuns } from '../../../src/platform/db/schema.js';
import { HOUSEKEEPING_JOB, housekeepingSchedule, runHousekeeping } from '../../../src/platform/schedules/housekeeping.js';
import { startSchedules } from '../../../src/platform/schedules/scheduler.js';
import type { Business } from '../../../src/features/shops/businesses.js';
import { rejectedPruning } from '../../../src/features/ingest/rejected.js';
import { receiptPdfPruning } from '../../../src/features/sales/receipt-retention.js';
import { invitePruning } from '../../../src/features/shops/invites.js';
import { chatSummaryClaimPruning } from '../../../src/features/reports/chat-summary-schedule.js';
import type { Metrics } from '../../../src/platform/observability/metrics.js';

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
/** The clock of every pass; rows are dated relative to it. */
const NOW = new Date('2026-11-28T02:00:00Z'); // 04:00 in Kyiv: after the 03:30 run
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const later = (ms: number) => new Date(NOW.getTime() + ms);
/** The features' pruning, as the service wires it. */
const TASKS = [receiptPdfPruning(400), ...rejectedPruning, invitePruning, chatSummaryClaimPruning];
/** The housekeeping schedule alone, as the service starts it. */
const startHousekeeping = (deps: { db: Database; metrics: Metrics; instanceId: string; retryMs?: number }) =>
  startSchedules([housekeepingSchedule({ tasks: TASKS, metrics: deps.metrics })], {
    db: deps.db,
    tz: 'Europe/Kyiv',
    logger: createLogger({ level: 'silent' }),
    instanceId: deps.instanceId,
    now: () => NOW,
    ...(deps.retryMs !== undefined ? { retryMs: deps.retryMs } : {}),
  });

describe.each(databaseKinds)('nightly housekeeping on %s', (kind) => {
  let database: TestDatabase;
  let shop: Business;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    shop = await createBusiness(database);
  });
  afterAll(async () => database?.destroy());

  const clear = async () => {
    for (const table of ['outbox', 'invites', 'chat_leases', 'rejected_payloads', 'rejected_payload_days', 'schedule_runs']) {
      await database.db.execute(sql.raw(`delete from ${table}`));
    }
  };
  const job = (chatId: number, status: string, finishedAt: Date | null, note: string) => ({
    businessId: shop.id,
    chatId,
    kind: 'notice',
    status,
    finishedAt,
    createdAt: finishedAt ?? ago(20 * DAY),
    lastError: note,
  });

  it('deletes finished outbox rows, old invites, idle leases, old refused bodies and old chat-summary claims; keeps everything still in use', async () => {
    await clear();
    const db = database.db;
    await db.insert(outbox).values([
      job(1, 'done', ago(15 * DAY), 'old done'),
      job(1, 'merged', ago(15 * DAY), 'old merged'),
      job(1, 'dropped', ago(15 * DAY), 'old dropped'),
      job(1, 'done', ago(13 * DAY), 'recent done'),
      job(1, 'dead', ago(30 * DAY), 'dead a month'),
      job(1, 'dead', ago(91 * DAY), 'dead a quarter'),
      job(1, 'pending', null, 'pending for weeks'),
    ]);
    // A job in flight: pending and leased by a worker.
    await db.insert(outbox).values({ ...job(1, 'pending', null, 'in flight'), leasedBy: 'w1', leaseUntil: later(60_000), attempts: 3 });

    await db.insert(invites).values([
      { codeHash: 'used-old', businessId: shop.id, createdBy: 1, createdAt: ago(40 * DAY), expiresAt: ago(33 * DAY), usedAt: ago(31 * DAY), usedByChat: 5 },
      { codeHash: 'used-recent', businessId: shop.id, createdBy: 1, createdAt: ago(10 * DAY), expiresAt: ago(3 * DAY), usedAt: ago(9 * DAY), usedByChat: 6 },
      { codeHash: 'expired-old', businessId: shop.id, createdBy: 1, createdAt: ago(38 * DAY), expiresAt: ago(31 * DAY) },
      { codeHash: 'expired-recent', businessId: shop.id, createdBy: 1, createdAt: ago(10 * DAY), expiresAt: ago(3 * DAY) },
      { codeHash: 'open', businessId: shop.id, createdBy: 1, createdAt: ago(1 * DAY), expiresAt: later(6 * DAY) },
    ]);

    await db.insert(chatLeases).values([
      { chatId: 1, leasedBy: '', leaseUntil: ago(5 * DAY) }, // idle, but its chat has pending jobs
      { chatId: 2, leasedBy: '', leaseUntil: ago(5 * DAY), notBefore: ago(5 * DAY) }, // idle
      { chatId: 3, leasedBy: '', leaseUntil: sql`'-infinity'::timestamptz` }, // never leased, no budget: idle
      { chatId: 4, leasedBy: 'w1', leaseUntil: later(30_000) }, // a worker holds it
      { chatId: 5, leasedBy: '', leaseUntil: ago(5 * DAY), notBefore: later(10 * 60_000) }, // retry_after in force
      { chatId: 6, leasedBy: '', leaseUntil: ago(10 * 60_000), notBefore: ago(10 * 60_000) }, // sent to minutes ago
    ]);

    const body = (receivedAt: Date) => ({
      businessId: shop.id,
      status: 422,
      problems: ['uuid'],
      contentType: 'application/json',
      body: Buffer.from('{}'),
      bodySize: 2,
      bodySha256: 'x',
      receivedAt,
    });
    await db.insert(rejectedPayloads).values([body(ago(31 * DAY)), body(ago(29 * DAY)), body(ago(1 * HOUR))]);
    await db.insert(rejectedPayloadDays).values([
      { businessId: shop.id, day: '2026-10-01', kept: 200, dropped: 5 },
      { businessId: shop.id, day: '2026-11-27', kept: 1, dropped: 0 },
    ]);

    // Chat summaries' claims: done 8 days ago (pruned), 6 days ago, not done; another job's.
    const claim = (job: string, slot: string, claimedAt: Date, finishedAt: Date | null) => ({ job, slot, claimedBy: 'i1', claimedAt, finishedAt });
    await db.insert(scheduleRuns).values([
      claim('chat-summary', '1:2026-11-20', ago(8 * DAY), ago(8 * DAY)),
      claim('chat-summary', '1:2026-11-22', ago(6 * DAY), ago(6 * DAY)),
      claim('chat-summary', '2:2026-11-20', ago(8 * DAY), null),
      claim('daily-summary', '2026-11-20', ago(8 * DAY), ago(8 * DAY)),
    ]);

    const pruned = await runHousekeeping(db, { tasks: TASKS, now: NOW });
    expect(pruned).toEqual({ check_pdfs: 0, rejected_payloads: 1, rejected_payload_days: 1, outbox: 4, invites: 2, chat_leases: 2, schedule_runs: 1 });

    const left = await db.select({ note: outbox.lastError }).from(outbox).orderBy(asc(outbox.id));
    expect(left.map((r) => r.note)).toEqual(['recent done', 'dead a month', 'pending for weeks', 'in flight']);
    const codes = await db.select({ code: invites.codeHash }).from(invites).orderBy(asc(invites.codeHash));
    expect(codes.map((r) => r.code)).toEqual(['expired-recent', 'open', 'used-recent']);
    const leases = await db.select({ chatId: chatLeases.chatId }).from(chatLeases).orderBy(asc(chatLeases.chatId));
    expect(leases.map((r) => r.chatId)).toEqual([1, 4, 5, 6]);
    expect(await db.select({ id: rejectedPayloads.id }).from(rejectedPayloads)).toHaveLength(2);
    const days = await db.select({ day: rejectedPayloadDays.day }).from(rejectedPayloadDays);
    expect(days.map((d) => d.day)).toEqual(['2026-11-27']);
    const claims = await db.select({ job: scheduleRuns.job, slot: scheduleRuns.slot }).from(scheduleRuns).orderBy(asc(scheduleRuns.job), asc(scheduleRuns.slot));
    expect(claims).toEqual([
      { job: 'chat-summary', slot: '1:2026-11-22' },
      { job: 'chat-summary', slot: '2:2026-11-20' },
      { job: 'daily-summary', slot: '2026-11-20' },
    ]);

    // Idempotent.
    expect(Object.values(await runHousekeeping(db, { tasks: TASKS, now: NOW })).every((n) => n === 0)).toBe(true);
  });

  it('deletes in batches until nothing old is left', async () => {
    await clear();
    await database.db.execute(sql`
      insert into outbox (business_id, chat_id, kind, status, finished_at, created_at)
      select ${shop.id}, 7, 'notice', 'done', ${ago(20 * DAY).toISOString()}::timestamptz, ${ago(20 * DAY).toISOString()}::timestamptz
      from generate_series(1, 2500)`);
    await database.db.insert(outbox).values(job(7, 'done', ago(1 * DAY), 'yesterday'));
    const pruned = await runHousekeeping(database.db, { tasks: TASKS, now: NOW });
    expect(pruned.outbox).toBe(2500);
    expect(await database.db.select({ id: outbox.id }).from(outbox)).toHaveLength(1);
  });

  it('a pass that failed gives the day back, and its retry does the pruning', async () => {
    await clear();
    await database.db.insert(invites).values({ codeHash: 'old', businessId: shop.id, createdBy: 1, createdAt: ago(40 * DAY), expiresAt: ago(33 * DAY) });
    await database.db.execute(sql`alter table invites rename to invites_away`);
    const schedule = startHousekeeping({ db: database.db, metrics: createMetrics(), instanceId: 'failing', retryMs: 200 });
    try {
      await schedule.ready;
      expect(await database.db.select().from(scheduleRuns).where(eq(scheduleRuns.job, HOUSEKEEPING_JOB))).toHaveLength(0);
      await database.db.execute(sql`alter table invites_away rename to invites`);
      const until = Date.now() + 8_000;
      while ((await database.db.select({ code: invites.codeHash }).from(invites)).length > 0) {
        if (Date.now() > until) throw new Error('the retry did not prune');
        await new Promise((r) => setTimeout(r, 50));
      }
      const claims = await database.db.select().from(scheduleRuns).where(eq(scheduleRuns.job, HOUSEKEEPING_JOB));
      expect(claims).toHaveLength(1);
    } finally {
      await schedule.stop();
      await database.db.execute(sql`alter table if exists invites_away rename to invites`);
    }
  });

  it('runs once a day across instances (claimed), counts pruned rows per table, and stops', async () => {
    await clear();
    await database.db.insert(outbox).values([job(8, 'done', ago(20 * DAY), 'a'), job(8, 'dropped', ago(20 * DAY), 'b')]);
    const second: DatabaseHandle = kind === 'postgres' ? await openDatabase({ databaseUrl: database.url, maxConnections: 2 }) : database;
    const instances = [database.db, second.db].map((db, i) => {
      const metrics = createMetrics();
      const schedule = startHousekeeping({ db, metrics, instanceId: `instance-${i}` });
      return { metrics, schedule };
    });
    try {
      await Promise.all(instances.map((x) => x.schedule.ready));
      const counted = await Promise.all(
        instances.map(async (x) => (await x.metrics.pruned.get()).values.filter((v) => v.labels.table === 'outbox').reduce((n, v) => n + v.value, 0)),
      );
      expect(counted.sort()).toEqual([0, 2]);
      expect(await database.db.select({ id: outbox.id }).from(outbox)).toHaveLength(0);
      const claims = await database.db.select().from(scheduleRuns).where(eq(scheduleRuns.job, HOUSEKEEPING_JOB));
      expect(claims).toHaveLength(1);
      expect(claims[0]).toMatchObject({ slot: '2026-11-28' });
      expect(claims[0]!.finishedAt).not.toBeNull();

      // A later start the same day (a restart) finds the day done.
      await database.db.insert(outbox).values(job(8, 'done', ago(20 * DAY), 'c'));
      const again = startHousekeeping({ db: database.db, metrics: createMetrics(), instanceId: 'instance-2' });
      await again.ready;
      await again.stop();
      expect(await database.db.select({ id: outbox.id }).from(outbox)).toHaveLength(1);
    } finally {
      await Promise.all(instances.map((x) => x.schedule.stop()));
      if (second !== database) await second.close();
    }
  });
});
