import type { SQL } from 'drizzle-orm';
import type { Executor } from './client.js';

/**
 * Rows of a raw SQL query (postgres.js answers an array; a driver answering `{ rows }` is taken
 * too). Numbers from bigint and numeric columns may come as strings: convert them
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
    prepareQuery(query: { sql: string; params: unknown[] }, fields: undefined, name: string, arrayMode: boolean): { execute(values: Record<string, unknown>): Promise<unknown> };
  };
  dialect: object & { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
}

/** A statement for ingest's hot path: its text built once, its values given per call. */
export interface PreparedStatement<V extends Record<string, unknown>> {
  readonly name: string;
  rows<T extends Record<string, unknown>>(db: Executor, values: V): Promise<T[]>;
}

/**
 * A statement for the statements of every ingested check, written with `sql.placeholder(key)`
 * for its values. Its text is built ONCE (drizzle otherwise rebuilds a statement's text from its
 * template on every call: for ingest's large statement that was a quarter of all the memory the
 * service allocated per check, README "Performance"), and on PostgreSQL it is a named statement,
 * planned once per connection and then run from its plan, where `db.execute` sends an unnamed
 * one that the server plans anew each time (for ingest's large statement that planning took 4–8
 * ms of the 10 a check cost). Throws if drizzle's internals ever change shape (test/platform/db/rows.test.ts).
 */
export function preparedStatement<V extends Record<string, unknown>>(name: string, query: SQL): PreparedStatement<V> {
  const texts = new WeakMap<object, { sql: string; params: unknown[] }>();
  return {
    name,
    async rows<T extends Record<string, unknown>>(db: Executor, values: V): Promise<T[]> {
      const internals = db as unknown as Partial<DrizzleInternals>;
      if (typeof internals.session?.prepareQuery !== 'function' || typeof internals.dialect?.sqlToQuery !== 'function') {
        throw new Error(`prepared statement ${name}: drizzle's session and dialect are not what platform/db/rows.ts expects`);
      }
      let text = texts.get(internals.dialect);
      if (!text) {
        text = internals.dialect.sqlToQuery(query);
        texts.set(internals.dialect, text);
      }
      const answer = await internals.session.prepareQuery(text, undefined, name, false).execute(values);
      const result = answer as T[] | { rows: T[] };
      return Array.isArray(result) ? result : result.rows;
    },
  };
}
