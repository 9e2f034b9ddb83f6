/**
 * Drill: Telegram down for 60 s under load. The fake Bot API answers every call with 502 or
 * holds it unanswered (a timeout), alternately, for the phase, then comes back. Webhooks must
 * keep answering at once (the answer never waits for Telegram), and afterwards every alert of
 * every stored check must reach its chat exactly once, in Telegram's limits.
 */
import { percentile } from '../support/percentiles.js';
import { drillCheck } from './check-bodies.js';
import { startCheckLoad } from './check-load.js';
import { openDrillEnv, SHORT, SHORT_DELIVERY, sleep } from './harness.js';
import { loadOutcome } from './load-outcome.js';
import type { DrillResult } from './result.js';

export async function telegramOutageDrill(short = SHORT): Promise<DrillResult> {
  const phase = short
    ? { beforeMs: 2_000, outageMs: 6_000, afterMs: 1_000, rate: 20, holdMs: 3_000, deadlineMs: 30_000, alertTimeoutMs: 45_000 }
    : { beforeMs: 5_000, outageMs: 60_000, afterMs: 5_000, rate: 30, holdMs: 45_000, deadlineMs: 120_000, alertTimeoutMs: 300_000 };
  // A held call is dropped after holdMs (like a proxy giving up), longer than the service's own call timeout.
  const env = await openDrillEnv({ name: 'tgout', businesses: 20, holdTimeoutMs: phase.holdMs, ...(short ? { delivery: SHORT_DELIVERY } : {}) });
  try {
    await env.start();
    const generateMs = phase.beforeMs + phase.outageMs + phase.afterMs;
    const load = startCheckLoad({
      webhooks: env.webhooks,
      makeCheck: (n) => drillCheck(n),
      count: Math.ceil((generateMs / 1000) * phase.rate),
      generateMs,
      ratePerSecond: phase.rate,
      deadlineMs: phase.deadlineMs,
      concurrency: 8,
    });
    await sleep(phase.beforeMs);
    const sentBefore = env.tg.sent.length;
    let calls = 0;
    const downAt = Date.now();
    env.tg.setFault(() => (calls++ % 2 === 0 ? { status: 502, description: 'Bad Gateway' } : 'timeout'));
    await sleep(phase.outageMs);
    env.tg.setFault(null);
    const upAt = Date.now();
    const sentDuring = env.tg.sent.length - sentBefore;
    const result = await loadOutcome('telegram-outage', env, await load.done, { alertTimeoutMs: phase.alertTimeoutMs });
    const during = load.result.events.filter((e) => e.at > downAt && e.at <= upAt);
    const p99 = percentile(
      during.map((e) => e.ms),
      99,
    );
    if (during.some((e) => e.status !== 200)) result.problems.push('webhooks failed while Telegram was down');
    if (sentDuring > 0) result.problems.push(`${sentDuring} messages recorded while Telegram was down`);
    const tooMany = env.tg.requests.filter((r) => r.status === 429).length;
    if (tooMany > 0) result.notes.push(`${tooMany} × 429 from the fake Telegram`);
    result.notes.unshift(
      `Telegram down ${phase.outageMs / 1000} s: ${calls} Bot API calls answered 502 or held ${phase.holdMs / 1000} s and dropped; webhooks meanwhile: ${during.length} answered, p99 ${Math.round(p99)} ms`,
    );
    return result;
  } finally {
    await env.close();
  }
}
