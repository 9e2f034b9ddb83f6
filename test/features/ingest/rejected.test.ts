import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';
import { createBusiness } from '../../support/app.js';
import { outbox, rejectedPayloadDays, rejectedPayloads } from '../../../src/platform/db/schema.js';
import {
  bodyBeginning,
  REJECTED_BODIES_PER_DAY,
  REJECTED_BODY_KEEP_BYTES,
  REJECTED_NOTICE_WINDOW_MS,
  storeRejected,
} from '../../../src/features/ingest/rejected.js';

describe('bodyBeginning', () => {
  it('keeps a body within the limit as it is', () => {
    const body = Buffer.from('{"a":"\u0000ї"}');
    expect(bodyBeginning(body, 64)).toBe(body);
  });

  it('cuts a longer body at the limit when that is a character boundary', () => {
    const body = Buffer.alloc(100, 'a');
    expect(bodyBeginning(body, 64)).toEqual(Buffer.alloc(64, 'a'));
  });

  it.each([
    ['2-byte', 'ї'],
    ['3-byte', '₴'],
    ['4-byte', '😀'],
  ])('never ends inside a %s UTF-8 character', (_name, char) => {
    const width = Buffer.byteLength(char);
    for (let offset = 0; offset < width + 1; offset++) {
      const body = Buffer.from('x'.repeat(offset) + char.repeat(40));
      const kept = bodyBeginning(body, 32);
      expect(kept.length).toBeLessThanOrEqual(32);
      expect(kept.length).toBeGreaterThan(32 - width);
      const text = kept.toString('utf8');
      expect(text).not.toContain('\uFFFD');
      expect(Buffer.from(text, 'utf8')).toEqual(kept);
    }
  });

  it('keeps NUL bytes and invalid bytes as they came (bytes, not text)', () => {
    const body = Buffer.concat([Buffer.from([0, 0xff, 0xfe, 0]), Buffer.alloc(100, 0)]);
    expect(bodyBeginning(body, 10)).toEqual(body.subarray(0, 10));
  });
});

describe.each(databaseKinds)('storeRejected on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => database?.destroy());

  const input = (businessId: number, body: Buffer) => ({ businessId, status: 422, problems: ['uuid', 'total'], contentType: 'application/json', body });

  it('keeps only the first 64 KiB of a body, with the whole body size and sha256', async () => {
    const shop = await createBusiness(database);
    const whole = Buffer.from(JSON.stringify({ name: 'Сир твердий ₴ 😀 \u0000'.repeat(8000) }));
    expect(whole.length).toBeGreaterThan(3 * REJECTED_BODY_KEEP_BYTES);
    await storeRejected(database.db, input(shop.id, whole));
    const [row] = await database.db.select().from(rejectedPayloads).where(eq(rejectedPayloads.businessId, shop.id));
    expect(row!.body.length).toBeLessThanOrEqual(REJECTED_BODY_KEEP_BYTES);
    expect(row!.body.length).toBeGreaterThan(REJECTED_BODY_KEEP_BYTES - 4);
    expect(Buffer.compare(row!.body, whole.subarray(0, row!.body.length))).toBe(0);
    expect(row!.body.toString('utf8')).not.toContain('\uFFFD');
    expect(row!.bodySize).toBe(whole.length);
    expect(row!.bodySha256).toBe(createHash('sha256').update(whole).digest('hex'));
  });

  it('keeps at most 200 bodies per business a day, counts the rest, and still tells the owner at most once an hour', async () => {
    const shop = await createBusiness(database);
    const other = await createBusiness(database);
    const start = new Date('2026-11-28T08:00:00Z');
    const results = [];
    for (let i = 0; i < REJECTED_BODIES_PER_DAY + 5; i++) {
      results.push(await storeRejected(database.db, input(shop.id, Buffer.from(`{"n":${i}}`)), new Date(start.getTime() + i * 1000)));
    }
    expect(results.filter((r) => r.kept)).toHaveLength(REJECTED_BODIES_PER_DAY);
    expect(results.slice(REJECTED_BODIES_PER_DAY).every((r) => !r.kept)).toBe(true);
    expect(results.filter((r) => r.notified)).toHaveLength(1);
    const kept = await database.db.select({ body: rejectedPayloads.body }).from(rejectedPayloads).where(eq(rejectedPayloads.businessId, shop.id)).orderBy(asc(rejectedPayloads.id));
    expect(kept).toHaveLength(REJECTED_BODIES_PER_DAY);
    expect(kept.at(-1)!.body.toString()).toBe(`{"n":${REJECTED_BODIES_PER_DAY - 1}}`);
    const [day] = await database.db.select().from(rejectedPayloadDays).where(eq(rejectedPayloadDays.businessId, shop.id));
    expect(day).toMatchObject({ day: '2026-11-28', kept: REJECTED_BODIES_PER_DAY, dropped: 5 });

    // Over the cap, an hour later: not kept, but the owner hears of it again.
    const hourLater = new Date(start.getTime() + REJECTED_NOTICE_WINDOW_MS + 300_000);
    expect(await storeRejected(database.db, input(shop.id, Buffer.from('{}')), hourLater)).toEqual({ kept: false, notified: true });
    const notices = await database.db
      .select({ payload: outbox.payload })
      .from(outbox)
      .where(and(eq(outbox.businessId, shop.id), eq(outbox.kind, 'notice')))
      .orderBy(asc(outbox.id));
    expect(notices.map((n) => n.payload)).toEqual([
      { key: 'rejected_check', args: { problems: 2 } },
      { key: 'rejected_check', args: { problems: 2, kept: false, cap: REJECTED_BODIES_PER_DAY } },
    ]);

    // Another business has its own cap; the next day the first one's bodies are kept again.
    expect((await storeRejected(database.db, input(other.id, Buffer.from('{}')), hourLater)).kept).toBe(true);
    const nextDay = new Date('2026-11-29T00:00:10Z');
    expect(await storeRejected(database.db, input(shop.id, Buffer.from('{}')), nextDay)).toEqual({ kept: true, notified: true });
  });
});
