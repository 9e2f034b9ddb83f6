import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { migrationsFolderFrom, openDatabase } from '../../../src/platform/db/client.js';
import { queryRows } from '../../../src/platform/db/rows.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const DRIZZLE = path.join(ROOT, 'drizzle');

describe('the migrations folder', () => {
  it('is the project root drizzle/ both from the sources (tsx) and from the compiled service (dist/)', () => {
    // The compiled module sits one folder deeper (dist/src/platform/db): start:prod and the
    // Docker image run it, and a wrong guess there fails every start with "Can't find meta/_journal.json".
    expect(existsSync(path.join(DRIZZLE, 'meta', '_journal.json'))).toBe(true);
    expect(migrationsFolderFrom(path.join(ROOT, 'src/platform/db'))).toBe(DRIZZLE);
    expect(migrationsFolderFrom(path.join(ROOT, 'dist/src/platform/db'))).toBe(DRIZZLE);
  });
});

describe('a database that cannot match Cyrillic text', () => {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  /** Makes a database with `options`, opens it as the service does, and answers the lines it logged and whether ILIKE folds Cyrillic there. */
  async function openWith(options: string): Promise<{ lines: string[]; folds: boolean | undefined }> {
    const name = `t_ctype_${randomBytes(4).toString('hex')}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} ${options}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    try {
      const lines: string[] = [];
      const handle = await openDatabase({ databaseUrl: url.toString(), maxConnections: 1, log: (level, message) => lines.push(`${level} ${message}`) });
      try {
        const [row] = await queryRows<{ folds: boolean }>(handle.db, sql`select 'Кавун смугастий' ilike '%КАВУН%' as folds`);
        return { lines, folds: row?.folds };
      } finally {
        await handle.close();
      }
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }

  it('is named at open, with its locale and what to do', { timeout: 60_000 }, async () => {
    const { lines, folds } = await openWith(`template template0 encoding 'UTF8' locale 'C'`);
    expect(folds).toBe(false);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^warn DATABASE_URL \(.*\): the database's locale \(LC_CTYPE C\) does not know Cyrillic letters, so searches by product name find nothing; create the database with a UTF-8 locale/,
    );
  });

  it("is not the test server's default (the embedded cluster's own, or TEST_DATABASE_URL's)", { timeout: 60_000 }, async () => {
    expect(await openWith('')).toEqual({ lines: [], folds: true });
  });
});
