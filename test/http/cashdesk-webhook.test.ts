import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/databases.js';
import { createBusiness, postCheck, startTestApp, type TestApp } from '../support/app.js';
import { fixture, fixtureText, variant } from '../support/fixtures.js';
import { checkItems, checkPayments, checkPdfs, checks, chats, outbox, rejectedPayloads, cashDesks } from '../../src/platform/db/schema.js';
import { rotateWebhookToken, type Business } from '../../src/features/shops/businesses.js';

describe.each(databaseKinds)('POST /webhooks/cashdesk/:token on %s', (kind) => {
  let database: TestDatabase;
  let app: TestApp;
  let shop: Business;
  let uuidSeq = 0;
  const newUuid = () => `00000000-0000-4000-8000-${String(++uuidSeq).padStart(12, '0')}`;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    app = await startTestApp(database);
    shop = await createBusiness(database);
  });
  afterAll(async () => {
    await app?.close();
    await database?.destroy();
  });

  const checksOf = (business: Business, uuid: string) =>
    database.db.select().from(checks).where(and(eq(checks.businessId, business.id), eq(checks.uuid, uuid)));
  const jobsFor = (checkId: number) => database.db.select().from(outbox).where(eq(outbox.checkId, checkId));

  it('200 {"ok":true} once stored: check, items, payments, PDF and the alert job', async () => {
    const body = fixture('sale-cash');
    const res = await postCheck(app.url, shop.webhookToken, body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });

    const [row] = await checksOf(shop, body.uuid);
    expect(row).toMatchObject({ kind: 'sale', checkType: 'Z_SALE', totalKop: 14860, businessDate: '2026-11-27', hasPdf: true });
    expect(row!.raw).toMatchObject({ ORDERNUM: 'DEV_00000128ebcfe', hash: body.hash });
    const items = await database.db.select().from(checkItems).where(eq(checkItems.checkId, row!.id)).orderBy(checkItems.position);
    expect(items.map((i) => i.costKop)).toEqual([5780, 4135, 4947]);
    const payments = await database.db.select().from(checkPayments).where(eq(checkPayments.checkId, row!.id));
    expect(payments).toHaveLength(1);
    const [pdf] = await database.db.select().from(checkPdfs).where(eq(checkPdfs.checkId, row!.id));
    expect(Buffer.compare(pdf!.pdf, Buffer.from(body.pdf, 'base64'))).toBe(0);
    const jobs = await jobsFor(row!.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ kind: 'sale', chatId: shop.ownerUserId, status: 'pending' });
    const [desk] = await database.db.select().from(cashDesks).where(eq(cashDesks.id, row!.cashDeskId));
    expect(desk).toMatchObject({ numFiscal: '50037129', cashInBoxKop: 153040 });
  });

  it('the same check again: 200, nothing changes, nobody is notified again', async () => {
    const body = variant('sale-card', newUuid());
    for (let i = 0; i < 3; i++) expect((await postCheck(app.url, shop.webhookToken, body)).status).toBe(200);
    const rows = await checksOf(shop, body.uuid);
    expect(rows).toHaveLength(1);
    expect(await jobsFor(rows[0]!.id)).toHaveLength(1);
  });

  it('ten simultaneous copies leave one check and one set of notifications', async () => {
    const body = variant('sale-cash', newUuid());
    const answers = await Promise.all(Array.from({ length: 10 }, () => postCheck(app.url, shop.webhookToken, body)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    const rows = await checksOf(shop, body.uuid);
    expect(rows).toHaveLength(1);
    expect(await jobsFor(rows[0]!.id)).toHaveLength(1);
    const items = await database.db.select().from(checkItems).where(eq(checkItems.checkId, rows[0]!.id));
    expect(items).toHaveLength(3);
  });

  it('twenty different checks of one cash desk at once are all stored (no lock-order deadlock)', async () => {
    const bodies = Array.from({ length: 20 }, (_, i) =>
      variant('sale-cash', newUuid(), (c) => {
        c.num_fiscal = '70000001';
        c.cash_in_box = 1000 + i;
        c.ORDERTIME = `11:00:${String(i).padStart(2, '0')}`;
      }),
    );
    const answers = await Promise.all(bodies.map((b) => postCheck(app.url, shop.webhookToken, b)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const [desk] = await database.db.select().from(cashDesks).where(and(eq(cashDesks.numFiscal, '70000001'), eq(cashDesks.businessId, shop.id)));
    // the newest by the check's own time wins, whatever the order of arrival
    expect(desk!.cashInBoxKop).toBe(101900);
  });

  it('the same uuid in another business is another check', async () => {
    const other = await createBusiness(database);
    const body = variant('return', newUuid());
    expect((await postCheck(app.url, shop.webhookToken, body)).status).toBe(200);
    expect((await postCheck(app.url, other.webhookToken, body)).status).toBe(200);
    expect(await checksOf(shop, body.uuid)).toHaveLength(1);
    expect(await checksOf(other, body.uuid)).toHaveLength(1);
  });

  it('accepts any content type whose body parses as JSON', async () => {
    const body = variant('doc-example', newUuid());
    const res = await postCheck(app.url, shop.webhookToken, JSON.stringify(body), {
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
    expect(res.status).toBe(200);
    const res2 = await fetch(`${app.url}/webhooks/cashdesk/${shop.webhookToken}`, {
      method: 'POST',
      body: JSON.stringify(variant('doc-example', newUuid())),
    });
    expect(res2.status).toBe(200);
  });

  it('400 when the body is not JSON, or not a JSON object; the body is kept', async () => {
    for (const [body, error] of [
      ['{"uuid": "x",', 'body is not JSON'],
      ['', 'body is not JSON'],
      ['[1,2,3]', 'body is not a JSON object'],
      ['"a string"', 'body is not a JSON object'],
      ['null', 'body is not a JSON object'],
    ] as const) {
      const res = await postCheck(app.url, shop.webhookToken, body);
      expect(res.status, body).toBe(400);
      expect(await res.json()).toEqual({ ok: false, error });
    }
    const kept = await database.db
      .select()
      .from(rejectedPayloads)
      .where(and(eq(rejectedPayloads.businessId, shop.id), eq(rejectedPayloads.status, 400)));
    expect(kept.map((k) => k.body.toString())).toEqual(expect.arrayContaining(['{"uuid": "x",', '[1,2,3]']));
  });

  it('404 for an unknown token, saying nothing more', async () => {
    const unknown = await postCheck(app.url, 'A'.repeat(32), fixture('sale-cash'));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ ok: false, error: 'not found' });
    // a near miss and a malformed token answer exactly the same
    const nearMiss = await postCheck(app.url, shop.webhookToken.slice(0, -1) + (shop.webhookToken.endsWith('A') ? 'B' : 'A'), fixture('sale-cash'));
    expect(nearMiss.status).toBe(404);
    expect(await nearMiss.text()).toBe(JSON.stringify({ ok: false, error: 'not found' }));
    const odd = await postCheck(app.url, '..%2F..%2Fetc', fixture('sale-cash'));
    expect(odd.status).toBe(404);
    expect(await odd.text()).toBe(JSON.stringify({ ok: false, error: 'not found' }));
  });

  it('a rotated token is refused at once although the webhook remembers it: 404, nothing stored, the new one works', async () => {
    const other = await createBusiness(database);
    const oldToken = other.webhookToken;
    expect((await postCheck(app.url, oldToken, variant('sale-cash', newUuid()))).status).toBe(200); // now remembered
    const rotated = await rotateWebhookToken(database.db, other.id);
    const late = variant('sale-cash', newUuid());
    const res = await postCheck(app.url, oldToken, late);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ ok: false, error: 'not found' });
    expect(await checksOf(other, late.uuid)).toHaveLength(0);
    // Not JSON under the old token: no body kept for the owner, the same 404.
    const bad = await fetch(`${app.url}/webhooks/cashdesk/${oldToken}`, { method: 'POST', body: '{nope' });
    expect(bad.status).toBe(404);
    const kept = await database.db.select().from(rejectedPayloads).where(eq(rejectedPayloads.businessId, other.id));
    expect(kept).toHaveLength(0);
    expect((await postCheck(app.url, rotated.webhookToken, late)).status).toBe(200);
    expect(await checksOf(other, late.uuid)).toHaveLength(1);
  });

  it('takes bodies well above 1 MB and answers 413 over MAX_BODY_BYTES', async () => {
    const big = variant('sale-cash', newUuid(), (c) => {
      c.text_print = Buffer.alloc(3 * 1024 * 1024, 'x').toString('base64');
    });
    expect((await postCheck(app.url, shop.webhookToken, big)).status).toBe(200);

    const huge = variant('sale-cash', newUuid(), (c) => {
      c.text_print = 'x'.repeat(10 * 1024 * 1024 + 1);
    });
    const res = await postCheck(app.url, shop.webhookToken, huge);
    expect(res.status).toBe(413);
    expect(await checksOf(shop, huge.uuid)).toHaveLength(0);
  });

  it('413 also without a Content-Length (chunked)', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 12) return controller.close();
        sent++;
        controller.enqueue(chunk);
      },
    });
    const res = await fetch(`${app.url}/webhooks/cashdesk/${shop.webhookToken}`, {
      method: 'POST',
      body: stream,
      duplex: 'half',
    });
    expect(res.status).toBe(413);
  });

  it('422 names the fields a check lacks and keeps the raw body', async () => {
    const body = fixture('sale-cash');
    delete body.uuid;
    body.check_data.total_sum = 'много';
    const text = JSON.stringify(body);
    const res = await postCheck(app.url, shop.webhookToken, text);
    expect(res.status).toBe(422);
    const answer = (await res.json()) as { ok: boolean; fields: string[] };
    expect(answer.ok).toBe(false);
    expect(answer.fields.join('\n')).toMatch(/^uuid: /m);
    expect(answer.fields.join('\n')).toMatch(/^check_data\.total_sum: /m);
    const kept = await database.db
      .select()
      .from(rejectedPayloads)
      .where(and(eq(rejectedPayloads.businessId, shop.id), eq(rejectedPayloads.status, 422)));
    expect(kept.some((k) => k.body.toString() === text)).toBe(true);
  });

  it('a number beyond its column is a 422 naming the field, the body kept and the owner told (not a 503 for 24 hours)', async () => {
    const b = await createBusiness(database);
    const cases: [string, (c: Record<string, any>) => void][] = [
      ['check_data.payments[0].code', (c) => (c.check_data.payments[0].code = 2 ** 31)],
      ['local_number', (c) => (c.local_number = '99999999999999999999')],
      ['check_data.products[0].cost', (c) => {
        delete c.check_data.products[0].cost;
        c.check_data.products[0].amount = 999_999_999;
        c.check_data.products[0].price = 9_999_999_999;
      }],
    ];
    for (const [field, patch] of cases) {
      const body = variant('sale-cash', newUuid(), patch);
      const res = await postCheck(app.url, b.webhookToken, body);
      expect(res.status, field).toBe(422);
      const answer = (await res.json()) as { fields: string[] };
      expect(answer.fields.map((f) => f.split(': ')[0]), field).toEqual([field]);
      expect(await checksOf(b, body.uuid)).toHaveLength(0);
    }
    const kept = await database.db.select().from(rejectedPayloads).where(eq(rejectedPayloads.businessId, b.id));
    expect(kept.map((k) => k.status)).toEqual([422, 422, 422]);
    const notices = await database.db.select().from(outbox).where(and(eq(outbox.businessId, b.id), eq(outbox.kind, 'notice')));
    expect(notices.map((n) => n.payload)).toEqual([{ key: 'rejected_check', args: { problems: 1 } }]);
  });

  it('a check the database refuses as data (SQLSTATE class 22) is a 422 with the body kept; a passing failure stays a 503', async () => {
    const b = await createBusiness(database);
    // Stand-ins for a value no range foresaw, and for a failure that retrying cures.
    await database.db.execute(sql`create function refuse_item() returns trigger language plpgsql as $$
      begin
        if new.name = 'data-exception' then raise exception 'value out of range' using errcode = '22003'; end if;
        if new.name = 'serialization' then raise exception 'try again' using errcode = '40001'; end if;
        return new;
      end $$`);
    await database.db.execute(sql`create trigger refuse_item before insert on check_items for each row execute function refuse_item()`);
    try {
      const refused = variant('sale-cash', newUuid(), (c) => (c.check_data.products[1].name = 'data-exception'));
      const res = await postCheck(app.url, b.webhookToken, refused);
      expect(res.status).toBe(422);
      expect(((await res.json()) as { fields: string[] }).fields).toEqual(['check: the database cannot store it (SQLSTATE 22003)']);
      expect(await checksOf(b, refused.uuid)).toHaveLength(0);
      const kept = await database.db.select().from(rejectedPayloads).where(eq(rejectedPayloads.businessId, b.id));
      expect(kept.map((k) => [k.status, JSON.parse(k.body.toString()).uuid])).toEqual([[422, refused.uuid]]);
      const notices = await database.db.select().from(outbox).where(and(eq(outbox.businessId, b.id), eq(outbox.kind, 'notice')));
      expect(notices.map((n) => (n.payload as { key: string }).key)).toEqual(['rejected_check']);

      const transient = variant('sale-cash', newUuid(), (c) => (c.check_data.products[1].name = 'serialization'));
      expect((await postCheck(app.url, b.webhookToken, transient)).status).toBe(503);
    } finally {
      await database.db.execute(sql`drop trigger refuse_item on check_items`);
      await database.db.execute(sql`drop function refuse_item()`);
    }
  });

  it('a check of 10 000 lines is stored whole, in one go (200)', async () => {
    const lines = 10_000;
    const body = variant('sale-cash', newUuid(), (c) => {
      c.check_data.products = Array.from({ length: lines }, (_, i) => ({ name: `Товар ${i}`, amount: 1, price: '1.00', cost: '1.00', unit_name: 'шт' }));
      c.check_data.payments = Array.from({ length: lines }, (_, i) => ({ code: i % 2, name: i % 2 ? 'КАРТКА' : 'ГОТІВКА', sum: '1.00' }));
      c.check_data.total_sum = lines;
      c.check_data.round_sum = 0;
    });
    const res = await postCheck(app.url, shop.webhookToken, body);
    expect(res.status).toBe(200);
    const [row] = await checksOf(shop, body.uuid);
    expect(row).toMatchObject({ totalKop: lines * 100, cashKop: (lines / 2) * 100, cashlessKop: (lines / 2) * 100 });
    const items = await database.db.select({ position: checkItems.position }).from(checkItems).where(eq(checkItems.checkId, row!.id)).orderBy(checkItems.position);
    expect(items.map((i) => i.position)).toEqual(Array.from({ length: lines }, (_, i) => i));
    const payments = await database.db.select({ position: checkPayments.position }).from(checkPayments).where(eq(checkPayments.checkId, row!.id));
    expect(payments).toHaveLength(lines);
  });

  it('tells the owner of rejected bodies once an hour, not once a body', async () => {
    const b = await createBusiness(database);
    for (const body of ['{"broken', '{"uuid": 1}', '[]']) expect((await postCheck(app.url, b.webhookToken, body)).status).toBeGreaterThanOrEqual(400);
    const notices = await database.db.select().from(outbox).where(and(eq(outbox.businessId, b.id), eq(outbox.kind, 'notice')));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ chatId: b.ownerUserId, payload: { key: 'rejected_check' } });
    const kept = await database.db.select().from(rejectedPayloads).where(eq(rejectedPayloads.businessId, b.id));
    expect(kept).toHaveLength(3);
  });

  it('does not queue sale alerts for muted or switched-off chats', async () => {
    const b = await createBusiness(database);
    await database.db.insert(chats).values([
      { chatId: -100_000_000_001, businessId: b.id, type: 'supergroup', role: 'member', muted: true },
      { chatId: -100_000_000_002, businessId: b.id, type: 'supergroup', role: 'member', active: false },
      { chatId: -1_001_234_567_890, businessId: b.id, type: 'supergroup', role: 'member' },
    ]);
    const body = variant('sale-cash', newUuid());
    expect((await postCheck(app.url, b.webhookToken, body)).status).toBe(200);
    const [row] = await checksOf(b, body.uuid);
    const jobs = await jobsFor(row!.id);
    expect(jobs.map((j) => j.chatId).sort()).toEqual([-1_001_234_567_890, b.ownerUserId].sort());
  });

  it('a check bringing the drawer below the threshold queues one low-cash alert per chat', async () => {
    const b = await createBusiness(database, { defaultLowCashKop: 100_000 });
    // 1000 UAH threshold; the drawer goes 1500 → 900 (alert) → 800 (still low) → 1000 (re-armed) → 999.99 (alert)
    const minutes = ['10:16', '10:17', '10:18', '10:19', '10:20'];
    const cash = [1500, 900, 800, 1000, 999.99];
    for (let i = 0; i < cash.length; i++) {
      const body = variant('sale-cash', newUuid(), (c) => {
        c.cash_in_box = cash[i];
        c.ORDERTIME = `${minutes[i]}:00`;
      });
      expect((await postCheck(app.url, b.webhookToken, body)).status).toBe(200);
    }
    const all = await database.db.select().from(outbox).where(eq(outbox.businessId, b.id)).orderBy(outbox.id);
    // These drawers do not follow from the sales (1500 + 148,60 ≠ 900): the watchdog says so once that day.
    expect(all.filter((j) => j.kind === 'drawer_mismatch')).toHaveLength(1);
    expect(all.map((j) => j.kind).filter((k) => k !== 'drawer_mismatch')).toEqual(['sale', 'sale', 'low_cash', 'sale', 'sale', 'sale', 'low_cash']);
  });

  it('a check from a cash desk whose clock says 2099 is stored (200), leaves the drawer, and the owner is told', async () => {
    const b = await createBusiness(database);
    const now = variant('sale-cash', newUuid(), (c) => (c.cash_in_box = 1500));
    const ahead = variant('sale-cash', newUuid(), (c) => {
      c.ORDERDATE = '2099-12-31';
      c.cash_in_box = 10;
    });
    expect((await postCheck(app.url, b.webhookToken, now)).status).toBe(200);
    expect((await postCheck(app.url, b.webhookToken, ahead)).status).toBe(200);
    const [row] = await checksOf(b, ahead.uuid);
    expect(row).toMatchObject({ businessDate: '2099-12-31' });
    const [desk] = await database.db.select().from(cashDesks).where(eq(cashDesks.id, row!.cashDeskId));
    expect(desk!.cashInBoxKop).toBe(150_000);
    const notices = await database.db.select().from(outbox).where(and(eq(outbox.businessId, b.id), eq(outbox.kind, 'notice')));
    expect(notices.map((n) => [n.chatId, (n.payload as { key: string }).key])).toEqual([[b.ownerUserId, 'desk_clock_wrong']]);
  });

  it('503 while draining, and nothing is stored', async () => {
    app.setDraining(true);
    try {
      const body = variant('sale-cash', newUuid());
      expect((await postCheck(app.url, shop.webhookToken, body)).status).toBe(503);
      expect(await checksOf(shop, body.uuid)).toHaveLength(0);
    } finally {
      app.setDraining(false);
    }
  });

  it('healthz and readyz', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
  });

  it('counts webhooks by outcome in /metrics', async () => {
    const text = await (await fetch(`${app.url}/metrics`)).text();
    expect(text).toMatch(/cashdesk_webhooks_total\{outcome="stored"\} \d+/);
    expect(text).toMatch(/cashdesk_webhooks_total\{outcome="unknown_token"\} \d+/);
  });

  it('every fixture is accepted', async () => {
    for (const name of ['doc-example', 'long-check', 'offline-lenient', 'return', 'sale-card', 'sale-cash']) {
      const res = await postCheck(app.url, shop.webhookToken, fixtureText(name));
      expect(res.status, name).toBe(200);
    }
    expect(await checksOf(shop, '189ac039-409e-428f-a088-b1b69c21971b')).toHaveLength(1);
  });
});
