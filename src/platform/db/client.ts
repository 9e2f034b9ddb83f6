import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema.js';
import { startEmbeddedCluster, type EmbeddedCluster, type EmbeddedClusterOptions } from './embedded-cluster.js';

type Schema = typeof schema;
/** The drizzle database (postgres.js behind it). */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself: what repository functions take. */
export type Executor = Parameters<Parameters<Database['transaction']>[0]>[0] | Database;

export interface DatabaseHandle {
  db: Database;
  /** Which database this is, for logs and errors: DATABASE_URL's host and name, or the embedded cluster's folder. */
  target: string;
  /**
   * Another pool to the same server, with connections of its own (the Mini App's reads): a
   * DATABASE_URL's server or the embedded cluster's socket alike.
   */
  openPool(options: PoolOptions): postgres.Sql;
  /** Answers quickly whether the database takes queries now. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface PoolOptions {
  max: number;
  /** Names the pool's connections in pg_stat_activity. */
  applicationName: string;
  /** Milliseconds any statement of this pool may run (0: no limit). */
  statementTimeoutMs?: number;
}

/**
 * `drizzle/` at the project root, seen from this module's folder `here`: src/platform/db (tsx) or
 * dist/src/platform/db (compiled, `npm run start:prod` and the Docker image).
 */
export function migrationsFolderFrom(here: string): string {
  const candidates = [path.resolve(here, '../../../drizzle'), path.resolve(here, '../../../../drizzle')];
  return candidates.find((dir) => existsSync(path.join(dir, 'meta', '_journal.json'))) ?? candidates[0]!;
}

const MIGRATIONS_FOLDER = migrationsFolderFrom(path.dirname(fileURLToPath(import.meta.url)));

/** Serialises migrations across instances starting at once (any constant will do). */
const MIGRATION_LOCK_KEY = 727_001;

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** Without a databaseUrl: the folder of the embedded PostgreSQL cluster (DATA_DIR). */
  dataDir?: string;
  /** Pool size for postgres.js. */
  maxConnections?: number;
  /** Called with the text of every statement the service issues (tests count them); never logs. */
  onQuery?: (query: string) => void;
  /** Lines for the deployer: the embedded cluster's (a take-over, a tightened mode), a database that cannot match Cyrillic text. */
  log?: EmbeddedClusterOptions['log'];
}

/** The database could not be reached or prepared at start: the message names which one and why. */
export class DatabaseUnreachableError extends Error {
  override name = 'DatabaseUnreachableError';
}

/**
 * Opens the database named by the settings and brings its schema up to date: DATABASE_URL's
 * server, or without it the embedded PostgreSQL cluster in DATA_DIR (started, or taken over if a
 * crashed service left it running). One driver path for both: postgres.js.
 */
export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  const logger = options.onQuery ? { logQuery: options.onQuery } : undefined;
  const max = options.maxConnections ?? 10;
  if (options.databaseUrl) {
    const url = options.databaseUrl;
    const target = `DATABASE_URL (${describeUrl(url)})`;
    return openPostgres(url, {}, target, max, logger, options.log).catch((err: unknown) => {
      throw new DatabaseUnreachableError(`database unreachable: ${target}: ${causeOf(err)}`);
    });
  }
  const dataDir = options.dataDir ?? './data';
  let cluster: EmbeddedCluster;
  try {
    cluster = await startEmbeddedCluster({ dataDir, ...(options.log ? { log: options.log } : {}) });
  } catch (err) {
    throw new DatabaseUnreachableError(`database unreachable: the embedded PostgreSQL in DATA_DIR ${path.resolve(dataDir)} (no DATABASE_URL set): ${causeOf(err)}`);
  }
  try {
    const handle = await openPostgres(undefined, cluster.connection, cluster.description, max, logger, options.log);
    return {
      ...handle,
      async close() {
        await handle.close();
        await cluster.stop();
      },
    };
  } catch (err) {
    await cluster.stop();
    throw new DatabaseUnreachableError(`database unreachable: ${cluster.description} (no DATABASE_URL set): ${causeOf(err)}`);
  }
}

/** drizzle's query logger: here only the statement counter of the tests. */
type QueryLogger = { logQuery: (query: string) => void } | undefined;

/** Where postgres.js connects, besides a URL: the embedded cluster's socket. */
type Connection = { host?: string; port?: number; user?: string; database?: string };

async function openPostgres(
  url: string | undefined,
  connection: Connection,
  target: string,
  max: number,
  logger: QueryLogger,
  log: OpenOptions['log'],
): Promise<DatabaseHandle> {
  const textProblem = await migratePostgresOnce(url, connection);
  if (textProblem) log?.('warn', `${target}: ${textProblem}`);
  const connect = (options: PoolOptions): postgres.Sql => {
    const settings = {
      ...connection,
      max: options.max,
      connect_timeout: 3,
      // postgres.js waits before reconnecting, up to 20 s after repeated failures (its default),
      // holding every query meanwhile: webhooks then hang instead of answering 503 while the
      // database is down, and stay slow for seconds after it is back. Retry within half a second.
      backoff: (retries: number) => Math.min(0.1 * retries, 0.5),
      idle_timeout: 60,
      onnotice: () => {},
      connection: {
        application_name: options.applicationName,
        ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
      },
    };
    return url ? postgres(url, settings) : postgres(settings);
  };
  const client = connect({ max, applicationName: 'cashdesk-telegram' });
  const db = drizzlePostgres({ client, schema, ...(logger ? { logger } : {}) }) as unknown as Database;
  return {
    db,
    target,
    openPool: connect,
    ping: () => pingWithin(db, 2000),
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * Applies pending migrations under an advisory lock, so two instances starting together take
 * turns; then answers what is wrong with the database's text matching, if anything.
 */
async function migratePostgresOnce(url: string | undefined, connection: Connection): Promise<string | undefined> {
  const options = { ...connection, max: 1, connect_timeout: 10, onnotice: () => {} };
  const client = url ? postgres(url, options) : postgres(options);
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(drizzlePostgres({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    return await cyrillicTextProblem(client);
  } finally {
    await client.end({ timeout: 5 });
  }
}

/**
 * Product names are Ukrainian: a case-insensitive match (ILIKE) must fold Cyrillic letters, and
 * pg_trgm (the product-name index) must take them for letters. A database created under the C
 * locale does neither, and the Mini App's product search then finds nothing.
 */
async function cyrillicTextProblem(client: postgres.Sql): Promise<string | undefined> {
  const [row] = await client<{ folds: boolean; letters: boolean; ctype: string }[]>`
    select upper('їжак') = 'ЇЖАК' as folds, coalesce(array_length(show_trgm('їжак'), 1), 0) > 0 as letters,
           (select datctype from pg_database where datname = current_database()) as ctype`;
  if (!row || (row.folds && row.letters)) return undefined;
  return (
    `the database's locale (LC_CTYPE ${row.ctype}) does not know Cyrillic letters, so searches by product name find nothing; ` +
    'create the database with a UTF-8 locale (e.g. LC_CTYPE C.UTF-8) and move the data into it'
  );
}

/** A database URL without its password: host, port and database name. */
function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'not a valid URL';
  }
}

/** The first useful message in an error's cause chain (drizzle wraps the driver's error). */
function causeOf(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    const message = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
    if (message && !message.startsWith('Failed query')) parts.push(typeof code === 'string' && !message.includes(code) ? `${code} ${message}` : message);
  }
  return (parts[parts.length - 1] ?? 'unknown error').split('\n')[0]!;
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
