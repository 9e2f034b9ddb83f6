import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema.js';

type Schema = typeof schema;
/** The drizzle database, whichever driver is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself: what repository functions take. */
export type Executor = Parameters<Parameters<Database['transaction']>[0]>[0] | Database;

export interface DatabaseHandle {
  db: Database;
  driver: 'postgres' | 'pglite';
  /** The postgres:// URL it was opened with (other pools of the service open the same). */
  url?: string;
  /** Answers quickly whether the database takes queries now. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** `drizzle/` at the project root, from src/db (tsx) or dist/src/db (compiled). */
const MIGRATIONS_FOLDER = (() => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../../drizzle'), path.resolve(here, '../../../drizzle')];
  return candidates.find((dir) => existsSync(path.join(dir, 'meta', '_journal.json'))) ?? candidates[0]!;
})();

/** Serialises migrations across instances starting at once (any constant will do). */
const MIGRATION_LOCK_KEY = 727_001;

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite's folder; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  /** Pool size for postgres.js. */
  maxConnections?: number;
  /** Called with the text of every statement the service issues (tests count them); never logs. */
  onQuery?: (query: string) => void;
}

/** Opens the database named by the settings and brings its schema up to date. */
export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  const logger = options.onQuery ? { logQuery: options.onQuery } : undefined;
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.maxConnections ?? 10, logger);
  return openPglite(options.dataDir ?? './data', logger);
}

/** drizzle's query logger: here only the statement counter of the tests. */
type QueryLogger = { logQuery: (query: string) => void } | undefined;

async function openPostgres(url: string, max: number, logger: QueryLogger): Promise<DatabaseHandle> {
  await migratePostgresOnce(url);
  const client = postgres(url, {
    max,
    connect_timeout: 3,
    // postgres.js waits before reconnecting, up to 20 s after repeated failures (its default),
    // holding every query meanwhile: webhooks then hang instead of answering 503 while the
    // database is down, and stay slow for seconds after it is back. Retry within half a second.
    backoff: (retries: number) => Math.min(0.1 * retries, 0.5),
    idle_timeout: 60,
    onnotice: () => {},
    connection: { application_name: 'cashdesk-telegram' },
  });
  const db = drizzlePostgres({ client, schema, ...(logger ? { logger } : {}) }) as unknown as Database;
  return {
    db,
    driver: 'postgres',
    url,
    ping: () => pingWithin(db, 2000),
    close: () => client.end({ timeout: 5 }),
  };
}

/** Applies pending migrations under an advisory lock, so two instances starting together take turns. */
async function migratePostgresOnce(url: string): Promise<void> {
  const client = postgres(url, { max: 1, connect_timeout: 10, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(drizzlePostgres({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** PGlite (a WebAssembly PostgreSQL) is loaded only when it is used. */
async function openPglite(dataDir: string, logger: QueryLogger): Promise<DatabaseHandle> {
  const [{ PGlite }, { pg_trgm }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    // The Mini App's product-name search (a trigram index over item names).
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const extensions = { pg_trgm };
  const client = inMemory ? new PGlite({ extensions }) : new PGlite(path.resolve(dataDir, 'pglite'), { extensions });
  await client.waitReady;
  // A new 16 MB WAL segment (one each 16 MB of checks, about 400 of them) was written full of
  // zeros first, on this thread: a stall of 50-130 ms in the webhook's answers. Without the
  // zeros PostgreSQL only creates the file (safe; it is a speed setting, PostgreSQL docs 20.5.1).
  await client.exec('set wal_init_zero = off');
  const db = drizzlePglite({ client, schema, ...(logger ? { logger } : {}) }) as unknown as Database;
  await migratePglite(drizzlePglite({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
  return {
    db,
    driver: 'pglite',
    ping: () => pingWithin(db, 2000),
    close: () => client.close(),
  };
}

async function pingWithin(db: Database, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([db.execute(sql`select 1`).then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
