import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DatabaseHandle } from '../../src/platform/db/client.js';
import { startTestApp, type TestApp } from '../support/app.js';

/** The Mini App's client under /app/: from the built folder, nothing outside it; a clear 503 without a build. */
describe('the Mini App static files', () => {
  // Static files and refused API calls never reach the database: none is opened (fast).
  const database = { target: 'test', ping: async () => true, close: async () => {} } as unknown as DatabaseHandle;
  const queryPool = { run: () => Promise.reject(new Error('no database here')), close: async () => {} };
  let built: TestApp;
  let missing: TestApp;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'web-dist-'));
    mkdirSync(path.join(root, 'dist', 'assets'), { recursive: true });
    writeFileSync(path.join(root, 'dist', 'index.html'), '<!doctype html><title>Shop</title><script type="module" src="./assets/index-abc123.js"></script>');
    writeFileSync(path.join(root, 'dist', 'assets', 'index-abc123.js'), 'console.log("app")');
    writeFileSync(path.join(root, 'secret.txt'), 'outside the build');
    built = await startTestApp(database, { miniApp: { botToken: '1:x', queryPool, webRoots: [path.join(root, 'dist')] } });
    missing = await startTestApp(database, { miniApp: { botToken: '1:x', queryPool, webRoots: [path.join(root, 'nothing-here')] } });
  });
  afterAll(async () => {
    await built?.close();
    await missing?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('/app/ is index.html (never cached); /app redirects to /app/ keeping the query', async () => {
    const page = await fetch(`${built.url}/app/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('<title>Shop</title>');
    const bare = await fetch(`${built.url}/app?x=1`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/app/?x=1');
    expect((await fetch(`${built.url}/app/index.html`)).status).toBe(200);
  });

  it('hashed assets with their type, cached for a year; HEAD too', async () => {
    const js = await fetch(`${built.url}/app/assets/index-abc123.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(await js.text()).toBe('console.log("app")');
    const head = await fetch(`${built.url}/app/assets/index-abc123.js`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String('console.log("app")'.length));
  });

  it('nothing outside the build, nothing that is not there', async () => {
    for (const p of ['/app/../secret.txt', '/app/%2e%2e/secret.txt', '/app/..%2fsecret.txt', '/app/assets/%2e%2e/%2e%2e/secret.txt', '/app/nope.js', '/app/assets/']) {
      const res = await fetch(`${built.url}${p}`);
      expect(res.status, p).toBe(404);
      expect(await res.text(), p).not.toContain('outside the build');
    }
  });

  it('without a build: 503 with a page that says how to build it', async () => {
    const res = await fetch(`${missing.url}/app/`);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('npm run build');
  });

  it('the API is not the static folder: unauthenticated calls are 401, unknown API paths 404', async () => {
    expect((await fetch(`${built.url}/app/api/me`)).status).toBe(401);
    expect((await fetch(`${built.url}/app/api/nothing`)).status).toBe(404);
  });
});
