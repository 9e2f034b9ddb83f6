import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { openDatabase, type DatabaseHandle } from '../../../src/platform/db/client.js';
import { parseCheck } from '../../../src/features/ingest/normalise.js';
import { ingestWithTokens } from '../../../src/features/ingest/ingest.js';
import type { Business } from '../../../src/features/shops/businesses.js';
import { variant } from '../../support/fixtures.js';

/**
 * Migration 0008 on a database that already holds checks: the lines take their check's
 * business, the column is NOT NULL, the search index is the shop-scoped one, and the desks made
 * before it (no place under the limit) still count toward the shop's cash desk limit.
 */
interface JournalEntry {
  idx: number;
  tag: string;
}

describe('migration 0008 on a filled database', () => {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `t_mig_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const folder = mkdtempSync(path.join(tmpdir(), 'drizzle-0007-'));
  let client: postgres.Sql;
  let handle: DatabaseHandle | undefined;

  beforeAll(async () => {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    // The migrations up to 0007: the journal without its later entries.
    cpSync(path.resolve('drizzle'), folder, { recursive: true });
    const journalPath = path.join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: JournalEntry[] };
    journal.entries = journal.entries.filter((e) => e.idx <= 7);
    expect(journal.entries.at(-1)!.tag).toBe('0007_shop_name');
    writeFileSync(journalPath, JSON.stringify(journal));
    client = postgres(url.toString(), { max: 1, onnotice: () => {} });
    await migrate(drizzle({ client }), { migrationsFolder: folder });
  });
  afterAll(async () => {
    await handle?.close();
    await client?.end();
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
    rmSync(folder, { recursive: true, force: true });
  });

  it('backfills check_items.business_id, makes it NOT NULL, swaps the index; old desks count toward the limit', async () => {
    // Two shops with a desk, checks and lines, as 0007 stored them.
    const shops = await client<Array<{ id: string }>>`
      insert into businesses (owner_user_id, webhook_token, webhook_token_hash)
      values (901, 'tok-a', 'hash-a'), (902, 'tok-b', 'hash-b') returning id`;
    const [a, b] = shops.map((s) => Number(s.id));
    await client`insert into cash_desks (business_id, num_fiscal) values (${a!}, 'OLD-A'), (${b!}, 'OLD-B')`;
    await client`
      insert into checks (business_id, cash_desk_id, uuid, kind, ordered_at, business_date, total_kop, raw)
      select d.business_id, d.id, d.num_fiscal || '-' || g, 'sale', now(), current_date, 100 * g, '{}'::jsonb
      from cash_desks d, generate_series(1, 50) g`;
    await client`
      insert into check_items (check_id, position, name, amount_milli, price_kop, cost_kop)
      select c.id, p, 'Товар ' || c.uuid, 1000, c.total_kop, c.total_kop from checks c, generate_series(0, 2) p`;

    handle = await openDatabase({ databaseUrl: url.toString(), maxConnections: 4 });

    const [counts] = await client<Array<{ lines: string; wrong: string }>>`
      select count(*) as lines, count(*) filter (where i.business_id is distinct from c.business_id) as wrong
      from check_items i join checks c on c.id = i.check_id`;
    expect(counts).toEqual({ lines: '300', wrong: '0' });
    const [column] = await client<Array<{ is_nullable: string }>>`
      select is_nullable from information_schema.columns where table_name = 'check_items' and column_name = 'business_id'`;
    expect(column!.is_nullable).toBe('NO');
    const indexes = (await client<Array<{ indexname: string }>>`select indexname from pg_indexes where tablename = 'check_items'`).map((r) => r.indexname);
    expect(indexes).toContain('check_items_business_name_trgm_idx');
    expect(indexes).not.toContain('check_items_name_trgm_idx');

    // Shop A has its old desk: with a limit of 2, one new desk is taken (its place is 2), the next refused.
    const business = { id: a!, ownerUserId: 901 } as Business;
    const desk = (numFiscal: string) => {
      const parsed = parseCheck(variant('sale-cash', randomUUID(), (c) => (c.num_fiscal = numFiscal)), 'Europe/Kyiv');
      if (!parsed.ok) throw new Error(parsed.problems.join('; '));
      return { business, check: parsed.check, receivedAt: new Date() };
    };
    const outcomes = await ingestWithTokens(handle.db, [desk('NEW-1')], { maxCashDesks: 2 });
    expect(outcomes.map((o) => o.status)).toEqual(['stored']);
    expect((await ingestWithTokens(handle.db, [desk('NEW-2')], { maxCashDesks: 2 })).map((o) => o.status)).toEqual(['refused']);
    const desks = await client<Array<{ num_fiscal: string; cap_slot: number | null }>>`
      select num_fiscal, cap_slot from cash_desks where business_id = ${a!} order by id`;
    expect(desks).toEqual([
      { num_fiscal: 'OLD-A', cap_slot: null },
      { num_fiscal: 'NEW-1', cap_slot: 2 },
    ]);
    // The new check's lines carry their business.
    const [line] = await client<Array<{ business_id: string }>>`
      select i.business_id from check_items i join checks c on c.id = i.check_id join cash_desks d on d.id = c.cash_desk_id where d.num_fiscal = 'NEW-1' limit 1`;
    expect(Number(line!.business_id)).toBe(a);
  });
});
