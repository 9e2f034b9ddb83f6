import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/platform/db/client.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * `X-Content-Type-Options: nosniff` on every answer, whatever the route and status; the Mini
 * App's pages with a Content-Security-Policy: only the service's own scripts, framed only by
 * Telegram's web clients. (The PDF route's header: test/miniapp/api.test.ts.)
 */
describe('security headers', () => {
  // Nothing here stores anything: a database that answers nothing (the webhook's lookup fails: 503).
  const database = {
    target: 'none',
    ping: async () => true,
    close: async () => {},
    db: new Proxy({}, { get: () => () => { throw new Error('no database here'); } }),
  } as unknown as DatabaseHandle;
  const queryPool = { run: () => Promise.reject(new Error('no database here')), close: async () => {} };
  let app: TestApp;
  let unbuilt: TestApp;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'web-dist-'));
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Shop</title><script type="module" src="./assets/index-abc.js"></script>');
    writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log("app")');
    app = await startTestApp(database, { miniApp: { botToken: '1:x', queryPool, webRoots: [root] } });
    unbuilt = await startTestApp(database, { miniApp: { botToken: '1:x', queryPool, webRoots: [path.join(root, 'nothing-here')] } });
  });
  afterAll(async () => {
    await app?.close();
    await unbuilt?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('nosniff on every answer: health, metrics, 404s, the webhook, the Mini App and its API', async () => {
    const answers: Array<[string, Response]> = [
      ['/healthz', await fetch(`${app.url}/healthz`)],
      ['/metrics', await fetch(`${app.url}/metrics`)],
      ['/nope', await fetch(`${app.url}/nope`)],
      ['POST /nope', await fetch(`${app.url}/nope`, { method: 'POST', body: '{}' })],
      ['webhook', await fetch(`${app.url}/webhooks/cashdesk/some-token-0123456789`, { method: 'POST', body: '{}' })],
      ['/app', await fetch(`${app.url}/app`, { redirect: 'manual' })],
      ['/app/', await fetch(`${app.url}/app/`)],
      ['asset', await fetch(`${app.url}/app/assets/index-abc.js`)],
      ['missing asset', await fetch(`${app.url}/app/assets/nope.js`)],
      ['/app/api/me', await fetch(`${app.url}/app/api/me`)],
      ['unbuilt /app/', await fetch(`${unbuilt.url}/app/`)],
    ];
    const statuses = new Set<number>();
    for (const [what, res] of answers) {
      await res.arrayBuffer();
      statuses.add(res.status);
      expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
    }
    // Answers of every kind: 200, 301, 401, 404, 503.
    expect([...statuses].sort()).toEqual([200, 301, 401, 404, 503]);
  });

  it("the Mini App's pages: scripts, styles and calls from the service only, framed only by Telegram's web clients", async () => {
    for (const res of [await fetch(`${app.url}/app/`), await fetch(`${app.url}/app/assets/index-abc.js`), await fetch(`${unbuilt.url}/app/`)]) {
      await res.arrayBuffer();
      const csp = res.headers.get('content-security-policy') ?? '';
      const directives = new Map(
        csp
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .filter((d) => d[0])
          .map(([name, ...values]) => [name!, values]),
      );
      expect(directives.get('default-src')).toEqual(["'self'"]);
      expect(directives.get('script-src')).toEqual(["'self'"]);
      expect(directives.get('style-src')).toEqual(["'self'"]);
      expect(directives.get('connect-src')).toEqual(["'self'", 'blob:']);
      expect(directives.get('frame-src')).toEqual(["'self'", 'blob:']);
      expect(directives.get('object-src')).toEqual(["'none'"]);
      expect(directives.get('base-uri')).toEqual(["'none'"]);
      expect(directives.get('frame-ancestors')).toEqual(["'self'", 'https://web.telegram.org', 'https://*.telegram.org']);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*[^.]/);
    }
    // The JSON API is no page: no policy needed there.
    expect((await fetch(`${app.url}/app/api/me`)).headers.get('content-security-policy')).toBeNull();
  });
});
