import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { chats } from '../db/schema.js';
import type { Lang } from '../i18n/catalogue.js';

/**
 * The chats a business talks to. A chat belongs to at most one business (chat_id is the key);
 * an inactive chat (bot blocked or removed) gets nothing until it comes back with /start or an
 * invite.
 */
export type Chat = typeof chats.$inferSelect;
export type ChatRole = 'owner' | 'member';

export async function findChat(db: Executor, chatId: number): Promise<Chat | undefined> {
  const [row] = await db.select().from(chats).where(eq(chats.chatId, chatId)).limit(1);
  return row;
}

export interface LinkChat {
  chatId: number;
  businessId: number;
  type: string;
  title: string | null;
  role: ChatRole;
  lang: Lang | null;
}

/** Puts a chat into a business (or back into it), active and unmuted. */
export async function linkChat(db: Executor, input: LinkChat): Promise<Chat> {
  const [row] = await db
    .insert(chats)
    .values({ ...input, active: true, muted: false })
    .onConflictDoUpdate({
      target: chats.chatId,
      set: {
        businessId: input.businessId,
        type: input.type,
        title: input.title,
        role: input.role,
        lang: sql`coalesce(${chats.lang}, excluded.lang)`,
        active: true,
        muted: false,
        deactivatedReason: null,
        updatedAt: sql`now()`,
      },
    })
    .returning();
  return row!;
}

/** Switches a chat back on (its owner or member came back with /start). */
export async function reactivateChat(db: Executor, chatId: number): Promise<void> {
  await db
    .update(chats)
    .set({ active: true, deactivatedReason: null, updatedAt: sql`now()` })
    .where(eq(chats.chatId, chatId));
}

/**
 * Switches a chat off (blocked, kicked, left, deleted). Answers the chat when it was on until
 * now, so the caller can tell the owner once.
 */
export async function deactivateChat(db: Executor, chatId: number, reason: string): Promise<Chat | undefined> {
  const [row] = await db
    .update(chats)
    .set({ active: false, deactivatedReason: reason, updatedAt: sql`now()` })
    .where(and(eq(chats.chatId, chatId), eq(chats.active, true)))
    .returning();
  return row;
}

export async function setChatMuted(db: Executor, chatId: number, muted: boolean): Promise<void> {
  await db.update(chats).set({ muted, updatedAt: sql`now()` }).where(eq(chats.chatId, chatId));
}

export async function setChatLang(db: Executor, chatId: number, lang: Lang): Promise<void> {
  await db.update(chats).set({ lang, updatedAt: sql`now()` }).where(eq(chats.chatId, chatId));
}

/** The owner's own chats of a business that are on: where notices about the business go. */
export async function ownerChatIds(db: Executor, businessId: number): Promise<number[]> {
  const rows = await db
    .select({ chatId: chats.chatId })
    .from(chats)
    .where(and(eq(chats.businessId, businessId), eq(chats.role, 'owner'), eq(chats.active, true)));
  return rows.map((r) => r.chatId);
}
