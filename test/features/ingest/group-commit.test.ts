import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';
import { createBusiness } from '../../support/app.js';
import { variant } from '../../support/fixtures.js';
import { parseCheck, type NormalisedCheck } from '../../../src/features/ingest/normalise.js';
import { ingestChecks, type IngestResult } from '../../../src/features/ingest/ingest.js';
import { PDF_SLOTS } from '../../../src/features/ingest/pdf-chunks.js';
import { createIngestQueue, type IngestQueue } from '../../../src/features/ingest/ingest-queue.js';
import { isPermanentDataError } from '../../../src/platform/db/errors.js';
import { cashDesks, checkItems, checkPdfs, checks, outbox } from '../../../src/platform/db/schema.js';
import type { Business } from '../../../src/features/shops/businesses.js';

/**
 * Group commit (issue 13): checks arriving while a batch is stored go to the database together,
 * in one transaction with the statements of one check, and every guarantee of one-at-a-time
 * ingest holds: idempotency by uuid (also twice within one batch), the drawer and its alerts
 * check by check in arrival order, the outbox order, one bad check failing only itself.
 */

const TZ = 'Europe/Kyiv';

function check(name: string, patch: (c: Record<string, any>) => void = () => {}, uuid = randomUUID()): NormalisedCheck {
  const parsed = parseCheck(variant(name, uuid, patch), TZ);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.check;
}

/** A check of desk `numFiscal` at 11:00:`second` with `cash` hryvnias in the drawer. */
const deskCheck = (numFiscal: string, second: number, cash: number) =>
  check('sale-cash', (b) => {
    b.num_fiscal = numFiscal;
    b.cash_in_box = cash;
    b.ORDERTIME = `11:00:${String(second).padStart(2, '0')}`;
  });

describe.each(databaseKinds)('group commit (%s)', (kind) => {
  let database: TestDatabase;
  let business: Business;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    // Low cash below 1 000.00: the fixture's drawer figures below cross it.
    business = await createBusiness(database, { defaultLowCashKop: 100_000 });
  });
  afterAll(async () => {
    await database?.destroy();
  });

  const jobsOf = (ids: number[]) =>
    database.db.select().from(outbox).where(inArray(outbox.checkId, ids)).orderBy(asc(outbox.id));

  it('eight checks of one desk in one batch: 3 statements in all, stored as one at a time would', async () => {
    const nf = `nf-${randomUUID()}`;
    // 2 000, 500 (low: alert), 400 (still low), an older check at 300 (does not move the drawer),
    // 1 500 (re-armed), 200 (alert again), 250, 3 000.
    const figures: Array<[number, number]> = [[10, 2000], [11, 500], [12, 400], [5, 300], [13, 1500], [14, 200], [15, 250], [16, 3000]];
    const batch = figures.map(([s, cash]) => ({ business, check: deskCheck(nf, s, cash), receivedAt: new Date() }));
    database.statements.reset();
    const results = await ingestChecks(database.db, batch);
    expect(database.statements.count, database.statements.list.join('\n---\n')).toBe(3);

    expect(results.map((r) => r.status)).toEqual(Array(8).fill('stored'));
    const ids = results.map((r) => r.checkId);
    const jobs = await jobsOf(ids);
    // One sale alert each, low-cash alerts for the 2nd and 6th only, each right after its check's
    // sale alert; these drawers do not follow from the sales (2 000 + 148,60 ≠ 500): the watchdog
    // says so once for the desk that day, at the first check where it does not add up.
    expect(jobs.map((j) => `${ids.indexOf(j.checkId!)}:${j.kind}`)).toEqual([
      '0:sale', '1:sale', '1:low_cash', '1:drawer_mismatch', '2:sale', '3:sale', '4:sale', '5:sale', '5:low_cash', '6:sale', '7:sale',
    ]);
    expect(results.map((r) => (r.status === 'stored' ? r.jobs : -1))).toEqual([1, 3, 1, 1, 1, 2, 1, 1]);
    const [desk] = await database.db.select().from(cashDesks).where(eq(cashDesks.numFiscal, nf));
    expect(desk).toMatchObject({ cashInBoxKop: 300_000, lowCashAlerted: false });
    expect(desk!.cashInBoxAt!.toISOString()).toBe(batch[7]!.check.orderedAt.toISOString());
  });

  it('more checks with a PDF than one statement takes: a store statement per PDF_SLOTS, each PDF with its own check', async () => {
    const nf = `nf-${randomUUID()}`;
    const pdfOf = (i: number) => Buffer.from(`%PDF-1.4 check ${i} ${'x'.repeat(i)}`);
    // The first without a PDF: the slots count PDFs, not checks. Unpadded base64 for every third.
    const batch = Array.from({ length: PDF_SLOTS + 6 }, (_, i) => {
      const c = check('sale-cash', (b) => {
        b.num_fiscal = nf;
        b.ORDERTIME = `12:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
        const text = pdfOf(i).toString('base64');
        b.pdf = i === 0 ? null : i % 3 === 0 ? text.replace(/=+$/, '') : text;
      });
      return { business, check: c, receivedAt: new Date() };
    });
    database.statements.reset();
    const results = await ingestChecks(database.db, batch);
    // Two store statements, the drawers, the jobs.
    expect(database.statements.count).toBe(4);
    expect(results.every((r) => r.status === 'stored')).toBe(true);
    const ids = results.map((r) => r.checkId);
    const pdfs = await database.db.select().from(checkPdfs).where(inArray(checkPdfs.checkId, ids));
    expect(pdfs).toHaveLength(PDF_SLOTS + 5);
    for (const row of pdfs) expect(Buffer.from(row.pdf).toString()).toBe(pdfOf(ids.indexOf(row.checkId)).toString());
    const flags = await database.db.select({ id: checks.id, hasPdf: checks.hasPdf }).from(checks).where(inArray(checks.id, ids));
    expect(flags.filter((f) => !f.hasPdf).map((f) => f.id)).toEqual([ids[0]]);
    const [desk] = await database.db.select().from(cashDesks).where(eq(cashDesks.numFiscal, nf));
    expect(desk!.cashInBoxAt!.toISOString()).toBe(batch.at(-1)!.check.orderedAt.toISOString());
  });

  it('a uuid twice in one batch is stored once; the second copy is a duplicate of it', async () => {
    const nf = `nf-${randomUUID()}`;
    const uuid = randomUUID();
    const a = deskCheck(nf, 20, 2000);
    const twin = check('sale-cash', (b) => (b.num_fiscal = nf), uuid);
    const results = await ingestChecks(database.db, [
      { business, check: twin, receivedAt: new Date() },
      { business, check: a, receivedAt: new Date() },
      { business, check: twin, receivedAt: new Date() },
    ]);
    expect(results[0]!.status).toBe('stored');
    expect(results[1]!.status).toBe('stored');
    expect(results[2]).toEqual({ status: 'duplicate', checkId: results[0]!.checkId });
    const rows = await database.db.select().from(checks).where(eq(checks.uuid, uuid));
    expect(rows).toHaveLength(1);
    expect(await jobsOf([results[0]!.checkId])).toHaveLength(1);
    const items = await database.db.select().from(checkItems).where(eq(checkItems.checkId, results[0]!.checkId));
    expect(items).toHaveLength(twin.items.length);
    const pdfs = await database.db.select().from(checkPdfs).where(eq(checkPdfs.checkId, results[0]!.checkId));
    expect(Buffer.from(pdfs[0]!.pdf).equals(Buffer.from(twin.pdfBase64!, 'base64'))).toBe(true);

    // ... and a batch of only known uuids stores nothing and takes one statement.
    database.statements.reset();
    const again = await ingestChecks(database.db, [
      { business, check: a, receivedAt: new Date() },
      { business, check: twin, receivedAt: new Date() },
    ]);
    expect(again).toEqual([
      { status: 'duplicate', checkId: results[1]!.checkId },
      { status: 'duplicate', checkId: results[0]!.checkId },
    ]);
    expect(database.statements.count).toBe(1);
  });

  it('checks of two businesses in one batch each reach only their own chats', async () => {
    const other = await createBusiness(database);
    const mine = deskCheck(`nf-${randomUUID()}`, 30, 2000);
    const theirs = deskCheck(`nf-${randomUUID()}`, 31, 2000);
    const [r1, r2] = await ingestChecks(database.db, [
      { business, check: mine, receivedAt: new Date() },
      { business: other, check: theirs, receivedAt: new Date() },
    ]);
    const jobs = await jobsOf([r1!.checkId, r2!.checkId]);
    expect(jobs.map((j) => [j.checkId, j.chatId])).toEqual([
      [r1!.checkId, business.ownerUserId],
      [r2!.checkId, other.ownerUserId],
    ]);
  });

  it('the queue: checks arriving in one turn go together; those arriving while a batch is stored, in the next one', async () => {
    const sizes: number[] = [];
    const nf = `nf-${randomUUID()}`;
    const all = Array.from({ length: 12 }, (_, i) => deskCheck(nf, 40 + i, i % 2 === 0 ? 2000 : 500));
    // Two arrive in one turn of the event loop: they go together. The other ten arrive while
    // that batch is being stored: they wait for it and go together.
    const late: Array<ReturnType<IngestQueue['ingest']>> = [];
    const queue = createIngestQueue(database.db, {
      onBatch: (n) => {
        sizes.push(n);
        if (sizes.length === 1) late.push(...all.slice(2).map((c) => queue.ingest(business, c)));
      },
    });
    const early = all.slice(0, 2).map((c) => queue.ingest(business, c));
    await Promise.all(early);
    const results = await Promise.all([...early, ...late]);
    expect(sizes).toEqual([2, 10]);
    expect(queue.pending).toBe(0);
    expect(results.every((r) => r.status === 'stored')).toBe(true);
    // Every other check crosses below 1 000.00: six low-cash alerts, in the checks' order.
    const ids = results.map((r) => (r.status === 'stored' ? r.checkId : -1));
    const lows = (await jobsOf(ids)).filter((j) => j.kind === 'low_cash').map((j) => ids.indexOf(j.checkId!));
    expect(lows).toEqual([1, 3, 5, 7, 9, 11]);
  });

  it('one check the database refuses fails only itself: the rest of its batch is stored', async () => {
    const sizes: number[] = [];
    const queue = createIngestQueue(database.db, { onBatch: (n) => sizes.push(n) });
    const nf = `nf-${randomUUID()}`;
    const first = deskCheck(nf, 50, 2000);
    const good1 = deskCheck(nf, 51, 500);
    // Past bigint: what the zod ranges keep out, the database still refuses (SQLSTATE 22003).
    const bad = { ...deskCheck(nf, 52, 2000), totalKop: 1e20 };
    const good2 = deskCheck(nf, 53, 2000);
    const settled = await Promise.allSettled([first, good1, bad, good2].map((c) => queue.ingest(business, c)));
    // One batch of four, refused for the bad check, then each of the four alone.
    expect(sizes).toEqual([4]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(isPermanentDataError((settled[2] as PromiseRejectedResult).reason)).toBe(true);
    const stored = settled.filter((s): s is PromiseFulfilledResult<IngestResult> => s.status === 'fulfilled').map((s) => s.value);
    expect(stored.map((r) => r.status)).toEqual(['stored', 'stored', 'stored']);
    const rows = await database.db.select().from(checks).where(inArray(checks.uuid, [bad.uuid, good1.uuid, good2.uuid]));
    expect(rows.map((r) => r.uuid).sort()).toEqual([good1.uuid, good2.uuid].sort());
    // good1 crossed below; good2 re-armed it: exactly one low-cash alert.
    const lows = (await jobsOf(stored.map((r) => r.checkId))).filter((j) => j.kind === 'low_cash');
    expect(lows.map((j) => j.checkId)).toEqual([stored[1]!.checkId]);
  });
});
