import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, queryRowsPrepared } from '../../src/db/rows.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/databases.js';

describe.each(databaseKinds)('queryRowsPrepared (%s)', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.destroy();
  });

  const query = (n: number) => sql`select x.n * 2 as doubled, 'rows-test-marker' as marker from jsonb_to_recordset(${JSON.stringify([{ n }, { n: n + 1 }])}::jsonb) as x(n int) order by x.n`;

  it('answers the same rows as queryRows', async () => {
    expect(await queryRowsPrepared(database.db, 'rows_test', query(20))).toEqual(await queryRows(database.db, query(20)));
    const rows = await queryRowsPrepared<{ doubled: number }>(database.db, 'rows_test', query(5));
    expect(rows.map((r) => Number(r.doubled))).toEqual([10, 12]);
  });

  it.runIf(kind === 'postgres')('is a named statement on PostgreSQL, prepared once per connection and reused', async () => {
    await database.db.transaction(async (tx) => {
      for (let n = 0; n < 3; n++) await queryRowsPrepared(tx, 'rows_test', query(n));
      await queryRows(tx, query(9)); // db.execute's way: unnamed, never kept
      const kept = await queryRows<{ n: unknown }>(tx, sql`select count(*) as n from pg_prepared_statements where statement like '%rows-test-marker%' and statement not like '%pg_prepared_statements%'`);
      expect(Number(kept[0]!.n)).toBe(1);
    });
  });
});
