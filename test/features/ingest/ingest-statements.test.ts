import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';
import { createBusiness } from '../../support/app.js';
import { variant } from '../../support/fixtures.js';
import { parseCheck, type NormalisedCheck } from '../../../src/features/ingest/normalise.js';
import { ingestCheck, ingestChecks } from '../../../src/features/ingest/ingest.js';
import { checkItems, checkPdfs, checks, outbox } from '../../../src/platform/db/schema.js';
import type { Business } from '../../../src/features/shops/businesses.js';

/**
 * The statements one ingested check costs (issue 13): the check with its items, payments, PDF,
 * cash desk and recipients in one; the drawer in one; the outbox jobs in one (plus the
 * transaction's BEGIN and COMMIT). Counted by the test database layer on both engines, so a
 * regression shows in CI and not only in the bench. Lines do not add statements, and neither do
 * more checks in one batch (group commit: test/features/ingest/group-commit.test.ts counts a batch).
 */

const TZ = 'Europe/Kyiv';

function check(name: string, patch: (c: Record<string, any>) => void = () => {}): NormalisedCheck {
  const parsed = parseCheck(variant(name, randomUUID(), patch), TZ);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.check;
}

/** The statements `ingestCheck` issues for one check, and its result. */
async function counted(database: TestDatabase, business: Business, c: NormalisedCheck) {
  database.statements.reset();
  const result = await ingestCheck(database.db, business, c);
  return { result, statements: database.statements.count, texts: [...database.statements.list] };
}

describe.each(databaseKinds)('statements per ingested check (%s)', (kind) => {
  let database: TestDatabase;
  let business: Business;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    // A low-cash threshold above the fixture's drawer: the first check raises an alert too.
    business = await createBusiness(database, { defaultLowCashKop: 1_000_000 });
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it('counts what the database layer runs', async () => {
    database.statements.reset();
    await database.db.select().from(checks).limit(1);
    expect(database.statements.count).toBe(1);
  });

  it('a new cash desk\'s first check, with PDF, items, payments, drawer and alerts: 3 statements', async () => {
    const c = check('sale-cash', (b) => {
      b.num_fiscal = `nf-${randomUUID()}`;
    });
    expect(c.pdfBase64).not.toBeNull();
    const { result, statements, texts } = await counted(database, business, c);
    expect(result.status).toBe('stored');
    if (result.status !== 'stored') return;
    // sale alert + low-cash alert for the owner's chat
    expect(result.jobs).toBe(2);
    expect(statements, texts.join('\n---\n')).toBe(3);

    const items = await database.db.select().from(checkItems).where(eq(checkItems.checkId, result.checkId));
    expect(items.map((i) => i.position).sort()).toEqual(c.items.map((i) => i.position).sort());
    const [pdf] = await database.db.select().from(checkPdfs).where(eq(checkPdfs.checkId, result.checkId));
    expect(Buffer.from(pdf!.pdf).equals(Buffer.from(c.pdfBase64!, 'base64'))).toBe(true);
    const jobs = await database.db.select().from(outbox).where(eq(outbox.checkId, result.checkId));
    expect(jobs.map((j) => j.kind).sort()).toEqual(['low_cash', 'sale']);
  });

  it('a further check of a known desk: 3 statements; a 150-line check no more', async () => {
    const first = await counted(database, business, check('sale-cash'));
    expect(first.result.status).toBe('stored');
    expect(first.statements, first.texts.join('\n---\n')).toBe(3);

    const long = check('long-check');
    expect(long.items.length).toBeGreaterThanOrEqual(150);
    const second = await counted(database, business, long);
    expect(second.result.status).toBe('stored');
    expect(second.statements, second.texts.join('\n---\n')).toBe(3);
  });

  it('a check without a drawer figure: 2 statements; the same uuid again: 1', async () => {
    const c = check('sale-card', (b) => {
      delete b.cash_in_box;
    });
    expect(c.cashInBoxKop).toBeNull();
    const stored = await counted(database, business, c);
    expect(stored.result.status).toBe('stored');
    expect(stored.statements, stored.texts.join('\n---\n')).toBe(2);

    const again = await counted(database, business, c);
    expect(again.result).toEqual({ status: 'duplicate', checkId: stored.result.checkId });
    expect(again.statements, again.texts.join('\n---\n')).toBe(1);
    const [row] = await database.db.select({ n: checks.id }).from(checks).where(eq(checks.uuid, c.uuid));
    expect(row!.n).toBe(stored.result.checkId);
  });

  // The watchdog (src/features/watchdog/watchdog.ts) decides from what these statements return; two cases
  // cost one statement more, and only they.
  it('a return before 14:00: 3 statements; in the afternoon, 4 (the day\'s share of returns, claimed in one)', async () => {
    const fiscal = `nf-${randomUUID()}`;
    const morning = await counted(database, business, check('return', (b) => {
      b.num_fiscal = fiscal;
      b.ORDERTIME = '13:59:00';
    }));
    expect(morning.statements, morning.texts.join('\n---\n')).toBe(3);
    const afternoon = await counted(database, business, check('return', (b) => {
      b.num_fiscal = fiscal;
      b.ORDERTIME = '14:30:00';
    }));
    expect(afternoon.statements, afternoon.texts.join('\n---\n')).toBe(4);
    expect(afternoon.texts.some((t) => t.includes('return_share_alerted_on'))).toBe(true);
  });

  it('an offline check: 4 statements (its episode); the episode\'s delayed job goes in the same enqueue', async () => {
    const fiscal = `nf-${randomUUID()}`;
    const receivedAt = new Date();
    const first = check('offline-lenient', (b) => (b.num_fiscal = fiscal));
    database.statements.reset();
    const result = await ingestCheck(database.db, business, first, receivedAt);
    expect(database.statements.count, database.statements.list.join('\n---\n')).toBe(4);
    expect(result).toMatchObject({ status: 'stored', watchdog: ['till_offline'] });
    const [job] = await database.db.select().from(outbox).where(eq(outbox.kind, 'till_offline'));
    expect(job).toMatchObject({ chatId: business.ownerUserId, checkId: null });
    expect(job!.notBefore!.getTime()).toBeGreaterThan(receivedAt.getTime() + 60_000);

    // A second late offline check of the desk a few seconds later joins the episode: no new job.
    const second = check('offline-lenient', (b) => {
      b.num_fiscal = fiscal;
      b.ORDERTIME = '23:59:00';
      b.cash_in_box = 135.6; // 80,10 + 55,50: the drawer adds up
    });
    database.statements.reset();
    const joined = await ingestCheck(database.db, business, second, new Date(receivedAt.getTime() + 5_000));
    expect(database.statements.count).toBe(4);
    expect(joined).toMatchObject({ status: 'stored', watchdog: [] });
    expect(await database.db.select().from(outbox).where(eq(outbox.kind, 'till_offline'))).toHaveLength(1);
  });
  it('an online check after an offline episode: 1 statement more, and the episode\'s job is due at its arrival; within one batch too', async () => {
    const fiscal = `nf-${randomUUID()}`;
    const openedAt = new Date();
    await ingestCheck(database.db, business, check('offline-lenient', (b) => (b.num_fiscal = fiscal)), openedAt);
    const backAt = new Date(openedAt.getTime() + 20_000);
    const online = check('sale-cash', (b) => (b.num_fiscal = fiscal));
    database.statements.reset();
    expect(await ingestCheck(database.db, business, online, backAt)).toMatchObject({ status: 'stored' });
    expect(database.statements.count, database.statements.list.join('\n---\n')).toBe(4);
    const episodeOf = async (from: Date) =>
      (await database.db.select().from(outbox).where(eq(outbox.kind, 'till_offline'))).filter((j) => (j.payload as { from: string }).from === from.toISOString());
    const [job] = await episodeOf(openedAt);
    expect(job!.notBefore).toEqual(backAt);
    expect(job!.payload).toMatchObject({ until: new Date(backAt.getTime() + 1).toISOString() });

    // The next online check costs nothing more; a later offline check opens a new episode.
    database.statements.reset();
    await ingestCheck(database.db, business, check('sale-cash', (b) => (b.num_fiscal = fiscal)), new Date(backAt.getTime() + 1_000));
    expect(database.statements.count).toBe(3);
    const again = new Date(backAt.getTime() + 5_000);
    expect(await ingestCheck(database.db, business, check('offline-lenient', (b) => (b.num_fiscal = fiscal)), again)).toMatchObject({ watchdog: ['till_offline'] });

    // Offline and online checks in one batch: the episode's job is written due at once.
    const batchFiscal = `nf-${randomUUID()}`;
    const t0 = new Date(openedAt.getTime() + 60_000);
    const t1 = new Date(t0.getTime() + 300);
    await ingestChecks(database.db, [
      { business, check: check('offline-lenient', (b) => (b.num_fiscal = batchFiscal)), receivedAt: t0 },
      { business, check: check('sale-cash', (b) => (b.num_fiscal = batchFiscal)), receivedAt: t1 },
    ]);
    const [batched] = await episodeOf(t0);
    expect(batched!.notBefore).toEqual(t1);
  });
});
