import type { Server } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type AppDeps } from '../../src/http/app.js';
import { createHttpServer, listen } from '../../src/http/server.js';
import { createLogger } from '../../src/platform/observability/logger.js';
import { createMetrics } from '../../src/platform/observability/metrics.js';
import type { DatabaseHandle } from '../../src/platform/db/client.js';

/**
 * /metrics without METRICS_TOKEN answers only on loopback; X-Forwarded-For counts only with
 * TRUST_PROXY (and then only what the nearest proxies added); with METRICS_TOKEN, its bearer
 * from anywhere.
 */
const database = { target: 'none', ping: async () => true, close: async () => {} } as unknown as DatabaseHandle;

/** This machine's first address that is not loopback: requests to it come from it, not from 127.0.0.1. */
const outward = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
if (!outward) console.warn('[metrics-access] no non-loopback IPv4 address here: the requests from outside loopback are skipped');

const TOKEN = 'm3tr1cs-t0ken-for-the-test-0123456789';

async function serve(config: Partial<AppDeps['config']>): Promise<{ port: number; server: Server }> {
  const app = createApp({
    database,
    config: { maxBodyBytes: 1024, businessTz: 'Europe/Kyiv', ...config },
    logger: createLogger({ level: 'silent' }),
    metrics: createMetrics(),
    isDraining: () => false,
  });
  const server = await listen(createHttpServer(app), 0, '0.0.0.0');
  const addr = server.address();
  return { port: typeof addr === 'object' && addr ? addr.port : 0, server };
}

describe('who may read /metrics', () => {
  let plain: { port: number; server: Server };
  let proxied: { port: number; server: Server };
  let guarded: { port: number; server: Server };
  const get = (port: number, host: string, headers: Record<string, string> = {}) => fetch(`http://${host}:${port}/metrics`, { headers });

  beforeAll(async () => {
    plain = await serve({});
    proxied = await serve({ trustProxy: 1 });
    guarded = await serve({ metricsToken: TOKEN });
  });
  afterAll(async () => {
    for (const s of [plain, proxied, guarded]) {
      s?.server.closeAllConnections();
      await new Promise((r) => s?.server.close(r));
    }
  });

  it('without METRICS_TOKEN: answers on loopback, X-Forwarded-For not believed', async () => {
    const ok = await get(plain.port, '127.0.0.1');
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('cashdesk_webhooks_total');
    expect((await get(plain.port, '127.0.0.1', { 'x-forwarded-for': '203.0.113.7' })).status).toBe(200);
  });

  it.skipIf(!outward)('without METRICS_TOKEN: 403 from any other address, whatever X-Forwarded-For says', async () => {
    const refused = await get(plain.port, outward!);
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain('cashdesk_webhooks_total');
    expect((await get(plain.port, outward!, { 'x-forwarded-for': '127.0.0.1' })).status).toBe(403);
    // The health checks stay open.
    expect((await fetch(`http://${outward}:${plain.port}/healthz`)).status).toBe(200);
  });

  it('with TRUST_PROXY: the address the nearest proxy saw decides; what a client put before it does not', async () => {
    expect((await get(proxied.port, '127.0.0.1')).status).toBe(200);
    expect((await get(proxied.port, '127.0.0.1', { 'x-forwarded-for': '203.0.113.7' })).status).toBe(403);
    expect((await get(proxied.port, '127.0.0.1', { 'x-forwarded-for': '203.0.113.7, ::1' })).status).toBe(200);
    expect((await get(proxied.port, '127.0.0.1', { 'x-forwarded-for': '127.0.0.1, 203.0.113.7' })).status).toBe(403);
  });

  it.skipIf(!outward)('with METRICS_TOKEN: its bearer from anywhere, nobody without it (loopback included)', async () => {
    expect((await get(guarded.port, outward!, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect((await get(guarded.port, outward!)).status).toBe(401);
    expect((await get(guarded.port, '127.0.0.1')).status).toBe(401);
  });
});
