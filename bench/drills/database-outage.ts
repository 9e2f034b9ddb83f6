/**
 * Drill: PostgreSQL unreachable for 20 s under load. The machine's PostgreSQL server is shared
 * (tests may be running on it), so it is not stopped: the service's DATABASE_URL goes through a
 * TCP relay (test/support/tcp-proxy.ts) that is cut for the phase, which drops every open
 * connection and refuses new ones, as a stopped server would. During the outage the webhook must
 * answer 503 (never 200 for a check it did not store, never hang), /healthz stays 200 and /readyz
 * says 503; afterwards everything resumes: the re-sent checks are stored and every alert goes out.
 */
import { drillCheck } from './check-bodies.js';
import { countStatuses, startCheckLoad } from './check-load.js';
import { openDrillEnv, SHORT, SHORT_DELIVERY, sleep } from './harness.js';
import { unhealthy, watchHealth } from './health-watch.js';
import { loadOutcome } from './load-outcome.js';
import type { DrillResult } from './result.js';

export async function databaseOutageDrill(short = SHORT): Promise<DrillResult> {
  const phase = short
    ? { beforeMs: 2_000, outageMs: 4_000, afterMs: 2_000, rate: 20, deadlineMs: 40_000, alertTimeoutMs: 40_000 }
    : { beforeMs: 5_000, outageMs: 20_000, afterMs: 10_000, rate: 50, deadlineMs: 120_000, alertTimeoutMs: 240_000 };
  const env = await openDrillEnv({ name: 'dbout', businesses: 20, viaProxy: true, ...(short ? { delivery: SHORT_DELIVERY } : {}) });
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
    const health = watchHealth(env.url, { readyz: true });
    await sleep(phase.beforeMs);
    const cutAt = Date.now();
    env.proxy!.cut();
    await sleep(phase.outageMs);
    env.proxy!.restore();
    const restoredAt = Date.now();
    const result = await loadOutcome('database-outage', env, await load.done, {
      alertTimeoutMs: phase.alertTimeoutMs,
      // Sent just as the relay was cut: Telegram has it, the outbox could not record it, and the
      // lease hands it on. A known gap (the worker gives up recording after a few quick retries).
      duplicateAlertsAllowed: true,
      duplicateReason: 'sent, then the database went away before it was recorded as sent',
    });
    const samples = await health.stop();

    // Answers during the outage (a request already past its commit when the relay was cut may still say 200).
    const during = load.result.events.filter((e) => e.at > cutAt + 100 && e.at <= restoredAt);
    const counts = countStatuses(during);
    const wrong = Object.entries(counts).filter(([status]) => status !== '503' && status !== '200');
    if ((counts['503'] ?? 0) === 0) result.problems.push('no 503 during the outage');
    const slow = during.filter((e) => e.ms > 3_000);
    if (slow.length > 0) result.problems.push(`${slow.length} answers during the outage took over 3 s (up to ${Math.round(Math.max(...slow.map((e) => e.ms)))} ms)`);
    if (wrong.length > 0) result.problems.push(`during the outage the webhook answered ${wrong.map(([s, n]) => `${s} ×${n}`).join(', ')} (expected 503)`);
    const sick = unhealthy(samples);
    if (sick.length > 0) result.problems.push(`/healthz failed ${sick.length} of ${samples.filter((s) => s.path === '/healthz').length} times`);
    const readyDuring = samples.filter((s) => s.path === '/readyz' && s.at > cutAt + 1_000 && s.at <= restoredAt);
    const readyAfter = samples.filter((s) => s.path === '/readyz' && s.at > restoredAt + 5_000);
    if (readyDuring.some((s) => s.status === 200)) result.problems.push('/readyz said 200 while the database was unreachable');
    if (readyAfter.some((s) => s.status !== 200)) result.problems.push('/readyz not 200 5 s after the database came back');
    const firstAckAfter = load.result.events.find((e) => e.at > restoredAt && e.status === 200);
    result.notes.unshift(
      `outage made by cutting the TCP relay in front of PostgreSQL for ${phase.outageMs / 1000} s (the shared server keeps running)`,
      `during it the webhook answered ${Object.entries(counts).map(([s, n]) => `${s} ×${n}`).join(', ') || 'nothing'} (slowest ${Math.round(Math.max(0, ...during.map((e) => e.ms)))} ms); /readyz ${readyDuring.map((s) => s.status).filter((s) => s !== 200).length}/${readyDuring.length} × 503; first 200 ${firstAckAfter ? `${((firstAckAfter.at - restoredAt) / 1000).toFixed(1)} s` : 'never'} after it came back`,
    );
    return result;
  } finally {
    await env.close();
  }
}
