import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../../src/platform/db/client.js';
import { queryRows } from '../../../src/platform/db/rows.js';
import { claimSlot, createRunCoordinator, pruneScheduleRuns, splitKey } from '../../../src/platform/schedules/run-coordinator.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';

describe('splitKey', () => {
  it("splits node-cron's `<name>:<ISO time>` at the first colon", () => {
    expect(splitKey('daily-summary-tick:2026-11-27T19:00:00.000Z')).toEqual({ job: 'daily-summary-tick', slot: '2026-11-27T19:00:00.000Z' });
    expect(() => splitKey('no-colon')).toThrow();
    expect(() => splitKey(':2026')).toThrow();
  });
});

describe.each(databaseKinds)('run coordinator on %s', (kind) => {
  let db: TestDatabase;
  /** A second connection pool to the same database, like a second instance (PostgreSQL only). */
  let other: DatabaseHandle;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    other = kind === 'postgres' ? await openDatabase({ databaseUrl: db.url, maxConnections: 4 }) : db;
  });
  afterAll(async () => {
    if (other && other !== db) await other.close();
    await db?.destroy();
  });

  const row = async (job: string, slot: string) =>
    (await queryRows<{ claimed_by: string; finished_at: unknown }>(db.db, sql`select claimed_by, finished_at from schedule_runs where job = ${job} and slot = ${slot}`))[0];

  it('of many instances asking for one slot at once, exactly one runs it', async () => {
    const coordinators = Array.from({ length: 8 }, (_, i) => createRunCoordinator((i % 2 ? other : db).db, { instanceId: `i${i}` }));
    const answers = await Promise.all(coordinators.map((c) => c.shouldRun('race:2026-11-27T19:00:00.000Z', 60_000)));
    expect(answers.filter(Boolean)).toHaveLength(1);
    const winner = `i${answers.indexOf(true)}`;
    expect((await row('race', '2026-11-27T19:00:00.000Z'))?.claimed_by).toBe(winner);
    // The next slot is a new race.
    const next = await Promise.all(coordinators.map((c) => c.shouldRun('race:2026-11-27T19:01:00.000Z', 60_000)));
    expect(next.filter(Boolean)).toHaveLength(1);
  });

  it('a finished slot never runs again, however old; an abandoned one is taken over after its lease', async () => {
    const a = createRunCoordinator(db.db, { instanceId: 'a' });
    const b = createRunCoordinator(other.db, { instanceId: 'b' });

    expect(await a.shouldRun('lease:1', 60_000)).toBe(true);
    await a.onComplete!('lease:1');
    expect((await row('lease', '1'))?.finished_at).not.toBeNull();
    expect(await b.shouldRun('lease:1', 0)).toBe(false);

    // `a` claims and dies without finishing: within the lease nobody else runs it…
    expect(await a.shouldRun('lease:2', 60_000)).toBe(true);
    expect(await b.shouldRun('lease:2', 60_000)).toBe(false);
    // …past it, one other instance does.
    await db.db.execute(sql`update schedule_runs set claimed_at = now() - interval '2 minutes' where job = 'lease' and slot = '2'`);
    const takeovers = await Promise.all([b.shouldRun('lease:2', 60_000), createRunCoordinator(db.db, { instanceId: 'c' }).shouldRun('lease:2', 60_000)]);
    expect(takeovers.filter(Boolean)).toHaveLength(1);
    // The dead holder's late completion does not mark the new holder's run as finished.
    await a.onComplete!('lease:2');
    expect((await row('lease', '2'))?.finished_at).toBeNull();
  });

  it('claimSlot: once for good, and not at all when its transaction rolls back', async () => {
    expect(await claimSlot(db.db, { job: 'once', slot: 'x', claimedBy: 'a' })).toBe(true);
    expect(await claimSlot(other.db, { job: 'once', slot: 'x', claimedBy: 'b' })).toBe(false);

    await expect(
      db.db.transaction(async (tx) => {
        expect(await claimSlot(tx, { job: 'once', slot: 'y', claimedBy: 'a' })).toBe(true);
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    expect(await row('once', 'y')).toBeUndefined();
    expect(await claimSlot(other.db, { job: 'once', slot: 'y', claimedBy: 'b' })).toBe(true);
  });

  it('pruning forgets old finished claims of one job only', async () => {
    await db.db.execute(sql`insert into schedule_runs (job, slot, claimed_by, claimed_at, finished_at) values
      ('prune', 'old', 'a', now() - interval '10 days', now() - interval '10 days'),
      ('prune', 'old-unfinished', 'a', now() - interval '10 days', null),
      ('prune', 'new', 'a', now(), now()),
      ('keep', 'old', 'a', now() - interval '10 days', now() - interval '10 days')`);
    await pruneScheduleRuns(db.db, { job: 'prune', olderThanMs: 7 * 86_400_000 });
    const left = await queryRows<{ job: string; slot: string }>(db.db, sql`select job, slot from schedule_runs where job in ('prune', 'keep') order by job, slot`);
    expect(left.map((r) => `${r.job}/${r.slot}`)).toEqual(['keep/old', 'prune/new', 'prune/old-unfinished']);
  });
});
