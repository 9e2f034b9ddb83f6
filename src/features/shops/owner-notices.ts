import type { Executor } from '../../platform/db/client.js';
import { enqueueJobs } from '../../platform/outbox/enqueue.js';
import { ownerChatIds } from './owner-chats.js';
import type { NoticePayload } from '../../platform/outbox/jobs.js';

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
