/**
 * The end of a drill under load: once the load is over, how many of the checks it posted were
 * acknowledged and stored, and (after waiting for the backlog) how many of the alerts they owe
 * reached Telegram.
 */
import { percentile } from '../support/percentiles.js';
import { countStatuses, type CheckLoadResult } from './check-load.js';
import type { DrillEnv } from './harness.js';
import type { DrillResult } from './result.js';

export interface OutcomeOptions {
  alertTimeoutMs: number;
  /**
   * A message in flight when the process was killed may go twice (the lease hands it over
   * unconfirmed): reported, not a failure, after kill -9; a failure everywhere else.
   */
  duplicateAlertsAllowed?: boolean;
  /** Why a message may go twice in this drill, for the report. */
  duplicateReason?: string;
}

export async function loadOutcome(name: string, env: DrillEnv, load: CheckLoadResult, options: OutcomeOptions): Promise<DrillResult> {
  const problems: string[] = [];
  const notes: string[] = [];
  const { stored, rows } = await env.stored(load.posted.keys());
  const acknowledgedStored = [...load.acknowledged].filter((uuid) => stored.has(uuid)).length;
  const unanswered = load.posted.size - load.acknowledged.size;
  if (unanswered > 0) problems.push(`${unanswered} of ${load.posted.size} checks never acknowledged (still refused at the end)`);
  if (rows > stored.size) problems.push(`${rows - stored.size} duplicate check rows`);
  const statuses = countStatuses(load.events);
  const unexpected = Object.entries(statuses).filter(([status]) => !['200', '503', 'error'].includes(status));
  if (unexpected.length > 0) problems.push(`valid checks answered ${unexpected.map(([s, n]) => `${s} ×${n}`).join(', ')}`);

  const alerts = await env.waitForAlerts(load.posted.keys(), options.alertTimeoutMs);
  if (alerts.duplicates > 0) {
    if (options.duplicateAlertsAllowed) notes.push(`${alerts.duplicates} alert(s) sent twice (${options.duplicateReason ?? 'in flight at the fault'}): at-least-once, not loss`);
    else problems.push(`${alerts.duplicates} alert(s) sent more than once`);
  }
  if (alerts.missing.length > 0) notes.push(`missing alerts, e.g. ${alerts.missing.map((m) => `${m.number}→${m.chatId}`).join(', ')}`);
  const left = await env.outboxLeft();
  const latencies = load.events.filter((e) => e.status === 200).map((e) => e.ms);
  notes.push(
    `posted ${load.posted.size} checks in ${load.events.length} requests: ${Object.entries(statuses)
      .map(([s, n]) => `${s} ×${n}`)
      .join(', ')}; 200 answered in p50 ${Math.round(percentile(latencies, 50))} ms, p99 ${Math.round(percentile(latencies, 99))} ms`,
    `${env.tg.sent.length} Telegram messages carried the alerts; outbox left: ${left.pending} pending, ${left.dead} dead`,
  );
  return { name, acknowledged: load.acknowledged.size, stored: acknowledgedStored, delivered: alerts.delivered, expected: alerts.expected, problems, notes };
}
