import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/client.js';
import { queryRows } from '../../platform/db/rows.js';
import { enqueueJobs } from '../../platform/outbox/enqueue.js';
import { addDays, localDateOf } from '../../platform/time/business-time.js';
import { minuteOfDay, parseClock } from '../../platform/time/clock.js';
import { claimSlot } from '../../platform/schedules/run-coordinator.js';
import { summaryDateOn } from './summary-date.js';

/**
 * The daily Z summary of chats that chose their own time (/summarytime): one claim row per chat
 * and summary date (`chat-summary`, `<chatId>:<date>`), written in the same transaction as the
 * chat's `daily_summary` job, so any number of schedulers, ticks and restarts send it once. A
 * chat's time that has come today and whose summary nobody claimed yet is due; a time before
 * noon brings the previous day's summary, never a business day not begun (summaryDateFor, with
 * BUSINESS_DAY_START `dayStart`). As for the default summary, only a
 * day with checks has one. Chats without a time of their own keep the business's default cron
 * (daily-summary.ts), which skips the chats that have one.
 */
export const CHAT_SUMMARY_JOB = 'chat-summary';

export const chatSummarySlot = (chatId: number, date: string): string => `${chatId}:${date}`;

export interface ChatSummaryRun {
  /** Chats whose summary this run claimed and enqueued. */
  chats: number;
}

interface DueChat {
  chatId: number;
  businessId: number;
  date: string;
}

const truthy = (v: unknown) => v === true || v === 't' || v === 'true';

/** Chats whose own summary time has come at `now` and whose summary is not claimed yet. */
async function dueChatSummaries(db: Database, now: Date, tz: string, dayStart = 0): Promise<DueChat[]> {
  const today = localDateOf(now, tz);
  const yesterday = addDays(today, -1);
  const minute = minuteOfDay(now, tz);
  const rows = await queryRows<{ chat_id: unknown; business_id: unknown; summary_time: string; today_claimed: unknown; yesterday_claimed: unknown }>(
    db,
    sql`select c.chat_id, c.business_id, c.summary_time,
          exists (select 1 from schedule_runs r
                  where r.job = ${CHAT_SUMMARY_JOB} and r.slot = c.chat_id::text || ':' || ${today}::text) as today_claimed,
          exists (select 1 from schedule_runs r
                  where r.job = ${CHAT_SUMMARY_JOB} and r.slot = c.chat_id::text || ':' || ${yesterday}::text) as yesterday_claimed
        from chats c
        where c.active and c.summary_time is not null
        order by c.chat_id`,
  );
  const due: DueChat[] = [];
  for (const row of rows) {
    const at = parseClock(row.summary_time);
    if (at === undefined || at > minute) continue;
    const date = summaryDateOn(at, today, tz, dayStart);
    if (truthy(date === today ? row.today_claimed : row.yesterday_claimed)) continue;
    due.push({ chatId: Number(row.chat_id), businessId: Number(row.business_id), date });
  }
  return due;
}

/**
 * Claims one chat's summary of one day and enqueues it, in one transaction: true when this call
 * did, false when it was claimed already or the day has no checks (nothing is claimed then).
 */
async function enqueueChatSummary(
  db: Database,
  input: { chatId: number; businessId: number; date: string; claimedBy: string; now?: Date },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    // The chat's row, held until the claim commits: a migration to a supergroup id (which carries
    // the chat's claims over, carryChatSummaryClaims) waits for it, or went first and switched it off.
    const chat = await queryRows(tx, sql`select 1 from chats where chat_id = ${input.chatId} and active for share`);
    if (chat.length === 0) return false;
    const checks = await queryRows(
      tx,
      sql`select 1 from checks where business_id = ${input.businessId} and business_date = ${input.date}::date limit 1`,
    );
    if (checks.length === 0) return false;
    const claimed = await claimSlot(tx, { job: CHAT_SUMMARY_JOB, slot: chatSummarySlot(input.chatId, input.date), claimedBy: input.claimedBy });
    if (!claimed) return false;
    await enqueueJobs(tx, [
      { businessId: input.businessId, chatId: input.chatId, kind: 'daily_summary', payload: { date: input.date }, eventAt: input.now ?? new Date() },
    ]);
    return true;
  });
}

/**
 * A chat that moved to a new id (a group became a supergroup) keeps the summaries it already
 * had: its claims are copied to the new id (one the new id holds already stays), so a summary
 * that went out today under the old id does not go again under the new one. Called in the
 * migration's transaction, which holds the old chat's row (see enqueueChatSummary).
 */
export async function carryChatSummaryClaims(tx: Executor, oldChatId: number, newChatId: number): Promise<void> {
  await tx.execute(
    sql`insert into schedule_runs (job, slot, claimed_by, claimed_at, finished_at)
        select job, ${`${newChatId}:`} || substr(slot, ${`${oldChatId}:`.length + 1}), claimed_by, claimed_at, finished_at
        from schedule_runs
        where job = ${CHAT_SUMMARY_JOB} and starts_with(slot, ${`${oldChatId}:`})
        on conflict (job, slot) do nothing`,
  );
}

/** Every chat summary due at `now`: safe to run any number of times, from any number of instances. */
export async function runChatSummaries(
  db: Database,
  input: { now: Date; tz: string; dayStart?: number; claimedBy: string },
): Promise<ChatSummaryRun> {
  const run: ChatSummaryRun = { chats: 0 };
  for (const chat of await dueChatSummaries(db, input.now, input.tz, input.dayStart)) {
    if (await enqueueChatSummary(db, { ...chat, claimedBy: input.claimedBy, now: input.now })) run.chats += 1;
  }
  return run;
}
