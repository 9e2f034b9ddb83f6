import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client.js';
import { queryRows } from '../../platform/db/rows.js';
import { chats } from '../../platform/db/schema.js';
import { enqueueJobs } from '../../platform/outbox/enqueue.js';
import type { JobOf, NewJob } from '../../platform/outbox/job-kinds.js';
import { businessDateSchema, periodSchema } from './period.js';
import { weekBeforeDay } from './periods.js';
import { claimSlot } from '../../platform/schedules/run-coordinator.js';

/**
 * The weekly digest (WEEKLY_DIGEST_CRON, Monday 09:00 by default): last week's report with its
 * chart, for each business with checks in the seven business days before the calendar date the
 * run fires on (with BUSINESS_DAY_START after midnight, a Monday 02:00 run covers Monday to the
 * Sunday that is closing; weekly-digest-schedule.ts). Exactly
 * once as the daily summary is: a claim row (`weekly-digest`, `<businessId>:<first day>`) and,
 * in the same transaction, one `weekly_digest` outbox job per active chat. Rendered at send time.
 */
export const WEEKLY_DIGEST_JOB = 'weekly-digest';


const weeklyDigestSlot = (businessId: number, from: string): string => `${businessId}:${from}`;

export interface DigestRun {
  from: string;
  to: string;
  businesses: number;
  jobs: number;
}

async function businessesDue(db: Database, from: string, to: string): Promise<number[]> {
  const rows = await queryRows<{ id: unknown }>(
    db,
    sql`select b.id from businesses b
        where exists (select 1 from checks c where c.business_id = b.id and c.business_date between ${from}::date and ${to}::date)
          and not exists (select 1 from schedule_runs r
                          where r.job = ${WEEKLY_DIGEST_JOB} and r.slot = b.id::text || ':' || ${from}::text)
        order by b.id`,
  );
  return rows.map((r) => Number(r.id));
}

/** Claims one business's digest of one week and enqueues it; null when it was already claimed. */
async function enqueueWeeklyDigest(
  db: Database,
  input: { businessId: number; from: string; to: string; claimedBy: string; now?: Date },
): Promise<number | null> {
  const { from, to } = periodSchema.parse({ from: input.from, to: input.to });
  return db.transaction(async (tx) => {
    const claimed = await claimSlot(tx, { job: WEEKLY_DIGEST_JOB, slot: weeklyDigestSlot(input.businessId, from), claimedBy: input.claimedBy });
    if (!claimed) return null;
    const recipients = await tx
      .select({ chatId: chats.chatId })
      .from(chats)
      .where(and(eq(chats.businessId, input.businessId), eq(chats.active, true)))
      .orderBy(chats.chatId);
    const payload: JobOf<'weekly_digest'>['payload'] = { from, to };
    const jobs: NewJob[] = recipients.map((r) => ({
      businessId: input.businessId,
      chatId: r.chatId,
      kind: 'weekly_digest',
      payload,
      eventAt: input.now ?? new Date(),
    }));
    await enqueueJobs(tx, jobs);
    return jobs.length;
  });
}

/** The digest of the seven days before `date` for every business that is due: safe to run any number of times. */
export async function runWeeklyDigest(db: Database, input: { date: string; claimedBy: string; now?: Date }): Promise<DigestRun> {
  const { from, to } = weekBeforeDay(businessDateSchema.parse(input.date));
  const run: DigestRun = { from, to, businesses: 0, jobs: 0 };
  for (const businessId of await businessesDue(db, from, to)) {
    const jobs = await enqueueWeeklyDigest(db, { businessId, from, to, claimedBy: input.claimedBy, now: input.now });
    if (jobs === null) continue;
    run.businesses += 1;
    run.jobs += jobs;
  }
  return run;
}
