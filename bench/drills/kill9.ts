/**
 * Drill: kill -9 of the service under load, then restart. Checks keep coming at a fixed rate;
 * mid-way the process is killed with SIGKILL (requests in flight break, messages in flight are
 * left half-done, nothing is flushed) and started again on the same port after a pause. The
 * load re-sends what was not acknowledged, as CashDesk does. Nothing acknowledged may be lost,
 * and every alert of every stored check must reach its chat after the restart.
 * `embedded`: on the embedded default (no DATABASE_URL), the kill takes the whole process group,
 * the service and its PostgreSQL at once, and the restart recovers the cluster from its WAL.
 */
import { drillCheck } from './check-bodies.js';
import { startCheckLoad } from './check-load.js';
import { openDrillEnv, SHORT, SHORT_DELIVERY, sleep } from './harness.js';
import { loadOutcome } from './load-outcome.js';
import type { DrillResult } from './result.js';

export async function kill9Drill(short = SHORT, options: { embedded?: boolean } = {}): Promise<DrillResult> {
  const name = options.embedded ? 'kill9-embedded' : 'kill9';
  const phase = short
    ? { beforeKillMs: 3_000, downMs: 500, generateMs: 7_000, rate: 25, deadlineMs: 40_000, alertTimeoutMs: 40_000 }
    : { beforeKillMs: 15_000, downMs: 3_000, generateMs: 40_000, rate: 100, deadlineMs: 120_000, alertTimeoutMs: 240_000 };
  // The embedded restart also starts PostgreSQL, which first replays its WAL: the load waits longer.
  if (options.embedded && short) Object.assign(phase, { deadlineMs: 80_000, alertTimeoutMs: 60_000 });
  const env = await openDrillEnv({ name: name.replace('-', '_'), businesses: 20, embedded: options.embedded ?? false, ...(short ? { delivery: SHORT_DELIVERY } : {}) });
  try {
    await env.start();
    const load = startCheckLoad({
      webhooks: env.webhooks,
      makeCheck: (n) => drillCheck(n),
      count: Math.ceil((phase.generateMs / 1000) * phase.rate),
      generateMs: phase.generateMs,
      ratePerSecond: phase.rate,
      deadlineMs: phase.deadlineMs,
      concurrency: 8,
    });
    await sleep(phase.beforeKillMs);
    const ackedAtKill = load.result.acknowledged.size;
    const sentAtKill = env.tg.sent.length;
    await env.kill();
    await sleep(phase.downMs);
    const restarting = Date.now();
    await env.start();
    const restartMs = Date.now() - restarting;
    const result = await loadOutcome(name, env, await load.done, { alertTimeoutMs: phase.alertTimeoutMs, duplicateAlertsAllowed: true, duplicateReason: 'in flight at the kill' });
    result.notes.unshift(
      `SIGKILL${options.embedded ? ' of the process group (service and PostgreSQL)' : ''} after ${phase.beforeKillMs / 1000} s with ${ackedAtKill} checks acknowledged and ${sentAtKill} messages sent; down ${phase.downMs / 1000} s; restarted in ${(restartMs / 1000).toFixed(1)} s`,
    );
    return result;
  } finally {
    await env.close();
  }
}
