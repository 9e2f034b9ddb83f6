import type { OutboxJob } from './outbox.js';

/**
 * Backlog coalescing: what to send next to one chat. Alerts go one by one while the chat's send
 * budget keeps up; when sending the waiting sale alerts (the jobs of a kind that `coalesces`) one by one would leave some of them more
 * than `lagBudgetMs` behind the sale (a busy shop into a group, 20 messages a minute), they go as
 * one digest instead. The budget is half of the minute we promise, because more sales keep
 * arriving while these are sent. Only consecutive sale alerts from the head of the queue merge,
 * so the chat's order holds (a cash alert between sales stays between them). Only a run of the
 * head's kind merges, when that kind coalesces.
 */
export interface CoalescePolicy {
  lagBudgetMs: number;
  /** The most alerts one digest carries (the renderer fits them in one message). */
  maxDigest: number;
}

export const DEFAULT_COALESCE: CoalescePolicy = { lagBudgetMs: 30_000, maxDigest: 50 };

export type SendPlan = { kind: 'single'; job: OutboxJob } | { kind: 'digest'; jobs: OutboxJob[] };

/**
 * `pending`: the chat's waiting jobs in queue order (at least one). `intervalMs`: the chat's
 * sustained spacing between messages. `now` in epoch ms. `coalesces`: whether jobs of a kind may
 * go as one digest (the renderer's).
 */
export function planNext(
  pending: readonly OutboxJob[],
  now: number,
  intervalMs: number,
  policy: CoalescePolicy,
  coalesces: (kind: string) => boolean,
): SendPlan {
  const head = pending[0];
  if (!head) throw new Error('planNext needs at least one pending job');
  const run: OutboxJob[] = [];
  if (coalesces(head.kind)) {
    for (const job of pending) {
      if (job.kind !== head.kind || run.length >= policy.maxDigest) break;
      run.push(job);
    }
  }
  if (run.length < 2) return { kind: 'single', job: head };
  const worstLag = Math.max(...run.map((job, i) => now + i * intervalMs - job.eventAt.getTime()));
  return worstLag > policy.lagBudgetMs ? { kind: 'digest', jobs: run } : { kind: 'single', job: head };
}
