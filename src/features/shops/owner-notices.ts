import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { queryRows } from '../../platform/db/rows.js';
import { enqueueJobs } from '../../platform/outbox/enqueue.js';
import { ownerChatIds } from './owner-chats.js';
import type { NoticePayload } from './jobs.js';

/**
 * Queues a notice (rendered at send time in each chat's language) for the business owner's
 * chats, except `exceptChatId`. Resolves with how many were queued.
 */
export async function notifyOwners(db: Executor, businessId: number, notice: NoticePayload, exceptChatId?: number): Promise<number> {
  const owners = (await ownerChatIds(db, businessId)).filter((id) => id !== exceptChatId);
  await enqueueJobs(
    db,
    owners.map((chatId) => ({ businessId, chatId, kind: 'notice' as const, payload: notice })),
  );
  return owners.length;
}

/**
 * The outbox gave up on messages of a business after the retry window: its owner is told once,
 * with a 'notice' to the owner's chat, or, while one still waits to be sent, a higher count on
 * it (a loss in the very moment the notice is being sent is counted on it but not shown: once
 * told beats exactly counted). Losing a notice itself tells nobody (no loop). Runs in the
 * transaction that buries them.
 */
export async function tellOwnerUndelivered(tx: Executor, businessId: number, jobs: readonly { kind: string; createdAt: Date }[]): Promise<void> {
  const lost = jobs.filter((job) => job.kind !== 'notice');
  if (lost.length === 0) return;
  const [ownerChatId] = await ownerChatIds(tx, businessId);
  if (ownerChatId === undefined) return;
  const raised = await queryRows<{ id: unknown }>(
    tx,
    sql`update outbox
        set payload = jsonb_set(payload, '{args,count}', to_jsonb(coalesce((payload#>>'{args,count}')::int, 0) + ${lost.length}::int))
        where chat_id = ${ownerChatId}::bigint and status = 'pending' and kind = 'notice'
          and payload->>'key' = 'undelivered'
        returning id`,
  );
  if (raised.length > 0) return;
  const since = new Date(Math.min(...lost.map((job) => job.createdAt.getTime())));
  const notice: NoticePayload = { key: 'undelivered', args: { count: lost.length, since: since.toISOString() } };
  await enqueueJobs(tx, [{ businessId, chatId: ownerChatId, kind: 'notice', payload: notice }]);
}
