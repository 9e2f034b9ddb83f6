import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { queryRows } from '../db/rows.js';
import { outbox } from '../db/schema.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { nextRetry, type BackoffPolicy } from './backoff.js';
import type { JobOf } from './jobs.js';
import { finishJobs, retryJobsLater, type PendingJob } from './outbox.js';
import { ownerChatIds } from '../../features/shops/owner-chats.js';

/**
 * What becomes of messages that did not go out: tried again later (backoff with jitter), or,
 * past the retry window or refused by Telegram itself, the dead letter (the owner is told).
 */

export interface FailureDeps {
  db: Database;
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
    const died = await deadLetter(deps.db, expired, `gave up after retrying: ${reason}`);
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
  const died = await deadLetter(deps.db, batch, `refused by telegram: ${reason}`);
  deps.metrics.outboxDead.inc(died);
  deps.logger.error({ chatId, jobIds: batch.map((j) => j.id), reason }, 'telegram refused even the plain-text message; given up');
}

export interface DeadJob {
  id: number;
  businessId: number;
  kind: string;
  createdAt: Date;
}

/**
 * Gives up on jobs after the retry window: they stay in the table as 'dead', and the owner of
 * each business concerned is told once: a 'notice' job to the owner's chat, or, while one still
 * waits to be sent, a higher count on it (a loss in the very moment the notice is being sent
 * is counted on it but not shown: once told beats exactly counted). Losing a notice itself tells
 * nobody (no loop).
 * Returns how many jobs died.
 */
export async function deadLetter(db: Database, jobs: DeadJob[], error: string): Promise<number> {
  if (jobs.length === 0) return 0;
  return db.transaction(async (tx) => {
    const died = new Set(
      await finishJobs(
        tx,
        jobs.map((j) => j.id),
        'dead',
        error.slice(0, 300),
      ),
    );
    const byBusiness = new Map<number, DeadJob[]>();
    for (const job of jobs) {
      if (job.kind === 'notice' || !died.has(job.id)) continue;
      byBusiness.set(job.businessId, [...(byBusiness.get(job.businessId) ?? []), job]);
    }
    for (const [businessId, lost] of byBusiness) {
      const [ownerChatId] = await ownerChatIds(tx, businessId);
      if (ownerChatId === undefined) continue;
      const raised = await queryRows<{ id: unknown }>(
        tx,
        sql`update outbox
            set payload = jsonb_set(payload, '{args,count}', to_jsonb(coalesce((payload#>>'{args,count}')::int, 0) + ${lost.length}::int))
            where chat_id = ${ownerChatId}::bigint and status = 'pending' and kind = 'notice'
              and payload->>'key' = 'undelivered'
            returning id`,
      );
      if (raised.length > 0) continue;
      const since = new Date(Math.min(...lost.map((j) => j.createdAt.getTime())));
      const payload: JobOf<'notice'>['payload'] = { key: 'undelivered', args: { count: lost.length, since: since.toISOString() } };
      await tx.insert(outbox).values({ businessId, chatId: ownerChatId, kind: 'notice', payload: { ...payload } });
    }
    return died.size;
  });
}
