/**
 * Load like CashDesk's: new checks at a fixed rate over a fixed number of connections, each
 * posted until it is acknowledged (200): a 503 or a broken connection puts it back to be sent
 * again after a short delay, as CashDesk re-sends for 24 hours. Bounded by a count and by time.
 * Traffic goes only to the service under drill (127.0.0.1).
 */
import type { DrillCheck } from './check-bodies.js';

export interface CheckLoadOptions {
  /** Webhook URLs; check n goes to webhooks[n % length]. */
  webhooks: string[];
  makeCheck: (n: number) => DrillCheck;
  /** At most this many new checks… */
  count: number;
  /** …made only during this long from the start… */
  generateMs: number;
  /** …at this rate. */
  ratePerSecond: number;
  /** Unacknowledged checks are re-sent until this long from the start. */
  deadlineMs: number;
  concurrency: number;
  retryDelayMs?: number;
  requestTimeoutMs?: number;
}

export interface SendEvent {
  /** When the answer came (epoch ms). */
  at: number;
  /** How long it took. */
  ms: number;
  status: number | 'error';
}

export interface CheckLoadResult {
  posted: Map<string, DrillCheck>;
  acknowledged: Set<string>;
  /** Every answer (or connection error) with its time, in order. */
  events: SendEvent[];
}

export interface CheckLoad {
  /** Everything so far (live). */
  readonly result: CheckLoadResult;
  /** Resolves when every check made is acknowledged and no more are to be made, or at the deadline. */
  done: Promise<CheckLoadResult>;
}

export function startCheckLoad(options: CheckLoadOptions): CheckLoad {
  const retryDelayMs = options.retryDelayMs ?? 300;
  const timeoutMs = options.requestTimeoutMs ?? 15_000;
  const started = Date.now();
  const result: CheckLoadResult = { posted: new Map(), acknowledged: new Set(), events: [] };
  const retries: Array<{ check: DrillCheck; webhook: string; dueAt: number }> = [];
  let made = 0;
  let inFlight = 0;

  function take(now: number): { check: DrillCheck; webhook: string } | 'wait' | 'done' {
    if (now - started >= options.deadlineMs) return 'done';
    const due = retries.findIndex((r) => r.dueAt <= now);
    if (due >= 0) return retries.splice(due, 1)[0]!;
    const generating = made < options.count && now - started < options.generateMs;
    if (generating) {
      if (now < started + (made * 1000) / options.ratePerSecond) return 'wait';
      const n = made++;
      const check = options.makeCheck(n);
      const webhook = options.webhooks[n % options.webhooks.length]!;
      result.posted.set(check.uuid, check);
      return { check, webhook };
    }
    return retries.length === 0 && inFlight === 0 ? 'done' : 'wait';
  }

  async function post(check: DrillCheck, webhook: string): Promise<number | 'error'> {
    try {
      const res = await fetch(webhook, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: check.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return 'error';
    }
  }

  async function worker(): Promise<void> {
    for (;;) {
      const next = take(Date.now());
      if (next === 'done') return;
      if (next === 'wait') {
        await new Promise((r) => setTimeout(r, 5));
        continue;
      }
      inFlight++;
      const sentAt = performance.now();
      const status = await post(next.check, next.webhook);
      inFlight--;
      result.events.push({ at: Date.now(), ms: performance.now() - sentAt, status });
      if (status === 200) result.acknowledged.add(next.check.uuid);
      else if (status === 'error' || status === 503) retries.push({ ...next, dueAt: Date.now() + retryDelayMs });
      // Any other answer is wrong for a valid check and is left in `events` for the drill to report.
    }
  }

  const done = Promise.all(Array.from({ length: options.concurrency }, () => worker())).then(() => result);
  return { result, done };
}

/** Answers counted by status ('error': no answer). */
export function countStatuses(events: readonly SendEvent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of events) counts[String(e.status)] = (counts[String(e.status)] ?? 0) + 1;
  return counts;
}
