import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';
import { createBusiness } from '../../support/app.js';
import { variant } from '../../support/fixtures.js';
import { parseCheck, type NormalisedCheck } from '../../../src/features/ingest/normalise.js';
import { ingestWithTokens, type IngestOutcome } from '../../../src/features/ingest/ingest.js';
import { storeChecks } from '../../../src/features/ingest/store-statement.js';
import { cashDesks, outbox } from '../../../src/platform/db/schema.js';
import { queryRows } from '../../../src/platform/db/rows.js';

/**
 * The cash desk limit per shop (MAX_CASH_DESKS_PER_SHOP) holds under concurrency: two
 * transactions that each count the shop's desks before the other commits cannot both create a
 * desk past the limit, whichever way they interleave, on one instance or many.
 */

const TZ = 'Europe/Kyiv';

function deskCheck(numFiscal: string): NormalisedCheck {
  const parsed = parseCheck(variant('sale-cash', randomUUID(), (c) => (c.num_fiscal = numFiscal)), TZ);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.check;
}

describe.each(databaseKinds)('the cash desk limit under concurrency (%s)', (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.destroy();
  });

  const desksOf = async (businessId: number) => (await database.db.select().from(cashDesks).where(eq(cashDesks.businessId, businessId))).length;
  const capNotices = async (businessId: number) =>
    (await database.db.select().from(outbox).where(and(eq(outbox.businessId, businessId), eq(outbox.kind, 'notice')))).filter(
      (n) => (n.payload as { key: string }).key === 'cash_desk_cap',
    ).length;

  /** Whether a backend of this database waits for a lock now. */
  const someoneWaits = async () => {
    const [row] = await queryRows<{ n: unknown }>(
      database.db,
      sql`select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
    );
    return Number(row!.n) > 0;
  };

  it('a transaction that counted the desks before a rival committed its new desk does not pass the limit', async () => {
    const cap = 2;
    const shop = await createBusiness(database);
    const [first] = await ingestWithTokens(database.db, [{ business: shop, check: deskCheck('R1'), receivedAt: new Date() }], { maxCashDesks: cap });
    expect(first!.status).toBe('stored');

    // A stores the first check of desk R2 (the shop's last place) and holds its transaction open;
    // B, a whole ingest of desk R3, runs meanwhile: it either finishes at once, or waits for A.
    let commitA!: () => void;
    const aMayCommit = new Promise<void>((resolve) => (commitA = resolve));
    let aStored!: () => void;
    const aHasStored = new Promise<void>((resolve) => (aStored = resolve));
    const a = database.db.transaction(async (tx) => {
      const stored = await storeChecks(tx, [{ ord: 0, business: shop, check: deskCheck('R2'), receivedAt: new Date() }], cap);
      aStored();
      await aMayCommit;
      return stored;
    });
    await aHasStored;
    let bDone = false;
    const b = ingestWithTokens(database.db, [{ business: shop, check: deskCheck('R3'), receivedAt: new Date() }], { maxCashDesks: cap }).finally(
      () => (bDone = true),
    );
    for (let i = 0; i < 500 && !bDone && !(await someoneWaits()); i++) await new Promise((r) => setTimeout(r, 10));
    commitA();
    const [aStoredRows, [bOutcome]] = await Promise.all([a, b]);

    expect(aStoredRows.checks[0]!.checkId).not.toBeNull();
    expect(bOutcome!.status).toBe('refused');
    expect(await desksOf(shop.id)).toBe(cap);
    expect(await capNotices(shop.id)).toBe(1);
  });

  it('many rounds of concurrent batches of new desks, each in its own transaction: never past the limit, the owner told once', async () => {
    const cap = 5;
    for (let round = 0; round < 6; round++) {
      const shop = await createBusiness(database);
      // Eight transactions at once, each with two or three new desks of the same shop.
      const batches = Array.from({ length: 8 }, (_, t) =>
        Array.from({ length: 2 + (t % 2) }, (_, k) => ({ business: shop, check: deskCheck(`N${round}-${t}-${k}`), receivedAt: new Date() })),
      );
      const outcomes: IngestOutcome[] = (await Promise.all(batches.map((batch) => ingestWithTokens(database.db, batch, { maxCashDesks: cap })))).flat();
      expect(outcomes.filter((o) => o.status === 'stored')).toHaveLength(cap);
      expect(outcomes.filter((o) => o.status === 'refused')).toHaveLength(outcomes.length - cap);
      expect(await desksOf(shop.id)).toBe(cap);
      expect(await capNotices(shop.id)).toBe(1);
    }
  });
});
