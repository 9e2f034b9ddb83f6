import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import type { Business } from '../../src/features/shops/businesses.js';
import { openQueryPool, isStatementTimeout, type QueryPool } from '../../src/platform/db/query-pool.js';
import { createLogger } from '../../src/platform/observability/logger.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { fixture } from '../support/fixtures.js';
import { signInitData } from '../support/init-data.js';
import { NOW, registerOwner, startBotHarness, storeCheck, type BotHarness } from '../support/bot-harness.js';

const OWNER = 961;

/**
 * The Mini App's reads run on a pool of their own under a statement timeout: a read that waits
 * or works too long is cancelled and answered 503 with Retry-After, as JSON, with no error
 * logged; the main handle's connections are not the ones it holds.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('Mini App statement timeout (postgres)', () => {
  let h: BotHarness;
  let app: TestApp;
  let pool: QueryPool;
  let a: Business;
  const lines: string[] = [];

  beforeAll(async () => {
    h = await startBotHarness('postgres');
    a = await registerOwner(h, OWNER);
    await storeCheck(h, a.id, fixture('sale-cash'));
    pool = openQueryPool(h.database, { statementTimeoutMs: 300, max: 2 });
    const out = new PassThrough();
    out.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
    app = await startTestApp(h.database, {
      config: { maxBodyBytes: 1024 * 1024, businessTz: h.config.businessTz },
      logger: createLogger({ level: 'info', destination: out }),
      miniApp: { botToken: h.tg.token, now: () => NOW, webRoots: ['/nonexistent/web/dist'], queryPool: pool },
    });
  });
  afterAll(async () => {
    await app?.close();
    await pool?.close();
    await h?.close();
  });

  it('the pool cancels a statement past its timeout (SQLSTATE 57014) and says so', async () => {
    const started = performance.now();
    const err = await pool.run((db) => db.execute(sql`select pg_sleep(5)`)).catch((e: unknown) => e);
    expect(isStatementTimeout(err)).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
    // The main handle has no such timeout.
    await h.database.db.execute(sql`select pg_sleep(0.4)`);
  });

  it('a read held up past the timeout: 503 JSON with Retry-After, no error logged; fine again after', async () => {
    const initData = signInitData({ user: { id: OWNER, first_name: 'O' }, botToken: h.tg.token });
    const get = (path: string) => fetch(`${app.url}${path}`, { headers: { authorization: `tma ${initData}` } });
    expect((await get('/app/api/checks')).status).toBe(200);
    // Another session holds the checks table for 1.5 s.
    const locker = postgres(h.database.url!, { max: 1, onnotice: () => {} });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holding = locker.begin(async (tx) => {
      await tx`lock table checks in access exclusive mode`;
      locked();
      await held;
    });
    await isLocked;
    const timer = setTimeout(release, 1500);
    try {
      const started = performance.now();
      const res = await get('/app/api/checks');
      const ms = performance.now() - started;
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('timeout');
      expect(ms).toBeLessThan(1400);
    } finally {
      clearTimeout(timer);
      release();
      await holding;
      await locker.end();
    }
    expect((await get('/app/api/checks')).status).toBe(200);
    const errors = lines.join('').split('\n').filter((l) => /"level":(50|60)/.test(l));
    expect(errors).toEqual([]);
  });
});
