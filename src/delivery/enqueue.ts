import type { Executor } from '../db/client.js';
import { chatLeases, outbox } from '../db/schema.js';
import type { NewJob } from './jobs.js';

/**
 * Writes jobs for the worker; call it inside the transaction that causes them. Each chat's
 * lease row (chat-leases.ts) is made here too, the first time, so claiming never has to look
 * for chats without one. The two inserts are issued together (pipelined on postgres.js).
 */
export async function enqueueJobs(tx: Executor, jobs: NewJob[]): Promise<void> {
  if (jobs.length === 0) return;
  const chatIds = [...new Set(jobs.map((j) => j.chatId))];
  await Promise.all([
    tx.insert(outbox).values(
      jobs.map((j) => ({
        businessId: j.businessId,
        chatId: j.chatId,
        kind: j.kind,
        checkId: j.checkId ?? null,
        payload: j.payload ?? {},
        eventAt: j.eventAt ?? new Date(),
      })),
    ),
    tx
      .insert(chatLeases)
      .values(chatIds.map((chatId) => ({ chatId, leasedBy: '', leaseUntil: new Date(0) })))
      .onConflictDoNothing({ target: chatLeases.chatId }),
  ]);
}
