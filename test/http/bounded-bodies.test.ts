import { request, type ClientRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/databases.js';
import { createBusiness, postCheck, startTestApp, type TestApp } from '../support/app.js';
import { rejectedPayloadDays, rejectedPayloads } from '../../src/platform/db/schema.js';
import { REJECTED_BODIES_PER_DAY } from '../../src/features/ingest/rejected.js';
import type { Business } from '../../src/features/shops/businesses.js';

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

interface Upload {
  req: ClientRequest;
  answer: Promise<{ status: number; retryAfter: string | undefined }>;
}

/** Starts a POST whose body the test writes itself (with a Content-Length, or chunked). */
function startUpload(app: TestApp, token: string, contentLength?: number): Upload {
  const url = new URL(`${app.url}/webhooks/cashdesk/${token}`);
  const req = request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(contentLength !== undefined ? { 'content-length': contentLength } : {}) },
  });
  const answer = new Promise<{ status: number; retryAfter: string | undefined }>((resolve, reject) => {
    req.once('response', (res) => {
      res.resume();
      res.once('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] }));
    });
    req.once('error', reject);
  });
  return { req, answer };
}

describe.each(databaseKinds)('bounded webhook bodies and /metrics on %s', (kind) => {
  let database: TestDatabase;
  let app: TestApp;
  let shop: Business;
  const LIMIT = 1_000_000;
  const inFlight = async () => (await app.deps.metrics.webhookBodyBytesInFlight.get()).values[0]?.value ?? 0;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    // One shop may hold the whole budget here: these tests are about the budget of all shops.
    app = await startTestApp(database, { bodiesInFlightBytes: LIMIT, bodiesInFlightPerShopBytes: LIMIT });
    shop = await createBusiness(database);
  });
  afterAll(async () => {
    await app?.close();
    await database?.destroy();
  });

  it('answers 503 at once, with Retry-After, to a body that does not fit beside the ones in flight', async () => {
    const slowBody = notACheck(800_000);
    const slow = startUpload(app, shop.webhookToken, slowBody.length);
    slow.req.write(slowBody.subarray(0, 700_000));
    // Held as its bytes arrive, not by the length it declared.
    await waitUntil('the slow body to be held', async () => (await inFlight()) === 700_000);

    // Answered while the slow body is still held (it is finished only below): no waiting for room.
    const declared = await postCheck(app.url, shop.webhookToken, notACheck(400_000));
    expect(declared.status).toBe(503);
    expect(declared.headers.get('retry-after')).toMatch(/^\d+$/);

    // Without a Content-Length: refused as its chunks arrive.
    const chunked = startUpload(app, shop.webhookToken);
    chunked.req.write(Buffer.alloc(200_000, 0x20));
    chunked.req.write(Buffer.alloc(200_000, 0x20));
    chunked.req.end(Buffer.alloc(10, 0x20));
    expect((await chunked.answer).status).toBe(503);
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/cashdesk_webhooks_total\{outcome="busy"\} 2/);

    slow.req.end(slowBody.subarray(700_000));
    expect((await slow.answer).status).toBe(422);
    await waitUntil('the budget to be given back', async () => (await inFlight()) === 0);

    expect((await postCheck(app.url, shop.webhookToken, notACheck(400_000))).status).toBe(422);
    await waitUntil('the budget to be given back', async () => (await inFlight()) === 0);
  });

  it('gives the budget back when the client goes away mid-body', async () => {
    const gone = startUpload(app, shop.webhookToken, 900_000);
    gone.answer.catch(() => undefined);
    gone.req.write(Buffer.alloc(1000, 0x20));
    await waitUntil('the body to be held', async () => (await inFlight()) === 1000);
    gone.req.destroy();
    await waitUntil('the budget to be given back', async () => (await inFlight()) === 0);
    expect((await postCheck(app.url, shop.webhookToken, notACheck(900_000))).status).toBe(422);
  });

  it('still answers 422 over the daily cap of kept bodies, without keeping the body', async () => {
    const capped = await createBusiness(database);
    await database.db.insert(rejectedPayloadDays).values({ businessId: capped.id, day: new Date().toISOString().slice(0, 10), kept: REJECTED_BODIES_PER_DAY });
    const res = await postCheck(app.url, capped.webhookToken, { hello: 'world' });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ ok: false, fields: expect.any(Array) });
    expect(await database.db.select().from(rejectedPayloads).where(eq(rejectedPayloads.businessId, capped.id))).toHaveLength(0);
    const [day] = await database.db.select().from(rejectedPayloadDays).where(eq(rejectedPayloadDays.businessId, capped.id));
    expect(day!.dropped).toBe(1);
    const text = await (await fetch(`${app.url}/metrics`)).text();
    expect(text).toMatch(/cashdesk_rejected_bodies_total\{stored="false"\} 1/);
  });

  it('with METRICS_TOKEN, /metrics answers only to that bearer token', async () => {
    const token = 'm3tr1cs-t0ken-for-the-test-0123456789';
    const guarded = await startTestApp(database, { config: { maxBodyBytes: 1024, businessTz: 'Europe/Kyiv', metricsToken: token } });
    try {
      const get = (headers: Record<string, string> = {}) => fetch(`${guarded.url}/metrics`, { headers });
      const none = await get();
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await none.text()).not.toContain('cashdesk_webhooks_total');
      expect((await get({ authorization: 'Bearer wrong-token-of-some-length' })).status).toBe(401);
      expect((await get({ authorization: `Bearer ${token}x` })).status).toBe(401);
      expect((await get({ authorization: `Basic ${token}` })).status).toBe(401);
      expect((await get({ authorization: token })).status).toBe(401);
      const ok = await get({ authorization: `Bearer ${token}` });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('cashdesk_webhooks_total');
      // The health checks stay open.
      expect((await fetch(`${guarded.url}/healthz`)).status).toBe(200);
    } finally {
      await guarded.close();
    }
    // Without the setting, /metrics answers on loopback (where these requests come from).
    expect((await fetch(`${app.url}/metrics`)).status).toBe(200);
  });
});
