import { and, asc, eq, inArray, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '../db/client.js';
import { queryRows } from '../db/rows.js';
import { outbox } from '../db/schema.js';
import type { JobKind } from './job-kinds.js';

/**
 * The outbox rows' life: pending → done (sent) | merged (sent inside a digest) | dead (given up
 * after the retry window) | dropped (the chat was switched off, or there was nothing to send).
 * Every change is conditional on the row still being pending, so a worker that lost its chat's
 * lease cannot overwrite what the new holder did.
 */
export type FinalStatus = 'done' | 'merged' | 'dead' | 'dropped';

/** One outbox row as the worker sees it: its kind and payload as stored (job-renderer.ts reads them with the kind's schema). */
export interface OutboxJob {
  id: number;
  businessId: number;
  chatId: number;
  kind: string;
  checkId: number | null;
  payload: Record<string, unknown>;
  attempts: number;
  createdAt: Date;
  eventAt: Date;
}

const ms = (value: number) => sql`(${value}::double precision * interval '1 millisecond')`;

export interface PendingJob extends OutboxJob {
  runAfter: Date;
}

/**
 * The chat's pending jobs in the order they go: replies to people first (among themselves
 * oldest first), then everything else oldest first. A reply is someone waiting for an answer
 * now; an alert a few seconds later still tells the same. A job written for later
 * (`not_before`) only once its time has come, so until then it holds nobody up.
 */
export async function pendingJobs(db: Executor, chatId: number, limit: number): Promise<PendingJob[]> {
  const replies = await pendingOfChat(db, chatId, limit, eq(outbox.kind, REPLY_KIND));
  const others = replies.length < limit ? await pendingOfChat(db, chatId, limit - replies.length, ne(outbox.kind, REPLY_KIND)) : [];
  return [...replies, ...others];
}

/** The job kind that goes before the chat's other waiting jobs (reply-job.ts). */
const REPLY_KIND: JobKind = 'reply';

async function pendingOfChat(db: Executor, chatId: number, limit: number, kind: SQL | undefined): Promise<PendingJob[]> {
  const rows = await db
    .select({
      id: outbox.id,
      businessId: outbox.businessId,
      chatId: outbox.chatId,
      kind: outbox.kind,
      checkId: outbox.checkId,
      payload: outbox.payload,
      attempts: outbox.attempts,
      createdAt: outbox.createdAt,
      eventAt: outbox.eventAt,
      runAfter: outbox.runAfter,
    })
    .from(outbox)
    .where(and(eq(outbox.chatId, chatId), eq(outbox.status, 'pending'), kind, or(isNull(outbox.notBefore), lte(outbox.notBefore, sql`now()`))))
    .orderBy(asc(outbox.id))
    .limit(limit);
  // As stored: the renderer reads each row with its kind's schema before using it.
  return rows.map((r) => ({ ...r, payload: (r.payload ?? {}) as Record<string, unknown> }));
}

/**
 * Marks jobs as being sent by this worker (one more attempt) and extends the chat's lease, in
 * one statement. Answers the jobs' payloads as they are now (a notice's count may have grown
 * since they were read), or null when the lease is no longer this worker's, or the chat is no
 * longer on (switched off, or removed by the owner while this turn ran): then nothing is marked
 * and nothing must be sent.
 */
export async function markInFlight(
  db: Database,
  chatId: number,
  jobIds: number[],
  workerId: string,
  leaseMs: number,
): Promise<Map<number, Record<string, unknown>> | null> {
  const rows = await queryRows<{ id: string | number; payload: unknown }>(
    db,
    sql`with lease as (
          update chat_leases set lease_until = now() + ${ms(leaseMs)}
          where chat_id = ${chatId}::bigint and leased_by = ${workerId} and lease_until > now()
            and exists (select 1 from chats where chats.chat_id = ${chatId}::bigint and chats.active)
          returning chat_id
        )
        update outbox set attempts = attempts + 1, leased_by = ${workerId}, lease_until = now() + ${ms(leaseMs)}
        where id in ${idList(jobIds)} and status = 'pending' and exists (select 1 from lease)
        returning id, payload`,
  );
  if (rows.length === 0) return null;
  return new Map(rows.map((r) => [Number(r.id), parsePayload(r.payload)]));
}

function parsePayload(value: unknown): Record<string, unknown> {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
}

/** Ends jobs that are still pending; answers the ids it ended. */
export async function finishJobs(db: Executor, jobIds: number[], status: FinalStatus, note: string | null = null): Promise<number[]> {
  if (jobIds.length === 0) return [];
  const rows = await db
    .update(outbox)
    .set({ status, finishedAt: sql`now()`, leaseUntil: null, lastError: note })
    .where(and(inArray(outbox.id, jobIds), eq(outbox.status, 'pending')))
    .returning({ id: outbox.id });
  return rows.map((r) => r.id);
}

/** Leaves the jobs pending, to be tried again after `delayMs`. */
export async function retryJobsLater(db: Executor, jobIds: number[], delayMs: number, error: string): Promise<void> {
  if (jobIds.length === 0) return;
  await db
    .update(outbox)
    .set({ runAfter: sql`now() + ${ms(delayMs)}`, leaseUntil: null, lastError: error })
    .where(and(inArray(outbox.id, jobIds), eq(outbox.status, 'pending')));
}

/** Whether the chat has a job of this kind still pending (one indexed read). */
export async function hasPendingJob(db: Executor, chatId: number, kind: JobKind): Promise<boolean> {
  const [row] = await db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.chatId, chatId), eq(outbox.status, 'pending'), eq(outbox.kind, kind)))
    .limit(1);
  return row !== undefined;
}

export interface OutboxStats {
  pending: number;
  oldestAgeSeconds: number;
}

/** Depth and age of the queue, for /metrics. */
export async function outboxStats(db: Executor): Promise<OutboxStats> {
  const [row] = await queryRows<{ pending: string | number; oldest: string | number | null }>(
    db,
    sql`select count(*) as pending, extract(epoch from (now() - min(created_at))) as oldest
        from outbox where status = 'pending'`,
  );
  return { pending: Number(row?.pending ?? 0), oldestAgeSeconds: Math.max(0, Number(row?.oldest ?? 0)) };
}

function idList(ids: readonly number[]) {
  return sql`(${sql.join(
    ids.map((id) => sql`${id}::bigint`),
    sql`, `,
  )})`;
}
