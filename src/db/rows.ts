import type { SQL } from 'drizzle-orm';
import type { Executor } from './client.js';

/**
 * Rows of a raw SQL query, whichever driver ran it: postgres.js answers an array, PGlite an
 * object with `rows`. Numbers from bigint and numeric columns may come as strings: convert them
 * where they are read.
 */
export async function queryRows<T extends Record<string, unknown>>(db: Executor, query: SQL): Promise<T[]> {
  const answer: unknown = await db.execute(query);
  const result = answer as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/** What of drizzle's database object a prepared statement needs (its session and SQL dialect). */
interface DrizzleInternals {
  session: {
    prepareQuery(query: { sql: string; params: unknown[] }, fields: undefined, name: string, arrayMode: boolean): { execute(): Promise<unknown> };
  };
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
}

/**
 * queryRows for the statements of every ingested check: on PostgreSQL a named (prepared)
 * statement, planned once per connection and then run from its plan, where `db.execute` sends
 * an unnamed one that the server plans anew each time (for ingest's one large statement that
 * planning took 4–8 ms of the 10 a check cost: README "Performance"). The SQL text must not vary
 * between calls (the values go in parameters), or each variant would be kept as a statement of
 * its own. On PGlite, which keeps no named statements, the same as queryRows. Falls back to
 * queryRows if drizzle's internals ever change shape.
 */
export async function queryRowsPrepared<T extends Record<string, unknown>>(db: Executor, name: string, query: SQL): Promise<T[]> {
  const internals = db as unknown as Partial<DrizzleInternals>;
  if (typeof internals.session?.prepareQuery !== 'function' || typeof internals.dialect?.sqlToQuery !== 'function') return queryRows(db, query);
  const answer = await internals.session.prepareQuery(internals.dialect.sqlToQuery(query), undefined, name, false).execute();
  const result = answer as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}
