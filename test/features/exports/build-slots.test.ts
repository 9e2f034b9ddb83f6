import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Business } from '../../../src/features/shops/businesses.js';
import { createBuildSlots, exportBuilds, EXPORT_BUILDS_AT_ONCE } from '../../../src/features/exports/build-slots.js';
import { queueExport } from '../../../src/features/exports/export-files.js';
import { outbox } from '../../../src/platform/db/schema.js';
import { createServiceRenderer } from '../../../src/service.js';
import { and, asc, eq } from 'drizzle-orm';
import { createBusiness } from '../../support/app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';
import { KYIV, simpleCheck, storeCheck } from '../reports/store-check.js';

describe('export build slots', () => {
  it('runs at most `limit` at once; the rest wait and start in the order they came', async () => {
    const slots = createBuildSlots(2);
    const started: number[] = [];
    const finish: Array<() => void> = [];
    const runs = [0, 1, 2, 3, 4].map((n) =>
      slots.run(async () => {
        started.push(n);
        await new Promise<void>((resolve) => finish.push(resolve));
        return n;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1]);
    expect([slots.building, slots.waiting]).toEqual([2, 3]);
    finish[1]!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    finish[0]!();
    finish[2]!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2, 3, 4]);
    finish[3]!();
    finish[4]!();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect([slots.building, slots.waiting]).toEqual([0, 0]);
  });

  it('frees the slot when a build fails', async () => {
    const slots = createBuildSlots(1);
    await expect(slots.run(() => Promise.reject(new Error('database away')))).rejects.toThrow('database away');
    expect(await slots.run(async () => 'next')).toBe('next');
    expect(slots.building).toBe(0);
  });
});

describe.each(databaseKinds)('export jobs share the process\'s build slots (%s)', (kind) => {
  let database: TestDatabase;
  let business: Business;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    business = await createBusiness(database);
    for (let i = 0; i < 30; i++) {
      const time = `${String(8 + Math.floor(i / 6)).padStart(2, '0')}:${String((i % 6) * 10).padStart(2, '0')}:00`;
      await storeCheck(database.db, business, simpleCheck({ uuid: `slot-${i}`, date: '2026-11-27', time, totalUah: '10' }));
    }
  });
  afterAll(async () => database.destroy());

  it(`six exports rendered at once build ${EXPORT_BUILDS_AT_ONCE} at a time, every file complete`, async () => {
    const chats = [1, 2, 3, 4, 5, 6].map((n) => business.ownerUserId * 10 + n);
    for (const [n, chatId] of chats.entries()) {
      await queueExport(database.db, { businessId: business.id, from: '2026-11-27', to: '2026-11-27', chatId, lang: 'uk', format: n % 2 === 0 ? 'csv' : 'xlsx' });
    }
    const jobs = await database.db.select().from(outbox).where(and(eq(outbox.kind, 'export'), eq(outbox.businessId, business.id))).orderBy(asc(outbox.id));
    expect(jobs).toHaveLength(6);
    const renderer = createServiceRenderer({ db: database.db, config: { businessTz: KYIV } });
    let most = 0;
    let waited = 0;
    let done = false;
    const watch = (async () => {
      while (!done) {
        most = Math.max(most, exportBuilds.building);
        waited = Math.max(waited, exportBuilds.waiting);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const messages = await Promise.all(jobs.map((job) => renderer.render({ ...job, kind: job.kind, payload: job.payload as Record<string, unknown> })));
    done = true;
    await watch;
    expect(most).toBe(EXPORT_BUILDS_AT_ONCE);
    expect(waited).toBeGreaterThan(0);
    for (const message of messages) expect(message!.plainText).toMatch(/^Чеки за 27\.11\.2026 – 27\.11\.2026: 30 чеків/);
    for (const message of messages) await message!.release?.();
  });
});
