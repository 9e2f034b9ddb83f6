import { Agent, request, type ClientRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/databases.js';
import { createBusiness, postCheck, startTestApp, type TestApp } from '../support/app.js';
import { variant } from '../support/fixtures.js';
import { loadConfig } from '../../src/platform/config/config.js';
import { createApp } from '../../src/http/app.js';
import { createHttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/platform/observability/logger.js';
import { createMetrics } from '../../src/platform/observability/metrics.js';
import type { Business } from '../../src/features/shops/businesses.js';
import type { DatabaseHandle } from '../../src/platform/db/client.js';

/**
 * Slow bodies cannot block ingest: a body must come within a deadline at a minimum rate, holds the
 * shared in-flight budget only for the bytes that came, and one shop holds at most its share; the
 * server bounds headers, whole requests and connections.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** A JSON body of exactly `size` bytes that is not a check (answered 422). */
const notACheck = (size: number) => Buffer.from(`{"x":"${'a'.repeat(size - 8)}"}`);

/** The service's defaults, as the service reads them with no setting given. */
const defaults = loadConfig({ BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ012345' });

interface Answer {
  status: number;
  retryAfter: string | undefined;
  connection: string | undefined;
  /** When the answer ended (performance.now()). */
  at: number;
}

interface Upload {
  req: ClientRequest;
  answer: Promise<Answer>;
  /** Resolves when the connection is closed, whoever closed it. */
  closed: Promise<number>;
}

/** Starts a POST whose body the test writes itself (with a Content-Length, or chunked). */
function startUpload(app: TestApp, token: string, contentLength?: number, agent: Agent | false = false): Upload {
  const url = new URL(`${app.url}/webhooks/cashdesk/${token}`);
  const req = request(url, {
    method: 'POST',
    agent,
    headers: { 'content-type': 'application/json', ...(contentLength !== undefined ? { 'content-length': contentLength } : {}) },
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    req.once('response', (res) => {
      res.resume();
      res.once('end', () =>
        resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], connection: res.headers.connection, at: performance.now() }),
      );
    });
    req.once('error', reject);
  });
  answer.catch(() => undefined);
  const closed = new Promise<number>((resolve) => {
    req.once('socket', (socket) => socket.once('close', () => resolve(performance.now())));
  });
  req.flushHeaders();
  return { req, answer, closed };
}

/** Writes `bytesPerTick` every `everyMs` until told to stop or the request is gone. */
function trickle(upload: Upload, bytesPerTick: number, everyMs: number, total = Number.POSITIVE_INFINITY): () => void {
  let sent = 0;
  const timer = setInterval(() => {
    if (upload.req.destroyed || upload.req.writableEnded || sent >= total) return clearInterval(timer);
    const n = Math.min(bytesPerTick, total - sent);
    sent += n;
    upload.req.write(Buffer.alloc(n, 0x20), () => undefined);
    if (sent >= total) upload.req.end();
  }, everyMs);
  upload.req.on('error', () => clearInterval(timer));
  return () => clearInterval(timer);
}

describe.each(databaseKinds)('slow webhook bodies on %s', (kind) => {
  let database: TestDatabase;
  let shopA: Business;
  let shopB: Business;
  let uuidSeq = 0;
  const newUuid = () => `00000000-0000-4000-8000-${String(++uuidSeq).padStart(12, '0')}`;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    shopA = await createBusiness(database);
    shopB = await createBusiness(database);
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it("50 slow sockets of shop A: shop B's check is answered 200 within 1 s; A's are cut after the grace", async () => {
    // The service's defaults: MAX_BODY_BYTES, the 64 MiB budget, the body pace, the server's limits.
    const app = await startTestApp(database, { config: { maxBodyBytes: defaults.maxBodyBytes, businessTz: defaults.businessTz } });
    const slow: Upload[] = [];
    const stops: Array<() => void> = [];
    try {
      // A warm-up check of each shop, so both tokens and the ingest path are warm.
      expect((await postCheck(app.url, shopA.webhookToken, variant('sale-cash', newUuid()))).status).toBe(200);
      expect((await postCheck(app.url, shopB.webhookToken, variant('sale-cash', newUuid()))).status).toBe(200);
      const started = performance.now();
      for (let i = 0; i < 50; i++) {
        // Each declares a body just under MAX_BODY_BYTES (2 MiB) and sends 1 byte a second.
        const upload = startUpload(app, shopA.webhookToken, defaults.maxBodyBytes - 1);
        upload.req.write(' ');
        stops.push(trickle(upload, 1, 1_000));
        slow.push(upload);
      }
      let connections = 0;
      await waitUntil('the 50 slow sockets to be open', async () => {
        connections = await new Promise<number>((r) => app.server.getConnections((_, n) => r(n)));
        return connections >= 50;
      });
      await sleep(300);

      const t0 = performance.now();
      const res = await postCheck(app.url, shopB.webhookToken, variant('sale-card', newUuid()));
      const ms = performance.now() - t0;
      expect(res.status).toBe(200);
      expect(ms).toBeLessThan(1_000);

      // The trickles fall behind the minimum rate once the grace is over: 408, connection closed.
      const answers = await Promise.all(slow.map((u) => u.answer));
      const closed = await Promise.all(slow.map((u) => u.closed));
      for (const a of answers) {
        expect(a.status).toBe(408);
        expect(a.connection).toBe('close');
        expect(a.at - started).toBeLessThan(8_000);
      }
      for (const at of closed) expect(at - started).toBeLessThan(9_000);
      const metrics = await (await fetch(`${app.url}/metrics`)).text();
      expect(metrics).toMatch(/cashdesk_webhooks_total\{outcome="too_slow"\} 50/);
      expect((await app.deps.metrics.webhookBodyBytesInFlight.get()).values[0]?.value ?? 0).toBe(0);
    } finally {
      for (const stop of stops) stop();
      for (const u of slow) u.req.destroy();
      await app.close();
    }
  }, 30_000);

  describe('the body pace', () => {
    let app: TestApp;
    // Whole within 3 s; after 0.5 s at least 1000 bytes a second.
    const pace = { deadlineMs: 3_000, graceMs: 500, minBytesPerSecond: 1_000 };
    beforeAll(async () => {
      app = await startTestApp(database, { bodyPace: pace });
    });
    afterAll(async () => {
      await app?.close();
    });

    it('a body slower than the minimum rate is answered 408 soon after the grace, and its connection closed', async () => {
      const upload = startUpload(app, shopA.webhookToken, 10_000);
      const t0 = performance.now();
      const stop = trickle(upload, 10, 100); // 100 bytes a second
      try {
        const answer = await upload.answer;
        expect(answer.status).toBe(408);
        expect(answer.connection).toBe('close');
        expect(answer.at - t0).toBeGreaterThanOrEqual(450);
        expect(answer.at - t0).toBeLessThan(2_000);
        expect((await upload.closed) - t0).toBeLessThan(2_500);
      } finally {
        stop();
      }
    });

    it('an unknown token is answered 404 after its body, and a slow one is cut at the same pace', async () => {
      // On a keep-alive connection: answered without reading the body, it would stay open until requestTimeout.
      const agent = new Agent({ keepAlive: true });
      const upload = startUpload(app, 'no-such-token-0123456789abcdef', 10_000, agent);
      const t0 = performance.now();
      const stop = trickle(upload, 10, 100);
      try {
        const answer = await upload.answer;
        expect(answer.status).toBe(404);
        expect(answer.connection).toBe('close');
        expect((await upload.closed) - t0).toBeLessThan(2_500);
      } finally {
        stop();
        agent.destroy();
      }
      expect((await postCheck(app.url, 'no-such-token-0123456789abcdef', variant('sale-cash', newUuid()))).status).toBe(404);
    });

    it('a body at the minimum rate but longer than the deadline is answered 408 at the deadline', async () => {
      const upload = startUpload(app, shopA.webhookToken, 20_000);
      const t0 = performance.now();
      const stop = trickle(upload, 200, 100); // 2000 bytes a second: 10 s for the whole
      try {
        const answer = await upload.answer;
        expect(answer.status).toBe(408);
        expect(answer.at - t0).toBeGreaterThanOrEqual(2_900);
        expect(answer.at - t0).toBeLessThan(4_500);
      } finally {
        stop();
      }
    });

    it('a body that keeps the pace is read and answered as usual', async () => {
      const body = variant('sale-cash', newUuid());
      const bytes = Buffer.from(JSON.stringify(body));
      const upload = startUpload(app, shopA.webhookToken, bytes.length);
      // Half at once, the rest in 10 pieces over a second: slower than the grace, above the rate.
      upload.req.write(bytes.subarray(0, bytes.length / 2));
      const rest = bytes.subarray(bytes.length / 2);
      const piece = Math.ceil(rest.length / 10);
      for (let i = 0; i < rest.length; i += piece) {
        await sleep(100);
        upload.req.write(rest.subarray(i, i + piece));
      }
      upload.req.end();
      expect((await upload.answer).status).toBe(200);
    });

    it('a refused body is read to its end at the pace too: a trickle after a 413 is cut', async () => {
      const upload = startUpload(app, shopA.webhookToken);
      upload.req.write(Buffer.alloc(11 * 1024 * 1024, 0x20)); // over MAX_BODY_BYTES (10 MiB here), chunked
      const t0 = performance.now();
      const stop = trickle(upload, 1, 100);
      try {
        const answer = await upload.answer;
        expect(answer.status).toBe(413);
        expect(answer.connection).toBe('close');
        expect(answer.at - t0).toBeLessThan(4_500);
      } finally {
        stop();
      }
    });
  });

  it("one shop holds at most its share of the in-flight budget: its next body is 503, another shop's still fits", async () => {
    const app = await startTestApp(database, { bodiesInFlightBytes: 1_000_000, bodiesInFlightPerShopBytes: 300_000 });
    const inFlight = async () => (await app.deps.metrics.webhookBodyBytesInFlight.get()).values[0]?.value ?? 0;
    try {
      const body = notACheck(400_000);
      const held = startUpload(app, shopA.webhookToken, body.length);
      held.req.write(body.subarray(0, 250_000));
      // Held as its bytes came, not by the 400 000 it declared.
      await waitUntil('the first 250 000 bytes to be held', async () => (await inFlight()) === 250_000);

      const second = await postCheck(app.url, shopA.webhookToken, notACheck(100_000));
      expect(second.status).toBe(503);
      expect(second.headers.get('retry-after')).toMatch(/^\d+$/);

      // Shop B's body is as large as A's held one and fits: the budget has room beyond A's share.
      expect((await postCheck(app.url, shopB.webhookToken, notACheck(250_000))).status).toBe(422);
      expect((await postCheck(app.url, shopB.webhookToken, variant('sale-cash', newUuid()))).status).toBe(200);

      held.req.end(body.subarray(250_000));
      expect((await held.answer).status).toBe(422);
      await waitUntil('the budget to be given back', async () => (await inFlight()) === 0);
      expect((await postCheck(app.url, shopA.webhookToken, notACheck(250_000))).status).toBe(422);
    } finally {
      await app.close();
    }
  });
});

describe('the HTTP server bounds headers, whole requests and connections', () => {
  // Nothing here reaches the database.
  const database = { target: 'none', ping: async () => true, close: async () => {} } as unknown as DatabaseHandle;
  const deps = () => ({
    database,
    config: { maxBodyBytes: 1024, businessTz: 'Europe/Kyiv' },
    logger: createLogger({ level: 'silent' }),
    metrics: createMetrics(),
    isDraining: () => false,
  });

  it('by default: headers within 10 s, the whole request within 30 s, 1024 connections (HTTP_MAX_CONNECTIONS)', () => {
    const server = createHttpServer(createApp(deps()), { maxConnections: defaults.httpMaxConnections });
    expect(server.headersTimeout).toBe(10_000);
    expect(server.requestTimeout).toBe(30_000);
    expect(server.maxConnections).toBe(1024);
  });

  /** A raw connection; resolves `closed` with the time it was closed and what the server wrote. */
  function open(url: string): { socket: Socket; closed: Promise<{ at: number; data: string }> } {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    const closed = new Promise<{ at: number; data: string }>((resolve) => socket.once('close', () => resolve({ at: performance.now(), data })));
    return { socket, closed };
  }

  it('a half-sent request line is closed after headersTimeout; a body that never ends after requestTimeout', async () => {
    const app = await startTestApp(database, {}, { headersTimeoutMs: 500, requestTimeoutMs: 1_500, checkIntervalMs: 100 });
    try {
      const t0 = performance.now();
      const half = open(app.url);
      half.socket.write('POST /webhooks/cashdesk/abc HTT');
      const stuck = open(app.url);
      stuck.socket.write('POST /no-such-route HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{');
      const h = await half.closed;
      expect(h.at - t0).toBeGreaterThanOrEqual(450);
      expect(h.at - t0).toBeLessThan(1_400);
      const s = await stuck.closed;
      expect(s.data).toMatch(/^HTTP\/1\.1 (408|404)/);
      expect(s.at - t0).toBeLessThan(3_000);
    } finally {
      await app.close();
    }
  });

  it('beyond maxConnections a new connection is closed at once; once some close, requests are served', async () => {
    const app = await startTestApp(database, {}, { maxConnections: 5 });
    const held = Array.from({ length: 5 }, () => open(app.url));
    try {
      await waitUntil('5 connections', async () => (await new Promise<number>((r) => app.server.getConnections((_, n) => r(n)))) === 5);
      const extra = open(app.url);
      extra.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      const refused = await extra.closed;
      expect(refused.data).toBe('');
      for (const c of held) c.socket.destroy();
      await waitUntil('the connections to go', async () => (await new Promise<number>((r) => app.server.getConnections((_, n) => r(n)))) === 0);
      const again = open(app.url);
      again.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      expect((await again.closed).data).toMatch(/^HTTP\/1\.1 200/);
    } finally {
      for (const c of held) c.socket.destroy();
      await app.close();
    }
  });
});
