import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/client.js';
import { checks, outbox } from '../../src/platform/db/schema.js';
import { createBusiness, postCheck } from '../support/app.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { variant } from '../support/fixtures.js';

/**
 * SIGTERM under load, to the real entry point (src/main.ts): webhooks in flight finish, new ones
 * get 503 (never a 200 for a check not stored), the process exits 0 within 10 seconds, and what
 * was acknowledged is stored with its alerts queued or sent.
 */
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

describe('graceful shutdown', () => {
  let tg: FakeTelegram;
  let dataDir: string | undefined;
  afterAll(async () => {
    await tg?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('SIGTERM under load exits 0 within 10 s and loses nothing acknowledged', { timeout: 120_000 }, async () => {
    tg = await startFakeTelegram();
    // On the embedded default (no DATABASE_URL): the child starts its PostgreSQL in DATA_DIR, and
    // its SIGTERM stops that too.
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'shutdown-'));
    let db: DatabaseHandle = await openDatabase({ dataDir });
    const env: Record<string, string> = { DATA_DIR: dataDir };
    const business = await createBusiness(db);
    await db.close();

    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env,
        ...env,
        BOT_TOKEN: tg.token,
        TELEGRAM_API_ROOT: tg.url,
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'info',
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 600 && !/"listening"/.test(output); i++) await new Promise((r) => setTimeout(r, 100));
    expect(output).toMatch(/"listening"/);

    // Eight clients post checks as fast as they can; SIGTERM lands in the middle.
    const acknowledged: string[] = [];
    const refused: string[] = [];
    let running = true;
    let seq = 0;
    const client = async () => {
      while (running) {
        const uuid = `5d000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
        try {
          const res = await postCheck(url, business.webhookToken, variant('sale-cash', uuid));
          (res.status === 200 ? acknowledged : refused).push(uuid);
        } catch {
          refused.push(uuid); // connection refused or closed: not acknowledged
        }
      }
    };
    const clients = Array.from({ length: 8 }, client);
    await new Promise((r) => setTimeout(r, 1500));
    const termAt = Date.now();
    child.kill('SIGTERM');
    const code = await exited;
    const took = Date.now() - termAt;
    running = false;
    await Promise.all(clients);

    expect(code, output.slice(-3000)).toBe(0);
    expect(took).toBeLessThan(10_000);
    expect(acknowledged.length).toBeGreaterThan(10);
    expect(output).toMatch(/"shutting down"/);
    expect(output).toMatch(/"stopped"/);
    // The cluster was shut down, not left running: PostgreSQL removes postmaster.pid as it exits.
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    const check = (db = await openDatabase({ dataDir }));
    const stored = await check.db.select({ uuid: checks.uuid, id: checks.id }).from(checks).where(eq(checks.businessId, business.id));
    const storedUuids = new Set(stored.map((s) => s.uuid));
    for (const uuid of acknowledged) expect(storedUuids.has(uuid), uuid).toBe(true);
    // every stored check has its alert (sent, or waiting for the next start)
    const jobs = await check.db.select({ checkId: outbox.checkId }).from(outbox).where(eq(outbox.businessId, business.id));
    expect(new Set(jobs.map((j) => j.checkId)).size).toBe(stored.length);
    await check.close();
  });
});
