import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { chats } from '../../platform/db/schema.js';
import type { QuietHours } from './chat-settings.js';

/** What /settings and its commands change on a chat's row (absent fields stay as they are). */
export interface ChatSettingsPatch {
  muted?: boolean;
  minSaleKop?: number | null;
  onlyReturns?: boolean;
  deskFilter?: string[] | null;
  quiet?: QuietHours | null;
  messageThreadId?: number | null;
  /** Watchdog kinds switched off in this chat. */
  watchdogOff?: string[];
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
  if (patch.watchdogOff !== undefined) set.watchdogOff = patch.watchdogOff;
  await db
    .update(chats)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(chats.chatId, chatId));
}
