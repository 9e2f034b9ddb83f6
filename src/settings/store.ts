import { eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/client.js';
import { queryRows } from '../db/rows.js';
import { cashDesks, chats } from '../db/schema.js';
import { CHAT_SUMMARY_JOB, chatSummarySlot } from '../schedules/chat-summary.js';
import { DAILY_SUMMARY_JOB, dailySummarySlot } from '../schedules/daily-summary.js';
import { claimSlot } from '../schedules/run-coordinator.js';
import { localDateOf } from '../time/business-time.js';
import { formatClock, minuteOfDay, summaryDateOn, type QuietHours } from './chat-settings.js';

/** What /settings and its commands change on a chat's row (absent fields stay as they are). */
export interface ChatSettingsPatch {
  muted?: boolean;
  minSaleKop?: number | null;
  onlyReturns?: boolean;
  deskFilter?: string[] | null;
  quiet?: QuietHours | null;
  messageThreadId?: number | null;
}

export async function updateChatSettings(db: Executor, chatId: number, patch: ChatSettingsPatch): Promise<void> {
  const set: Partial<typeof chats.$inferInsert> = {};
  if (patch.muted !== undefined) set.muted = patch.muted;
  if (patch.minSaleKop !== undefined) set.minSaleKop = patch.minSaleKop && patch.minSaleKop > 0 ? patch.minSaleKop : null;
  if (patch.onlyReturns !== undefined) set.onlyReturns = patch.onlyReturns;
  if (patch.deskFilter !== undefined) set.deskFilter = patch.deskFilter;
  if (patch.quiet !== undefined) {
    set.quietFrom = patch.quiet?.from ?? null;
    set.quietTo = patch.quiet?.to ?? null;
  }
  if (patch.messageThreadId !== undefined) set.messageThreadId = patch.messageThreadId;
  await db
    .update(chats)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(chats.chatId, chatId));
}

/** The business's cash desks (fiscal numbers, with their ids for buttons), in a stable order. */
export async function listDesks(db: Executor, businessId: number): Promise<Array<{ id: number; numFiscal: string }>> {
  return db
    .select({ id: cashDesks.id, numFiscal: cashDesks.numFiscal })
    .from(cashDesks)
    .where(eq(cashDesks.businessId, businessId))
    .orderBy(cashDesks.numFiscal);
}

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
