/**
 * Drill: the same check delivered 50 times in parallel (CashDesk re-sending while the first try
 * is still in flight, or a proxy replaying). Every copy must be answered 200, the check stored
 * once, and its alert sent once to each chat. Repeated for several checks, one storm at a time,
 * then all storms at once.
 */
import { drillCheck, type DrillCheck } from './check-bodies.js';
import { openDrillEnv, SHORT } from './harness.js';
import type { DrillResult } from './result.js';

const COPIES = 50;

export async function duplicateStormDrill(short = SHORT): Promise<DrillResult> {
  const checks = short ? 6 : 40;
  const env = await openDrillEnv({ name: 'dups', businesses: 5 });
  const post = async (webhook: string, check: DrillCheck): Promise<number | 'error'> => {
    try {
      const res = await fetch(webhook, { method: 'POST', headers: { 'content-type': 'application/json' }, body: check.body, signal: AbortSignal.timeout(30_000) });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return 'error';
    }
  };
  const storm = async (n: number): Promise<{ check: DrillCheck; answers: Array<number | 'error'> }> => {
    const check = drillCheck(n);
    const webhook = env.webhooks[n % env.webhooks.length]!;
    const answers = await Promise.all(Array.from({ length: COPIES }, () => post(webhook, check)));
    return { check, answers };
  };
  try {
    await env.start();
    const storms: Array<{ check: DrillCheck; answers: Array<number | 'error'> }> = [];
    // One storm at a time, then the rest all at once.
    const sequential = Math.ceil(checks / 2);
    for (let n = 0; n < sequential; n++) storms.push(await storm(n));
    storms.push(...(await Promise.all(Array.from({ length: checks - sequential }, (_, i) => storm(sequential + i)))));

    const problems: string[] = [];
    const answers = storms.flatMap((s) => s.answers);
    const wrong = answers.filter((a) => a !== 200);
    if (wrong.length > 0) problems.push(`${wrong.length} of ${answers.length} copies not answered 200 (${[...new Set(wrong)].join(', ')})`);
    const acknowledged = storms.filter((s) => s.answers.includes(200)).map((s) => s.check.uuid);
    const uuids = storms.map((s) => s.check.uuid);
    const { stored, rows } = await env.stored(uuids);
    if (rows > stored.size) problems.push(`${rows - stored.size} duplicate check rows`);
    const alerts = await env.waitForAlerts(uuids, short ? 30_000 : 120_000);
    // Give a duplicate alert, if any was enqueued, the time to show up.
    await new Promise((r) => setTimeout(r, short ? 1_500 : 5_000));
    const settled = await env.alerts(uuids);
    if (settled.duplicates > 0) problems.push(`${settled.duplicates} alert(s) sent more than once`);
    const [outbox] = await env.sql<{ n: string }[]>`select count(*)::text as n from outbox where kind = 'sale'`;
    if (Number(outbox!.n) !== settled.expected) problems.push(`${outbox!.n} sale jobs written for ${settled.expected} alerts`);
    return {
      name: 'duplicate-storm',
      acknowledged: acknowledged.length,
      stored: acknowledged.filter((u) => stored.has(u)).length,
      delivered: alerts.delivered,
      expected: alerts.expected,
      problems,
      notes: [
        `${checks} checks × ${COPIES} parallel copies (${sequential} storms one by one, ${checks - sequential} at once): ${answers.filter((a) => a === 200).length} × 200; ${rows} check rows, ${outbox!.n} sale jobs, ${env.tg.sent.length} messages`,
      ],
    };
  } finally {
    await env.close();
  }
}
