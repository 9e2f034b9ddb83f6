import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client.js';
import { outbox } from '../../src/platform/db/schema.js';
import { createServiceRenderer } from '../../src/service.js';
import type { OutgoingMessage } from '../../src/platform/telegram/outgoing.js';
import { documentBytes } from './documents.js';

/**
 * What the outbox worker would send for a chat's waiting export jobs: each rendered as at send
 * time, in order (an export part's file read into the message and removed), then marked sent (so its requester may ask again).
 */
export async function sendQueuedExports(db: Database, chatId: number, tz = 'Europe/Kyiv'): Promise<OutgoingMessage[]> {
  const jobs = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.chatId, chatId), eq(outbox.kind, 'export'), eq(outbox.status, 'pending')))
    .orderBy(asc(outbox.id));
  const renderer = createServiceRenderer({ db, config: { businessTz: tz } });
  const messages: OutgoingMessage[] = [];
  for (const job of jobs) {
    const message = await renderer.render({ ...job, kind: job.kind, payload: job.payload as Record<string, unknown> });
    // As after its send: the part's file read back into the message, then released.
    if (message) messages.push(message.document ? { ...message, document: { bytes: documentBytes(message.document), filename: message.document.filename } } : message);
    await message?.release?.();
    await db.update(outbox).set({ status: 'done', finishedAt: new Date() }).where(eq(outbox.id, job.id));
  }
  return messages;
}
