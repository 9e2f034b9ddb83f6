import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client.js';
import { queryRows } from '../../platform/db/rows.js';
import { chats } from '../../platform/db/schema.js';
import { enqueueJobs } from '../../platform/outbox/enqueue.js';
import type { JobOf, NewJob } from '../../platform/outbox/job-kinds.js';
import { businessDateSchema } from './period.js';
import { claimSlot } from '../../platform/schedules/run-coordinator.js';
import { CHAT_SUMMARY_JOB } from './chat-summary.js';

/**
 * The daily Z summary: for each business with checks on a business day, one claim row
 * (`daily-summary`, `<businessId>:<date>`) and, in the same transaction, one `daily_summary`
 * outbox job per active chat (muted ones too: /mute stops sale alerts only). The claim is the
 * exactly-once: two schedulers, a retry or a restart that reach the same business and day find
 * it taken and enqueue nothing. The message itself is rendered at send time from
 * computeSummaryFigures(payload.date).
 */
export const DAILY_SUMMARY_JOB = 'daily-summary';


export const dailySummarySlot = (businessId: number, date: string): string => `${businessId}:${date}`;

export interface SummaryRun {
  date: string;
  /** Businesses whose summary this run claimed and enqueued. */
  businesses: number;
  jobs: number;
}

/** Businesses with checks on `date` whose summary nobody has claimed yet. */
async function businessesDue(db: Database, date: string): Promise<number[]> {
  const rows = await queryRows<{ id: unknown }>(
    db,
    sql`select b.id from businesses b
        where exists (select 1 from checks c where c.business_id = b.id and c.business_date = ${date}::date)
          and not exists (select 1 from schedule_runs r
                          where r.job = ${DAILY_SUMMARY_JOB} and r.slot = b.id::text || ':' || ${date}::text)
        order by b.id`,
  );
  return rows.map((r) => Number(r.id));
}

/**
 * Claims one business's summary of one day and enqueues it, in one transaction. Answers the
 * number of jobs written, or null when the summary was already claimed.
 */
export async function enqueueDailySummary(
  db: Database,
  input: { businessId: number; date: string; claimedBy: string; now?: Date },
): Promise<number | null> {
  const date = businessDateSchema.parse(input.date);
  return db.transaction(async (tx) => {
    const claimed = await claimSlot(tx, { job: DAILY_SUMMARY_JOB, slot: dailySummarySlot(input.businessId, date), claimedBy: input.claimedBy });
    if (!claimed) return null;
    const recipients = await tx
      .select({ chatId: chats.chatId })
      .from(chats)
      .where(
        and(
          eq(chats.businessId, input.businessId),
          eq(chats.active, true),
          // Chats with a summary time of their own get it then (chat-summary.ts), and never twice.
          isNull(chats.summaryTime),
          sql`not exists (select 1 from schedule_runs r where r.job = ${CHAT_SUMMARY_JOB} and r.slot = ${chats.chatId}::text || ':' || ${date}::text)`,
        ),
      )
      .orderBy(chats.chatId);
    const payload: JobOf<'daily_summary'>['payload'] = { date };
    const jobs: NewJob[] = recipients.map((r) => ({
      businessId: input.businessId,
      chatId: r.chatId,
      kind: 'daily_summary',
      payload,
      eventAt: input.now ?? new Date(),
    }));
    await enqueueJobs(tx, jobs);
    return jobs.length;
  });
}

/** The summary of one business day for every business that is due: safe to run any number of times. */
export async function runDailySummary(db: Database, input: { date: string; claimedBy: string; now?: Date }): Promise<SummaryRun> {
  const date = businessDateSchema.parse(input.date);
  const run: SummaryRun = { date, businesses: 0, jobs: 0 };
  for (const businessId of await businessesDue(db, date)) {
    const jobs = await enqueueDailySummary(db, { businessId, date, claimedBy: input.claimedBy, now: input.now });
    if (jobs === null) continue;
    run.businesses += 1;
    run.jobs += jobs;
  }
  return run;
}
