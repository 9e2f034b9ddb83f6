import postgres from 'postgres';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { sql } from 'drizzle-orm';
import type { Database, DatabaseHandle, Executor } from './client.js';
import { sqlState } from './errors.js';
import * as schema from './schema.js';

/**
 * A small pool of its own for work that must not take the connections ingest and delivery need
 * (the Mini App's reads), every statement under a statement timeout. Opened from the same URL as
 * the main handle; a handle without a URL (PGlite, one connection) runs the work on the main
 * handle in a transaction with `set local statement_timeout`.
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

export function openQueryPool(handle: Pick<DatabaseHandle, 'db' | 'url'>, options: QueryPoolOptions = {}): QueryPool {
  const timeoutMs = Math.max(1, Math.floor(options.statementTimeoutMs ?? 2000));
  if (!handle.url) return onMainHandle(handle.db, timeoutMs);
  const client = postgres(handle.url, {
    max: options.max ?? 3,
    connect_timeout: 3,
    backoff: (retries: number) => Math.min(0.1 * retries, 0.5),
    idle_timeout: 60,
    onnotice: () => {},
    connection: { application_name: options.applicationName ?? 'cashdesk-telegram-reads', statement_timeout: timeoutMs },
  });
  const db = drizzlePostgres({ client, schema }) as unknown as Database;
  return {
    run: (work) => work(db),
    close: () => client.end({ timeout: 5 }),
  };
}

/** The fallback while the main handle is PGlite: the main handle, a transaction per unit of work. */
function onMainHandle(db: Database, timeoutMs: number): QueryPool {
  return {
    run: (work) =>
      db.transaction(async (tx) => {
        await tx.execute(sql.raw(`set local statement_timeout = ${timeoutMs}`));
        return work(tx);
      }),
    close: async () => {},
  };
}

/** PostgreSQL cancelled the statement: the statement timeout (SQLSTATE 57014, query_canceled). */
export function isStatementTimeout(err: unknown): boolean {
  return sqlState(err) === '57014';
}
