import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';
import { createBusiness } from '../../support/app.js';
import { variant } from '../../support/fixtures.js';
import { parseCheck } from '../../../src/features/ingest/normalise.js';
import { ingestCheck } from '../../../src/features/ingest/ingest.js';
import { pruneReceiptPdfs } from '../../../src/features/sales/receipt-retention.js';
import { checkPdfs, checks } from '../../../src/platform/db/schema.js';

describe.each(databaseKinds)('receipt PDF retention on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => database?.destroy());

  it('prunes PDFs of checks older than the retention, keeping the checks and their links', async () => {
    const business = await createBusiness(database);
    const store = async (uuid: string, date: string) => {
      const parsed = parseCheck(variant('sale-cash', uuid, (c) => (c.ORDERDATE = date)), 'Europe/Kyiv');
      if (!parsed.ok) throw new Error(parsed.problems.join());
      return (await ingestCheck(database.db, business, parsed.check)).checkId;
    };
    const old = await store('aaaaaaaa-0000-4000-8000-000000000001', '2025-10-01');
    const recent = await store('aaaaaaaa-0000-4000-8000-000000000002', '2026-11-01');

    const now = new Date('2026-11-28T12:00:00Z');
    expect(await pruneReceiptPdfs(database.db, 400, now)).toBe(1);
    expect(await pruneReceiptPdfs(database.db, 400, now)).toBe(0); // idempotent

    const pdfs = await database.db.select({ checkId: checkPdfs.checkId }).from(checkPdfs);
    expect(pdfs.map((p) => p.checkId)).toEqual([recent]);
    const [oldCheck] = await database.db.select().from(checks).where(eq(checks.id, old));
    expect(oldCheck).toMatchObject({ hasPdf: false, totalKop: 14860 });
    expect(oldCheck!.link).toMatch(/^https:/);
    const [recentCheck] = await database.db.select().from(checks).where(eq(checks.id, recent));
    expect(recentCheck!.hasPdf).toBe(true);
  });
});
