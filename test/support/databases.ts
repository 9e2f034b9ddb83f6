import postgres from 'postgres';
import { randomBytes } from 'node:crypto';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/client.js';

/**
 * Every database test runs on real PostgreSQL: TEST_DATABASE_URL's server, or the embedded
 * cluster that test/support/global-setup.ts starts for the run and names in TEST_DATABASE_URL.
 * Each test database is fresh and dropped after. `'pglite'` is still accepted as a kind, so
 * tests written when there was a second engine compile and run: it is PostgreSQL too.
 */
export type DatabaseKind = 'postgres' | 'pglite';

export const databaseKinds: DatabaseKind[] = ['postgres'];

export interface TestDatabase extends DatabaseHandle {
  /** The postgres:// URL of this database. */
  url?: string;
  /** Close and drop. */
  destroy(): Promise<void>;
  /**
   * How many statements were issued through `db` since the database was made or last `reset()`,
   * and the texts of the first thousand, in order (BEGIN and COMMIT of transactions are the
   * driver's and not counted).
   */
  statements: { readonly count: number; readonly list: string[]; reset(): void };
}

function statementCounter(): { onQuery: (query: string) => void; statements: TestDatabase['statements'] } {
  const list: string[] = [];
  let count = 0;
  return {
    onQuery: (query) => {
      count++;
      if (list.length < 1000) list.push(query);
    },
    statements: {
      get count() {
        return count;
      },
      list,
      reset: () => {
        count = 0;
        list.length = 0;
      },
    },
  };
}

export async function createTestDatabase(_kind: DatabaseKind = 'postgres'): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set: run the tests with vitest, whose globalSetup starts the embedded PostgreSQL');
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const counter = statementCounter();
  const handle = await openDatabase({ databaseUrl: url.toString(), maxConnections: 12, onQuery: counter.onQuery });
  return {
    ...handle,
    statements: counter.statements,
    url: url.toString(),
    async destroy() {
      await handle.close();
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
