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
