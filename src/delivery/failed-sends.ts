import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { queryRows } from '../db/rows.js';
import { chats, outbox } from '../db/schema.js';
import type { UndeliveredNoticePayload } from './jobs.js';
import { finishJobs } from './outbox.js';

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
      const [owner] = await tx
        .select({ chatId: chats.chatId })
        .from(chats)
        .where(and(eq(chats.businessId, businessId), eq(chats.role, 'owner'), eq(chats.active, true)))
        .limit(1);
      if (!owner) continue;
      const raised = await queryRows<{ id: unknown }>(
        tx,
        sql`update outbox
            set payload = jsonb_set(payload, '{args,count}', to_jsonb(coalesce((payload#>>'{args,count}')::int, 0) + ${lost.length}::int))
            where chat_id = ${owner.chatId}::bigint and status = 'pending' and kind = 'notice'
              and payload->>'key' = 'undelivered'
            returning id`,
      );
      if (raised.length > 0) continue;
      const since = new Date(Math.min(...lost.map((j) => j.createdAt.getTime())));
      const payload: UndeliveredNoticePayload = { key: 'undelivered', args: { count: lost.length, since: since.toISOString() } };
      await tx.insert(outbox).values({ businessId, chatId: owner.chatId, kind: 'notice', payload: { ...payload } });
    }
    return died.size;
  });
}
