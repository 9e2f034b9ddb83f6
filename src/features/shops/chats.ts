import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/client.js';
import { chats } from '../../platform/db/schema.js';
import { dropChatJobs, migratedTo } from './chat-lifecycle.js';
import type { Lang } from '../../platform/i18n/catalogue.js';

/**
 * The chats a business talks to. A chat belongs to at most one business (chat_id is the key);
 * an inactive chat (bot blocked or kicked) gets nothing until it comes back with /start or an
 * invite. A chat the owner removed (/members) has no row at all: nothing is queued, sent or
 * answered for it, a plain /start cannot bring it back to the shop, only a new invite can.
 */
export type Chat = typeof chats.$inferSelect;
type ChatRole = 'owner' | 'member';

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

/** Puts a chat into a business (or back into it), active and unmuted; it joined now. */
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
        createdAt: sql`now()`,
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

export async function setChatMuted(db: Executor, chatId: number, muted: boolean): Promise<void> {
  await db.update(chats).set({ muted, updatedAt: sql`now()` }).where(eq(chats.chatId, chatId));
}

export async function setChatLang(db: Executor, chatId: number, lang: Lang): Promise<void> {
  await db.update(chats).set({ lang, updatedAt: sql`now()` }).where(eq(chats.chatId, chatId));
}

/** The owner's own chats of a business that are on: where notices about the business go. */
/**
 * Every chat of a business as /members lists it: the owner's first, then by when they joined. The
 * old id of a group that became a supergroup is left out (its new id stands for it).
 */
export async function listBusinessChats(db: Executor, businessId: number): Promise<Chat[]> {
  const rows = await db
    .select()
    .from(chats)
    .where(eq(chats.businessId, businessId))
    .orderBy(desc(sql`${chats.role} = 'owner'`), asc(chats.createdAt), asc(chats.chatId));
  return rows.filter((row) => row.active || migratedTo(row.deactivatedReason) === undefined);
}

/**
 * The owner removes a member chat (a person or a group) from the business: its row goes, with
 * whatever still waits for it in the outbox, in one transaction. From then on the chat gets
 * nothing, its commands answer "not connected", and a plain /start never links it to this shop
 * again (only a new invite does). The owner's own chat cannot be removed. Answers the removed row,
 * or undefined when the chat is not a member chat of that business (already removed, the owner's,
 * another shop's).
 */
export async function removeChat(db: Database, businessId: number, chatId: number): Promise<Chat | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(chats)
      .where(and(eq(chats.chatId, chatId), eq(chats.businessId, businessId), eq(chats.role, 'member')))
      .returning();
    if (!row) return undefined;
    await dropChatJobs(tx, chatId, 'chat removed by the owner');
    return row;
  });
}

/** Telegram told us a chat's current name (a group's title, a person's name): stored when it changed. */
export async function refreshChatTitle(db: Executor, chatId: number, title: string): Promise<void> {
  await db
    .update(chats)
    .set({ title, updatedAt: sql`now()` })
    .where(and(eq(chats.chatId, chatId), sql`${chats.title} is distinct from ${title}`));
}

/** A private chat as a start-up pass over them sees it. */
export type PrivateChatRef = Pick<Chat, 'chatId' | 'lang' | 'role'>;

/** A page of the private chats that are on, by chat id after `after`: the start-up passes (menu button, command menu) go to them. */
export async function activePrivateChats(db: Executor, page: { after: number; limit: number }): Promise<PrivateChatRef[]> {
  return db
    .select({ chatId: chats.chatId, lang: chats.lang, role: chats.role })
    .from(chats)
    .where(and(eq(chats.type, 'private'), eq(chats.active, true), gt(chats.chatId, page.after)))
    .orderBy(asc(chats.chatId))
    .limit(page.limit);
}
