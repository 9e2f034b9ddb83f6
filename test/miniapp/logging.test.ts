import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import type { DatabaseHandle } from '../../src/platform/db/client.js';
import { createLogger } from '../../src/platform/observability/logger.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { signInitData } from '../support/init-data.js';

/** initData is a credential: whatever happens to a request, it never reaches the log. */
describe('the Mini App API and the log', () => {
  const lines: string[] = [];
  let app: TestApp;
  const BOT_TOKEN = '424242:mini-app-logging';

  beforeAll(async () => {
    const out = new PassThrough();
    out.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
    // A database that fails every query: the request gets as far as it can, then errs (500).
    const failing = new Proxy({}, { get: () => () => { throw new Error('database is away'); } });
    const database = { db: failing, target: 'test', ping: async () => false, close: async () => {} } as unknown as DatabaseHandle;
    app = await startTestApp(database, { logger: createLogger({ level: 'trace', destination: out }), miniApp: { botToken: BOT_TOKEN, queryPool: { run: () => Promise.reject(new Error('database is away')), close: async () => {} } } });
  });
  afterAll(async () => app?.close());

  it('a valid, a forged and an expired initData, and a request that fails inside: none of it is logged', async () => {
    const user = { id: 777001, first_name: 'Секрет', username: 'very_private_name' };
    const valid = signInitData({ user, botToken: BOT_TOKEN, queryId: 'AAQUERYID123' });
    const forged = signInitData({ user, botToken: '1:other' });
    const expired = signInitData({ user, botToken: BOT_TOKEN, authDate: Math.floor(Date.now() / 1000) - 2 * 86400 });
    const statuses: number[] = [];
    for (const raw of [valid, forged, expired]) {
      for (const path of ['/app/api/me', '/app/api/checks?q=x', '/app/api/export']) {
        const res = await fetch(`${app.url}${path}`, {
          method: path.endsWith('export') ? 'POST' : 'GET',
          headers: { authorization: `tma ${raw}`, 'content-type': 'application/json' },
          body: path.endsWith('export') ? JSON.stringify({ from: '2026-11-01', to: '2026-11-02', format: 'csv' }) : undefined,
        });
        statuses.push(res.status);
      }
    }
    expect(statuses).toEqual([500, 500, 500, 401, 401, 401, 401, 401, 401]);
    const log = lines.join('');
    expect(log).toContain('database is away');
    for (const raw of [valid, forged, expired]) {
      const hash = new URLSearchParams(raw).get('hash')!;
      expect(log).not.toContain(hash);
      expect(log).not.toContain(raw.slice(0, 40));
    }
    expect(log).not.toContain('very_private_name');
    expect(log).not.toContain('AAQUERYID123');
    expect(log).not.toContain(BOT_TOKEN);
  });
});
