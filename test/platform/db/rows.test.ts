import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparedStatement, queryRows } from '../../../src/platform/db/rows.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';

describe.each(databaseKinds)('preparedStatement (%s)', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.destroy();
  });

  const rowsOf = (n: number) => JSON.stringify([{ n }, { n: n + 1 }]);
  const query = (rows: unknown) => sql`select x.n * 2 as doubled, 'rows-test-marker' as marker from jsonb_to_recordset(${rows}::jsonb) as x(n int) order by x.n`;
  const doubled = preparedStatement<{ rows: string }>('rows_test', query(sql.placeholder('rows')));

  it('answers the same rows as queryRows, with each call its own values', async () => {
    expect(await doubled.rows(database.db, { rows: rowsOf(20) })).toEqual(await queryRows(database.db, query(rowsOf(20))));
    const rows = await doubled.rows<{ doubled: number }>(database.db, { rows: rowsOf(5) });
    expect(rows.map((r) => Number(r.doubled))).toEqual([10, 12]);
    // Inside a transaction too.
    const inTx = await database.db.transaction((tx) => doubled.rows<{ doubled: number }>(tx, { rows: rowsOf(7) }));
    expect(inTx.map((r) => Number(r.doubled))).toEqual([14, 16]);
  });

  it.runIf(kind === 'postgres')('is a named statement on PostgreSQL, prepared once per connection and reused', async () => {
    await database.db.transaction(async (tx) => {
      for (let n = 0; n < 3; n++) await doubled.rows(tx, { rows: rowsOf(n) });
      await queryRows(tx, query(rowsOf(9))); // db.execute's way: unnamed, never kept
      const kept = await queryRows<{ n: unknown }>(tx, sql`select count(*) as n from pg_prepared_statements where statement like '%rows-test-marker%' and statement not like '%pg_prepared_statements%'`);
      expect(Number(kept[0]!.n)).toBe(1);
    });
  });

  it('says so when drizzle is not what it expects, rather than running something else', async () => {
    await expect(doubled.rows({} as typeof database.db, { rows: rowsOf(1) })).rejects.toThrow(/drizzle's session and dialect/);
  });
});
