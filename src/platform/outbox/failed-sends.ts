import type { Database } from '../db/client.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { nextRetry, type BackoffPolicy } from './backoff.js';
import type { ChatHooks, LostJob } from './chat-hooks.js';
import { finishJobs, retryJobsLater, type PendingJob } from './outbox.js';

/**
 * What becomes of messages that did not go out: tried again later (backoff with jitter), or,
 * past the retry window or refused by Telegram itself, the dead letter (the owner is told).
 */

export interface FailureDeps {
  db: Database;
  chats: Pick<ChatHooks, 'messagesLost'>;
  logger: Logger;
  metrics: Metrics;
}

/** Backoff for the batch, or the dead letter for those past the retry window. */
export async function retryOrGiveUp(
  deps: FailureDeps,
  settings: { backoff: BackoffPolicy; random: () => number },
  batch: PendingJob[],
  reason: string,
): Promise<void> {
  const now = Date.now();
  const head = batch[0]!;
  const decision = nextRetry(settings.backoff, head.attempts + 1, head.createdAt.getTime(), now, settings.random());
  const expired = batch.filter((j) => !nextRetry(settings.backoff, j.attempts + 1, j.createdAt.getTime(), now, 0).retry);
  const live = batch.filter((j) => !expired.includes(j));
  if (expired.length > 0) {
    const died = await deadLetter(deps, expired, `gave up after retrying: ${reason}`);
    deps.metrics.outboxDead.inc(died);
    deps.logger.error({ chatId: head.chatId, jobIds: expired.map((j) => j.id), reason }, 'messages given up after the retry window');
  }
  const delayMs = decision.retry ? decision.delayMs : 0;
  await retryJobsLater(
    deps.db,
    live.map((j) => j.id),
    delayMs,
    reason.slice(0, 300),
  );
}

/** Telegram refused the message itself: the dead letter (the owner is told), no retry. */
export async function giveUpRefused(deps: FailureDeps, chatId: number, batch: PendingJob[], reason: string): Promise<void> {
  const died = await deadLetter(deps, batch, `refused by telegram: ${reason}`);
  deps.metrics.outboxDead.inc(died);
  deps.logger.error({ chatId, jobIds: batch.map((j) => j.id), reason }, 'telegram refused even the plain-text message; given up');
}

/**
 * Gives up on jobs: they stay in the table as 'dead', and, in the same transaction, each
 * business concerned is told through `messagesLost` (features/shops tells its owner once).
 * Returns how many jobs died.
 */
async function deadLetter(deps: Pick<FailureDeps, 'db' | 'chats'>, jobs: LostJob[], error: string): Promise<number> {
  if (jobs.length === 0) return 0;
  return deps.db.transaction(async (tx) => {
    const died = new Set(
      await finishJobs(
        tx,
        jobs.map((j) => j.id),
        'dead',
        error.slice(0, 300),
      ),
    );
    const byBusiness = new Map<number, LostJob[]>();
    for (const job of jobs) {
      if (!died.has(job.id)) continue;
      byBusiness.set(job.businessId, [...(byBusiness.get(job.businessId) ?? []), job]);
    }
    for (const [businessId, lost] of byBusiness) await deps.chats.messagesLost(tx, businessId, lost);
    return died.size;
  });
}
