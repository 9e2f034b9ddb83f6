import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { Database, DatabaseHandle, Executor } from './client.js';
import { sqlState } from './errors.js';
import * as schema from './schema.js';

/**
 * A small pool of its own for work that must not take the connections ingest and delivery need
 * (the Mini App's reads), every statement under a statement timeout. Opened to the same server as
 * the main handle (a DATABASE_URL's server or the embedded cluster).
 */
export interface QueryPool {
  /** Runs `work` with an executor of this pool; a statement over the timeout rejects (isStatementTimeout). */
  run<T>(work: (db: Executor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface QueryPoolOptions {
  /** Connections at most (default 3). */
  max?: number;
  /** Milliseconds a statement may run (default 2000). */
  statementTimeoutMs?: number;
  /** Names the pool's connections in pg_stat_activity. */
  applicationName?: string;
}

export function openQueryPool(handle: Pick<DatabaseHandle, 'openPool'>, options: QueryPoolOptions = {}): QueryPool {
  const client = handle.openPool({
    max: options.max ?? 3,
    applicationName: options.applicationName ?? 'cashdesk-telegram-reads',
    statementTimeoutMs: Math.max(1, Math.floor(options.statementTimeoutMs ?? 2000)),
  });
  const db = drizzlePostgres({ client, schema }) as unknown as Database;
  return {
    run: (work) => work(db),
    close: () => client.end({ timeout: 5 }),
  };
}

/** PostgreSQL cancelled the statement: the statement timeout (SQLSTATE 57014, query_canceled). */
export function isStatementTimeout(err: unknown): boolean {
  return sqlState(err) === '57014';
}
