import type { Executor } from '../db/client.js';
import { outbox } from '../db/schema.js';
import type { NewJob } from './jobs.js';

/** Writes jobs for the worker; call it inside the transaction that causes them. */
export async function enqueueJobs(tx: Executor, jobs: NewJob[]): Promise<void> {
  if (jobs.length === 0) return;
  await tx.insert(outbox).values(
    jobs.map((j) => ({
      businessId: j.businessId,
      chatId: j.chatId,
      kind: j.kind,
      checkId: j.checkId ?? null,
      payload: j.payload ?? {},
      eventAt: j.eventAt ?? new Date(),
    })),
  );
}
