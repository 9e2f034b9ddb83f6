/**
 * The embedded default (no DATABASE_URL): a real PostgreSQL cluster in DATA_DIR, durable as
 * PostgreSQL is by default, its folder and files private, found and taken over after a kill -9
 * of the service alone, and never shared by two services at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../../src/platform/db/client.js';
import { processAlive } from '../../../src/platform/db/embedded-cluster.js';
import { queryRows } from '../../../src/platform/db/rows.js';
import type { Business } from '../../../src/features/shops/businesses.js';
import { createBusiness, postCheck } from '../../support/app.js';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram.js';
import { variant } from '../../support/fixtures.js';
import { spawnService } from '../../support/service-child.js';
import { runMainToExit } from '../../support/main-process.js';

const dirs: string[] = [];
const freshDataDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'embedded-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Every folder and file under `dir` (with `dir` itself) whose mode is wider than 0700/0600. */
function widerThanPrivate(dir: string): string[] {
  const wide: string[] = [];
  const look = (file: string) => {
    const st = statSync(file);
    if (st.isSocket()) return;
    const mode = st.mode & 0o777;
    if (st.isDirectory() ? mode !== 0o700 : mode !== 0o600) wide.push(`${path.relative(dir, file) || '.'} ${mode.toString(8)}`);
  };
  look(dir);
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) look(path.join(e.parentPath, e.name));
  return wide;
}

function postmasterPid(dataDir: string): number | undefined {
  try {
    return Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
}

describe('the embedded PostgreSQL in DATA_DIR', () => {
  it('is durable as PostgreSQL (fsync, synchronous_commit on), keeps DATA_DIR private (0700/0600) and matches Ukrainian text', { timeout: 120_000 }, async () => {
    const dataDir = freshDataDir();
    const database = await openDatabase({ dataDir });
    try {
      const [fsync] = await queryRows<{ fsync: string }>(database.db, sql`show fsync`);
      const [commit] = await queryRows<{ synchronous_commit: string }>(database.db, sql`show synchronous_commit`);
      const [pages] = await queryRows<{ full_page_writes: string }>(database.db, sql`show full_page_writes`);
      expect([fsync?.fsync, commit?.synchronous_commit, pages?.full_page_writes]).toEqual(['on', 'on', 'on']);
      // A real server process, not an engine inside this one.
      const [server] = await queryRows<{ pid: number }>(database.db, sql`select pg_backend_pid() as pid`);
      expect(server?.pid).not.toBe(process.pid);
      // Ukrainian product names: ILIKE folds Cyrillic, and pg_trgm (the product index) takes its letters for letters.
      const [text] = await queryRows<{ folds: boolean; letters: boolean }>(
        database.db,
        sql`select 'Кавун смугастий' ilike '%КАВУН%' as folds, coalesce(array_length(show_trgm('кавун'), 1), 0) > 0 as letters`,
      );
      expect(text).toEqual({ folds: true, letters: true });
      expect(widerThanPrivate(dataDir)).toEqual([]);
    } finally {
      await database.close();
    }
    expect(postmasterPid(dataDir)).toBeUndefined();

    // Widened by hand: the next start tightens the modes again (and the data is still there).
    chmodSync(dataDir, 0o755);
    chmodSync(path.join(dataDir, 'postgres', 'PG_VERSION'), 0o644);
    const warnings: string[] = [];
    const again = await openDatabase({ dataDir, log: (level, message) => warnings.push(`${level} ${message}`) });
    await again.close();
    expect(warnings.join('\n')).toMatch(/^warn DATA_DIR .*tightened to 0700\/0600/m);
    expect(widerThanPrivate(dataDir)).toEqual([]);
  });
});

describe('the service on the embedded default, crashed and started twice', () => {
  let tg: FakeTelegram;
  let dataDir: string;
  let business: Business;
  const env = () => ({ DATABASE_URL: '', DATA_DIR: dataDir, TEST_RENDERER: 'uuid' });
  beforeAll(async () => {
    tg = await startFakeTelegram();
    dataDir = freshDataDir();
    const database = await openDatabase({ dataDir });
    business = await createBusiness(database);
    await database.close();
  }, 120_000);
  afterAll(async () => {
    await tg?.close();
  });

  it('after kill -9 of the service alone its PostgreSQL runs on; the next start takes it over and has every check', { timeout: 180_000 }, async () => {
    const first = await spawnService({ databaseUrl: '', botToken: tg.token, telegramApiRoot: tg.url, env: env() });
    const uuids = ['e1000000-0000-4000-8000-000000000001', 'e1000000-0000-4000-8000-000000000002'];
    expect((await postCheck(first.url, business.webhookToken, variant('sale-cash', uuids[0]!))).status).toBe(200);
    const pid = postmasterPid(dataDir);
    expect(pid).toBeGreaterThan(0);
    await first.kill();
    // The service is gone; its PostgreSQL is not.
    expect(processAlive(pid!)).toBe(true);

    const second = await spawnService({ databaseUrl: '', botToken: tg.token, telegramApiRoot: tg.url, env: { ...env(), LOG_LEVEL: 'info' } });
    try {
      expect(second.output()).toMatch(/took over the embedded PostgreSQL/);
      expect(postmasterPid(dataDir)).toBe(pid);
      // CashDesk re-sends the first (stored once), and a new one is stored.
      expect((await postCheck(second.url, business.webhookToken, variant('sale-cash', uuids[0]!))).status).toBe(200);
      expect((await postCheck(second.url, business.webhookToken, variant('sale-cash', uuids[1]!))).status).toBe(200);
    } finally {
      await second.stop();
    }
    // SIGTERM stopped the cluster it took over too.
    expect(processAlive(pid!)).toBe(false);
    expect(postmasterPid(dataDir)).toBeUndefined();

    const database = await openDatabase({ dataDir });
    try {
      const rows = await queryRows<{ uuid: string }>(database.db, sql`select uuid from checks where business_id = ${business.id} order by uuid`);
      expect(rows.map((r) => r.uuid)).toEqual(uuids);
    } finally {
      await database.close();
    }
  });

  it('a second service on the same DATA_DIR is refused with one line; the first serves on', { timeout: 180_000 }, async () => {
    const first = await spawnService({ databaseUrl: '', botToken: tg.token, telegramApiRoot: tg.url, env: env() });
    try {
      // The real entry point, as a deployer would start it.
      const second = await runMainToExit({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.url, DATABASE_URL: '', DATA_DIR: dataDir });
      expect(second.code, second.stderr).toBe(1);
      const lines = (second.stdout + second.stderr).split('\n').filter((l) => l.trim() !== '');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/embedded PostgreSQL in DATA_DIR .*: DATA_DIR .* is in use by another running service/);
      const res = await postCheck(first.url, business.webhookToken, variant('sale-cash', 'e2000000-0000-4000-8000-000000000001'));
      expect(res.status).toBe(200);
    } finally {
      await first.stop();
    }
    expect(postmasterPid(dataDir)).toBeUndefined();
  });
});
