import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client.js';
import { queryRows } from '../../platform/db/rows.js';
import { chats } from '../../platform/db/schema.js';
import { localDateOf } from '../../platform/time/business-time.js';
import { formatClock, minuteOfDay } from '../../platform/time/clock.js';
import { CHAT_SUMMARY_JOB, chatSummarySlot } from './chat-summary.js';
import { DAILY_SUMMARY_JOB, dailySummarySlot } from './daily-summary.js';
import { claimSlot } from '../../platform/schedules/run-coordinator.js';
import { summaryDateOn } from './summary-date.js';

/**
 * Sets (or clears, null) a chat's own summary time. It starts with the next occurrence: when the
 * chosen moment of today has passed, or the summary it would bring went out already by the
 * business's default schedule, that summary is claimed for the chat here (so setting a time
 * never sends a summary at once, nor one the chat already had).
 */
export async function setSummaryTime(
  db: Database,
  input: { chatId: number; businessId: number; minutes: number | null; now: Date; tz: string; dayStart?: number },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(chats)
      .set({ summaryTime: input.minutes === null ? null : formatClock(input.minutes), updatedAt: sql`now()` })
      .where(eq(chats.chatId, input.chatId));
    if (input.minutes === null) return;
    const today = localDateOf(input.now, input.tz);
    const date = summaryDateOn(input.minutes, today, input.tz, input.dayStart ?? 0);
    let settled = input.minutes <= minuteOfDay(input.now, input.tz);
    if (!settled) {
      const sent = await queryRows(
        tx,
        sql`select 1 from schedule_runs where job = ${DAILY_SUMMARY_JOB} and slot = ${dailySummarySlot(input.businessId, date)}`,
      );
      settled = sent.length > 0;
    }
    if (settled) await claimSlot(tx, { job: CHAT_SUMMARY_JOB, slot: chatSummarySlot(input.chatId, date), claimedBy: 'settings' });
  });
}
