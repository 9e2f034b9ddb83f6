import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import type { Business } from '../../src/features/shops/businesses.js';
import type { CheckDetailResponse } from '../../src/miniapp/api-contract.js';
import { createLogger } from '../../src/platform/observability/logger.js';
import { databaseKinds } from '../support/databases.js';
import { postCheck, startTestApp, type TestApp } from '../support/app.js';
import { fixture, variant } from '../support/fixtures.js';
import { signInitData } from '../support/init-data.js';
import { NOW, registerOwner, startBotHarness, storeCheck, type BotHarness } from '../support/bot-harness.js';

const OWNER_A = 951;
const OWNER_B = 952;

/**
 * What one Mini App user can spend: a few requests a second and 2 at once (429 with Retry-After
 * beyond), while other shops' webhooks go on; requests whose initData does not hold are limited
 * per address; out-of-range parameters are 400 with nothing in the error log.
 */
describe.each(databaseKinds)('Mini App limits and bounds (%s)', (kind) => {
  let h: BotHarness;
  let app: TestApp;
  let a: Business;
  let b: Business;
  const lines: string[] = [];
  const ids: Record<string, number> = {};

  const initData = (userId: number) => signInitData({ user: { id: userId, first_name: `U${userId}` }, botToken: h.tg.token });
  const get = (path: string, userId: number, target = app) => fetch(`${target.url}${path}`, { headers: { authorization: `tma ${initData(userId)}` } });
  const errorLines = () => lines.join('').split('\n').filter((l) => /"level":(50|60)/.test(l));

  beforeAll(async () => {
    h = await startBotHarness(kind);
    a = await registerOwner(h, OWNER_A);
    b = await registerOwner(h, OWNER_B);
    ids.cash = await storeCheck(h, a.id, fixture('sale-cash'));
    ids.script = await storeCheck(h, a.id, variant('sale-card', 'script-link', (c) => (c.link = 'javascript:alert(document.cookie)')));
    ids.ftp = await storeCheck(h, a.id, variant('return', 'ftp-link', (c) => (c.link = 'ftp://example.com/r')));
    const out = new PassThrough();
    out.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
    app = await startTestApp(h.database, {
      config: { maxBodyBytes: 1024 * 1024, businessTz: h.config.businessTz },
      logger: createLogger({ level: 'info', destination: out }),
      miniApp: { botToken: h.tg.token, now: () => NOW, webRoots: ['/nonexistent/web/dist'] },
    });
  });
  afterAll(async () => {
    await app?.close();
    await h?.close();
  });

  it("one user's 40 searches at once: 429s with Retry-After; another shop's webhook meanwhile answers within 1 s", async () => {
    // Shop B's webhook path once before (its token found, its queue running).
    expect((await postCheck(app.url, b.webhookToken, variant('sale-cash', 'b-before-flood', (c) => (c.ORDERNUM = 'B-WARM-1')))).status).toBe(200);
    const searches = Array.from({ length: 40 }, () => get(`/app/api/checks?q=${encodeURIComponent('хліб')}`, OWNER_A));
    const started = performance.now();
    const webhook = postCheck(app.url, b.webhookToken, variant('sale-cash', 'b-during-flood', (c) => (c.ORDERNUM = 'B-FLOOD-1'))).then((res) => ({
      status: res.status,
      ms: performance.now() - started,
    }));
    const answers = await Promise.all(searches);
    const { status, ms } = await webhook;
    const elapsedSeconds = (performance.now() - started) / 1000;

    expect(status).toBe(200);
    // PGlite runs every query on this one thread, one at a time: whatever the limits, a webhook
    // waits for the searches admitted before it. The bound holds on PostgreSQL.
    if (kind === 'postgres') expect(ms).toBeLessThan(1000);
    const statuses = answers.map((r) => r.status);
    const admitted = statuses.filter((s) => s === 200).length;
    expect(admitted).toBeGreaterThanOrEqual(2);
    // Never more than the burst (10) and 5 a second.
    expect(admitted).toBeLessThanOrEqual(10 + Math.ceil(5 * elapsedSeconds));
    const refused = answers.filter((r) => r.status === 429);
    // On PostgreSQL the 40 are at the server at once: 2 in flight, the rest refused. (PGlite
    // answers one request at a time on this thread, so only the rate refuses there.)
    expect(refused.length).toBeGreaterThanOrEqual(kind === 'postgres' ? 30 : 1);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    for (const r of refused) {
      expect(r.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('too_many_requests');
    }
    await Promise.all(answers.filter((r) => r.status === 200).map((r) => r.arrayBuffer()));
    // Shop B's owner was never limited by A's user.
    expect((await get('/app/api/me', OWNER_B)).status).toBe(200);
  });

  it('one after another past the burst: 429 with the seconds until the next token; other users unaffected', async () => {
    // A slow rate of its own (one every 2 s, 3 at once), so the answer's own time never refills it.
    const own = await startTestApp(h.database, {
      miniApp: { botToken: h.tg.token, now: () => NOW, webRoots: ['/nonexistent/web/dist'], limits: { user: { perSecond: 0.5, burst: 3, maxInFlight: 2 } } },
    });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 4; i++) {
        const res = await get('/app/api/me', OWNER_A, own);
        statuses.push(res.status);
        if (res.status === 429) retryAfter = res.headers.get('retry-after');
        await res.arrayBuffer();
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(retryAfter)).toBeLessThanOrEqual(2);
      expect((await get('/app/api/me', OWNER_B, own)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, Number(retryAfter) * 1000));
      expect((await get('/app/api/me', OWNER_A, own)).status).toBe(200);
    } finally {
      await own.close();
    }
  });

  it('requests whose initData does not hold are limited per address: garbage is not free', async () => {
    // An app of its own: its address budget is untouched by the other tests.
    const own = await startTestApp(h.database, { miniApp: { botToken: h.tg.token, now: () => NOW, webRoots: ['/nonexistent/web/dist'] } });
    try {
      const forged = signInitData({ user: { id: OWNER_A, first_name: 'x' }, botToken: '1:not-this-bot' });
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 14; i++) {
        const res = await fetch(`${own.url}/app/api/me`, { headers: { authorization: `tma ${forged}` } });
        statuses.push(res.status);
        if (res.status === 429) retryAfter ??= res.headers.get('retry-after');
      }
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses.slice(10)).toEqual(Array(4).fill(429));
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    } finally {
      await own.close();
    }
  });

  it('out-of-range parameters: 400 naming the field, never a 500 or an error log line', async () => {
    await new Promise((resolve) => setTimeout(resolve, 2200));
    const cases: Array<[string, string]> = [
      ['/app/api/checks?before=9999999999999999999.1', 'before'],
      ['/app/api/checks?before=1.99999999999999999999', 'before'],
      ['/app/api/checks?before=1764237600000000.9223372036854775808', 'before'],
      ['/app/api/checks?limit=-5', 'limit'],
      ['/app/api/checks?limit=99999999999999999999999', 'limit'],
      ['/app/api/checks?cashDesk=99999999999999999999', 'cashDesk'],
      ['/app/api/period?kind=range&from=0001-01-01&to=0001-01-02', 'from'],
      ['/app/api/period?kind=range&from=9999-12-01&to=9999-12-31', 'from'],
      ['/app/api/checks/99999999999999999999', 'id'],
    ];
    for (const [path, field] of cases) {
      const res = await get(path, OWNER_A);
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message, path).toContain(field);
    }
    const exported = await fetch(`${app.url}/app/api/export`, {
      method: 'POST',
      headers: { authorization: `tma ${initData(OWNER_A)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ from: '0001-01-01', to: '0001-01-02', format: 'csv' }),
    });
    expect(exported.status).toBe(400);
    expect(errorLines()).toEqual([]);
  });

  it('a product name needs 3 characters: shorter is 400 saying so; digits still find a number or an amount', async () => {
    await new Promise((resolve) => setTimeout(resolve, 2200));
    for (const q of ['х', 'хл', ' хл ']) {
      const res = await get(`/app/api/checks?q=${encodeURIComponent(q)}`, OWNER_A);
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/q: .*at least 3 characters/);
    }
    const bread = await get(`/app/api/checks?q=${encodeURIComponent('хлі')}`, OWNER_A);
    expect(bread.status).toBe(200);
    expect(((await bread.json()) as { items: Array<{ id: number }> }).items.map((c) => c.id)).toContain(ids.cash);
    const digits = await get('/app/api/checks?q=14', OWNER_A);
    expect(digits.status).toBe(200);
  });

  it('the e-receipt link is given only when it is http(s), as the bot\'s button', async () => {
    await new Promise((resolve) => setTimeout(resolve, 2200));
    const detail = async (id: number) => {
      const res = await get(`/app/api/checks/${id}`, OWNER_A);
      expect(res.status).toBe(200);
      return (await res.json()) as CheckDetailResponse;
    };
    expect((await detail(ids.cash!)).receiptUrl).toBe(fixture('sale-cash').link);
    expect((await detail(ids.script!)).receiptUrl).toBeNull();
    expect((await detail(ids.ftp!)).receiptUrl).toBeNull();
  });
});
