/**
 * Drill: 10 000 malformed bodies of assorted kinds to a business's webhook, valid checks mixed
 * in at a known rate (1 in 10), 16 at a time: broken JSON, JSON that is not an object, wrong
 * types, deep nesting (100 000 nested arrays, or objects), huge strings, bytes that are not
 * UTF-8, characters PostgreSQL cannot store, and one 30 MB body (413, refused by its declared
 * length) plus one 12 MB chunked body with no length (413, refused while reading). Every answer
 * must be the one SPEC gives (400 not JSON / not an object, 413 too large, 422 not a check,
 * 200 a check), /healthz must answer throughout, and every valid check must be stored and
 * announced.
 */
import http from 'node:http';
import { drillCheck, type DrillCheck } from './check-bodies.js';
import { openDrillEnv, SHORT, SHORT_DELIVERY } from './harness.js';
import { unhealthy, watchHealth } from './health-watch.js';
import type { DrillResult } from './result.js';

interface Body {
  kind: string;
  bytes: Buffer;
  contentType: string;
  /** Sent without Content-Length. */
  chunked?: boolean;
  expect: number;
  check?: DrillCheck;
}

const MB = 1024 * 1024;
const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const nestedArrays = (depth: number) => Buffer.from('['.repeat(depth) + ']'.repeat(depth));
const nestedObjects = (depth: number) => Buffer.from('{"a":'.repeat(depth) + '1' + '}'.repeat(depth));

/** Body `i` of the drill: every 10th a valid check (in one of several honest forms), the rest malformed. */
function bodyFor(i: number, checkNo: () => number): Body {
  if (i % 10 === 0) {
    const variant = (i / 10) % 5;
    if (variant === 1) {
      const check = drillCheck(checkNo());
      return { kind: 'valid (text/plain)', bytes: Buffer.from(check.body), contentType: 'text/plain', expect: 200, check };
    }
    if (variant === 2) {
      const check = drillCheck(checkNo(), (c) => {
        c.num_fiscal = 50037129;
        (c.check_data as Record<string, unknown>).total_sum = '148.60';
      });
      return { kind: 'valid (numbers as strings and back)', bytes: Buffer.from(check.body), contentType: 'application/json', expect: 200, check };
    }
    if (variant === 3) {
      const check = drillCheck(checkNo(), (c) => {
        const products = (c.check_data as { products: Array<Record<string, unknown>> }).products;
        products[0]!.name = `Хліб\u0000 <b>&amp; \uD800 ${'дуже довга назва '.repeat(i % 100 === 30 ? 60_000 : 5)}`;
      });
      return { kind: 'valid (odd, unstorable or huge text)', bytes: Buffer.from(check.body), contentType: 'application/json', expect: 200, check };
    }
    const check = drillCheck(checkNo());
    return { kind: 'valid', bytes: Buffer.from(check.body), contentType: 'application/json', expect: 200, check };
  }
  const template = JSON.parse(drillCheck(0).body) as Record<string, any>;
  switch (i % 9) {
    case 0: {
      const text = drillCheck(0).body;
      return { kind: 'broken JSON', bytes: Buffer.from(text.slice(0, (i * 37) % text.length)), contentType: 'application/json', expect: 400 };
    }
    case 1: {
      const variants = ["{'uuid': 1}", '{"uuid": "x",}', 'NaN', '{"a":1}{"b":2}', '<xml/>', '{"uuid":"\u0001"}'];
      return { kind: 'broken JSON', bytes: Buffer.from(variants[i % variants.length]!), contentType: 'application/json', expect: 400 };
    }
    case 2: {
      const variants = ['[1,2,3]', '"a string"', '42', 'null', 'true', JSON.stringify([template])];
      return { kind: 'not an object', bytes: Buffer.from(variants[i % variants.length]!), contentType: 'application/json', expect: 400 };
    }
    case 3:
    case 4: {
      const breakers: Array<(c: Record<string, any>) => void> = [
        (c) => delete c.uuid,
        (c) => (c.uuid = { id: 1 }),
        (c) => (c.check_data.total_sum = 'abc'),
        (c) => (c.check_data.products = 'bread'),
        (c) => (c.check_data.payments = [{ sum: 'x' }]),
        (c) => (c.check_data = []),
        (c) => (c.ORDERDATE = 'yesterday'),
        (c) => (c.ORDERTIME = 99),
        (c) => (c.num_fiscal = [1]),
        (c) => (c.check_data.total_sum = 1e308),
        (c) => (c.cash_in_box = 'lots'),
        (c) => delete c.check_data,
      ];
      const c = structuredClone(template);
      breakers[i % breakers.length]!(c);
      return { kind: 'wrong types', bytes: json(c), contentType: 'application/json', expect: 422 };
    }
    case 5:
      return i % 2 === 0
        ? { kind: 'deep nesting (100 000 arrays)', bytes: nestedArrays(100_000), contentType: 'application/json', expect: 400 }
        : { kind: 'deep nesting (100 000 objects)', bytes: nestedObjects(100_000), contentType: 'application/json', expect: 422 };
    case 6: {
      // Just under MAX_BODY_BYTES' default (2 MiB): read whole, then refused for what they are.
      if (i % 100 === 6) return { kind: 'huge string (2 MB, not an object)', bytes: json('я'.repeat(MB - 16)), contentType: 'application/json', expect: 400 };
      if (i % 100 === 16) return { kind: 'huge string (2 MB in an object)', bytes: json({ note: 'x'.repeat(2 * MB - 64) }), contentType: 'application/json', expect: 422 };
      const c = structuredClone(template);
      delete c.check_data;
      c.comment = 'z'.repeat(10_000 + (i % 50_000));
      return { kind: 'long string in a non-check', bytes: json(c), contentType: 'application/json', expect: 422 };
    }
    case 7:
      return { kind: 'not UTF-8', bytes: Buffer.from([0xff, 0xfe, 0x7b, 0x22, 0x80, 0x81, 0xc3, 0x28, 0x7d]), contentType: 'application/octet-stream', expect: 400 };
    default:
      return { kind: 'empty or whitespace', bytes: Buffer.from(i % 2 ? '' : '  \n '), contentType: 'application/json', expect: 400 };
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

/** POSTs raw bytes; the status even if the server answers before the upload ends and closes. */
function postRaw(url: string, body: Body, timeoutMs = 30_000): Promise<number | 'error'> {
  return new Promise((resolve) => {
    let status: number | undefined;
    const headers: Record<string, string | number> = { 'content-type': body.contentType };
    if (!body.chunked) headers['content-length'] = body.bytes.length;
    const req = http.request(url, { method: 'POST', headers, agent: body.bytes.length > 5 * MB ? false : agent, timeout: timeoutMs }, (res) => {
      status = res.statusCode ?? 0;
      res.resume();
      res.on('end', () => resolve(status!));
      res.on('error', () => resolve(status!));
    });
    req.on('error', () => resolve(status ?? 'error'));
    req.on('timeout', () => req.destroy());
    if (body.chunked) {
      // 1 MB at a time, without a declared length.
      let offset = 0;
      const next = () => {
        while (offset < body.bytes.length) {
          const chunk = body.bytes.subarray(offset, offset + MB);
          offset += MB;
          if (!req.write(chunk)) return void req.once('drain', next);
        }
        req.end();
      };
      req.on('error', () => (offset = body.bytes.length));
      next();
    } else {
      req.end(body.bytes);
    }
  });
}

export async function malformedBodiesDrill(short = SHORT): Promise<DrillResult> {
  const total = short ? 1_000 : 10_000;
  const env = await openDrillEnv({ name: 'malformed', businesses: 20, ...(short ? { delivery: SHORT_DELIVERY } : {}) });
  try {
    await env.start();
    const health = watchHealth(env.url);
    let checks = 0;
    const results: Array<{ body: Body; status: number | 'error' }> = [];
    const huge: Body[] = [
      { kind: '30 MB body', bytes: Buffer.alloc(30 * MB, 0x20), contentType: 'application/json', expect: 413 },
      { kind: '12 MB chunked body', bytes: Buffer.alloc(12 * MB, 0x20), contentType: 'application/json', chunked: true, expect: 413 },
    ];
    let next = 0;
    const worker = async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        // The oversized ones go in the middle of the stream, while the others keep coming.
        const body = i === Math.floor(total / 2) ? huge[0]! : i === Math.floor(total / 2) + 1 ? huge[1]! : bodyFor(i, () => checks++);
        const webhook = env.webhooks[i % env.webhooks.length]!;
        results.push({ body, status: await postRaw(webhook, body) });
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: 16 }, () => worker()));
    const sendMs = Date.now() - started;
    const samples = await health.stop();

    const problems: string[] = [];
    const byKind = new Map<string, { n: number; statuses: Map<string, number> }>();
    const byStatus = new Map<string, number>();
    for (const { body, status } of results) {
      const k = byKind.get(body.kind) ?? { n: 0, statuses: new Map() };
      k.n++;
      k.statuses.set(String(status), (k.statuses.get(String(status)) ?? 0) + 1);
      byKind.set(body.kind, k);
      byStatus.set(String(status), (byStatus.get(String(status)) ?? 0) + 1);
    }
    for (const { body, status } of results) {
      if (status !== body.expect) {
        problems.push(`${body.kind}: answered ${status}, SPEC says ${body.expect}`);
        break;
      }
    }
    const wrong = results.filter((r) => r.status !== r.body.expect).length;
    if (wrong > 1) problems.push(`${wrong} answers in all not as SPEC says`);
    const sick = unhealthy(samples);
    if (sick.length > 0) problems.push(`/healthz failed or took over 2 s ${sick.length} of ${samples.length} times`);

    const valid = results.filter((r) => r.body.check).map((r) => r.body.check!);
    const uuids = valid.map((c) => c.uuid);
    const acknowledged = results.filter((r) => r.body.check && r.status === 200).map((r) => r.body.check!.uuid);
    const { stored } = await env.stored(uuids);
    const alerts = await env.waitForAlerts(uuids, short ? 45_000 : 240_000);
    if (alerts.duplicates > 0) problems.push(`${alerts.duplicates} alert(s) sent more than once`);
    // Refused bodies are kept up to 200 per business a day (their first 64 KiB), the rest counted.
    const [kept] = await env.sql<{ n: string }[]>`select count(*)::text as n from rejected_payloads`;
    const [days] = await env.sql<{ kept: string; dropped: string; most: string }[]>`
      select coalesce(sum(kept), 0)::text as kept, coalesce(sum(dropped), 0)::text as dropped, coalesce(max(kept), 0)::text as most
      from rejected_payload_days`;
    const refused = (byStatus.get('422') ?? 0) + (byStatus.get('400') ?? 0);
    if (Number(kept!.n) !== Number(days!.kept)) problems.push(`${kept!.n} bodies kept but ${days!.kept} counted as kept`);
    if (Number(days!.kept) + Number(days!.dropped) !== refused) {
      problems.push(`${refused} answered 400/422 but ${days!.kept} kept + ${days!.dropped} counted`);
    }
    if (Number(days!.most) > 200) problems.push(`${days!.most} bodies kept for one business in a day (at most 200)`);
    const [biggest] = await env.sql<{ n: string }[]>`select coalesce(max(octet_length(body)), 0)::text as n from rejected_payloads`;
    if (Number(biggest!.n) > 64 * 1024) problems.push(`a kept body of ${biggest!.n} bytes (at most 64 KiB)`);
    const slowest = Math.max(...samples.map((s) => s.ms));
    return {
      name: 'malformed-bodies',
      acknowledged: acknowledged.length,
      stored: acknowledged.filter((u) => stored.has(u)).length,
      delivered: alerts.delivered,
      expected: alerts.expected,
      problems,
      notes: [
        `${results.length} bodies in ${(sendMs / 1000).toFixed(1)} s, ${valid.length} of them valid checks: ${[...byStatus].map(([s, n]) => `${s} ×${n}`).join(', ')}`,
        ...[...byKind].map(([kind, k]) => `  ${kind}: ${k.n} → ${[...k.statuses].map(([s, n]) => `${s} ×${n}`).join(', ')}`),
        `/healthz polled ${samples.length} times, all 200, slowest ${Math.round(slowest)} ms; ${kept!.n} rejected bodies kept for the owner, ${days!.dropped} more only counted`,
      ],
    };
  } finally {
    agent.destroy();
    await env.close();
  }
}
