import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/client.js';
import { chatLeases, chats, outbox } from '../../platform/db/schema.js';
import { enqueueJobs } from '../../platform/outbox/enqueue.js';
import type { ChatAtTurn, ChatHooks } from '../../platform/outbox/chat-hooks.js';
import { notifyOwners, tellOwnerUndelivered } from './owner-notices.js';
import type { Chat } from './chats.js';
import type { NoticePayload } from './jobs.js';

/**
 * A chat's life beyond its settings: switched off (the bot's update, or a send's answer, said it
 * is gone), moved to a supergroup id, a closed forum topic, a chat that refuses the bot. Each is
 * one transaction. What the outbox's sends learn comes in through `chatHooks`.
 */

/**
 * Switches a chat off (blocked, kicked, left, deleted) and drops what still waits for it, in one
 * transaction: nobody sees the chat off with its messages still waiting. Answers the chat when it
 * was on until now (so the caller can tell the owner once), and how many messages were dropped.
 */
export async function deactivateChat(db: Executor, chatId: number, reason: string): Promise<{ wasOn: Chat | undefined; dropped: number }> {
  return db.transaction(async (tx) => {
    const [wasOn] = await tx
      .update(chats)
      .set({ active: false, deactivatedReason: reason.slice(0, 300), updatedAt: sql`now()` })
      .where(and(eq(chats.chatId, chatId), eq(chats.active, true)))
      .returning();
    const dropped = await dropChatJobs(tx, chatId, `chat switched off: ${reason}`);
    return { wasOn, dropped };
  });
}

/**
 * The chat as an outbox turn finds it: on, or not to be served. A chat that became a supergroup
 * has its waiting messages forwarded to the new id; one switched off or unknown has them dropped.
 */
export async function openTurn(db: Database, chatId: number): Promise<ChatAtTurn> {
  const [chat] = await db
    .select({ active: chats.active, deactivatedReason: chats.deactivatedReason, sendRefusedAt: chats.sendRefusedAt })
    .from(chats)
    .where(eq(chats.chatId, chatId));
  const movedTo = chat && !chat.active ? migratedTo(chat.deactivatedReason) : undefined;
  if (movedTo !== undefined) return { state: 'moved', to: movedTo, moved: await followMigration(db, chatId, movedTo) };
  if (!chat || !chat.active) {
    const why = chat ? 'chat switched off' : 'chat unknown';
    return { state: 'gone', why, dropped: await dropChatJobs(db, chatId, why) };
  }
  return { state: 'on', refusing: chat.sendRefusedAt !== null };
}

/**
 * The chat's forum topic `threadId` was closed or deleted: the chat forgets it (its messages go to
 * the group's General topic from now on) and is told so there, once: only the call that actually
 * forgets the topic queues the notice, however many messages were refused. Answers whether it did.
 */
async function leaveClosedTopic(db: Database, chatId: number, threadId: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [chat] = await tx
      .update(chats)
      .set({ messageThreadId: null, updatedAt: sql`now()` })
      .where(and(eq(chats.chatId, chatId), eq(chats.messageThreadId, threadId)))
      .returning({ businessId: chats.businessId });
    if (!chat) return false;
    const notice: NoticePayload = { key: 'topic_closed', args: {} };
    await enqueueJobs(tx, [{ businessId: chat.businessId, chatId, kind: 'notice', payload: notice }]);
    return true;
  });
}

/**
 * The chat keeps the bot but does not let it send (no right to send messages): its messages stay
 * and are retried. The first refusal of an episode tells the owner's other chats; the episode
 * lasts until a message goes through again (`sendAccepted`). Answers how many owner chats were told.
 */
async function noteSendRefused(db: Database, chatId: number): Promise<number> {
  return db.transaction(async (tx) => {
    const [chat] = await tx
      .update(chats)
      .set({ sendRefusedAt: sql`now()` })
      .where(and(eq(chats.chatId, chatId), isNull(chats.sendRefusedAt)))
      .returning({ businessId: chats.businessId, title: chats.title, type: chats.type });
    if (!chat) return 0;
    const notice: NoticePayload = { key: 'chat_refuses', args: { title: chat.title ?? `${chat.type} ${chatId}` } };
    // The owner's chats that are on, but this one.
    return notifyOwners(tx, chat.businessId, notice, chatId);
  });
}

/** A message went through to a chat that had refused them: the episode is over. */
export async function sendAccepted(db: Database, chatId: number): Promise<void> {
  await db.update(chats).set({ sendRefusedAt: null }).where(and(eq(chats.chatId, chatId), isNotNull(chats.sendRefusedAt)));
}

/** Drops whatever waits for a chat we no longer know or that is switched off. */
export async function dropChatJobs(db: Executor, chatId: number, reason: string): Promise<number> {
  const rows = await db
    .update(outbox)
    .set({ status: 'dropped', finishedAt: sql`now()`, leaseUntil: null, lastError: reason.slice(0, 300) })
    .where(and(eq(outbox.chatId, chatId), eq(outbox.status, 'pending')))
    .returning({ id: outbox.id });
  return rows.length;
}

/**
 * A group became a supergroup (`migrate_to_chat_id`): the chat continues under the new id with
 * EVERY column of its row (noise control, desks followed, quiet hours, summary time, language,
 * watchdog switches, when it joined...: the row is copied whole, so a column added later is
 * copied too), the summaries it already had (its own summary's claims: none goes twice on a
 * day), and its waiting messages, which the worker sends next. When the bot already knows the
 * new id for the same business (it was linked there meanwhile), the two merge: the old
 * chat's settings win (they are what the group chose; the new row holds a fresh link's
 * defaults), its title is the newer one Telegram gave, and it joined when the earlier did. A new
 * id linked to another business is left as it is, and the old chat's waiting messages are
 * dropped rather than sent into another shop's chat. The old row stays, switched off with the
 * new id in its reason: a check stored while this ran may still write a message to the old id,
 * and the worker forwards such stragglers with `followMigration` instead of dropping them. Told
 * twice (the update and a send's answer both say so), the second time only moves messages: the
 * settings chosen in the new chat since are kept.
 */
export async function migrateChat(db: Database, oldChatId: number, newChatId: number, alsoMove: readonly ChatMoveStep[] = []): Promise<void> {
  await db.transaction(async (tx) => {
    const [old] = await tx.select().from(chats).where(eq(chats.chatId, oldChatId)).for('update');
    if (old && old.deactivatedReason !== `${MIGRATED_PREFIX}${newChatId}`) {
      const { chatId: _oldId, type: _type, title, createdAt, updatedAt: _updated, ...settings } = old;
      const [kept] = await tx
        .insert(chats)
        .values({ ...settings, chatId: newChatId, type: 'supergroup', title, createdAt, updatedAt: sql`now()` })
        .onConflictDoUpdate({
          target: chats.chatId,
          set: {
            ...settings,
            type: 'supergroup',
            title: sql`coalesce(${chats.title}, ${title})`,
            createdAt: sql`least(${chats.createdAt}, ${createdAt.toISOString()}::timestamptz)`,
            updatedAt: sql`now()`,
          },
          setWhere: eq(chats.businessId, old.businessId),
        })
        .returning({ chatId: chats.chatId });
      // Linked to another business: not "migrated" (stragglers are not forwarded there either).
      const reason = kept ? `${MIGRATED_PREFIX}${newChatId}` : `supergroup ${newChatId} is linked to another business`;
      await tx.update(chats).set({ active: false, deactivatedReason: reason, updatedAt: sql`now()` }).where(eq(chats.chatId, oldChatId));
      if (!kept) {
        await dropChatJobs(tx, oldChatId, reason);
        return;
      }
      // What other features keep by chat id moves with it, in this transaction (the summaries
      // the group already had today are not sent again to the supergroup).
      for (const step of alsoMove) await step(tx, oldChatId, newChatId);
    }
    await moveJobs(tx, oldChatId, newChatId);
    // The old id's lease row stays: a check stored while this runs may still queue a message
    // there, and the worker finds it through that row at once and forwards it (followMigration).
  });
}

const MIGRATED_PREFIX = 'migrated to ';

/** The id a switched-off chat moved to, if that is why it is off. */
export function migratedTo(deactivatedReason: string | null): number | undefined {
  if (!deactivatedReason?.startsWith(MIGRATED_PREFIX)) return undefined;
  const id = Number(deactivatedReason.slice(MIGRATED_PREFIX.length));
  return Number.isSafeInteger(id) ? id : undefined;
}

/** Sends what still waits for a migrated chat's old id to its new one. */
async function followMigration(db: Database, oldChatId: number, newChatId: number): Promise<number> {
  return moveJobs(db, oldChatId, newChatId);
}

async function moveJobs(db: Executor, oldChatId: number, newChatId: number): Promise<number> {
  const moved = await db
    .update(outbox)
    .set({ chatId: newChatId, leaseUntil: null })
    .where(and(eq(outbox.chatId, oldChatId), eq(outbox.status, 'pending')))
    .returning({ id: outbox.id });
  // The new id needs its lease row to be claimed (enqueueJobs makes them for new jobs).
  if (moved.length > 0) {
    await db.insert(chatLeases).values({ chatId: newChatId, leasedBy: '', leaseUntil: new Date(0) }).onConflictDoNothing({ target: chatLeases.chatId });
  }
  return moved.length;
}

/**
 * What another feature keeps under a chat's id and moves with the chat when it becomes a
 * supergroup, inside the migration's transaction (the wiring passes them in; shops knows none).
 */
export type ChatMoveStep = (tx: Executor, oldChatId: number, newChatId: number) => Promise<void>;

/** What the outbox's sends change in the chats (service.ts hands these to createDelivery). */
export const createChatHooks = (alsoMove: readonly ChatMoveStep[] = []): ChatHooks => ({
  openTurn,
  chatGone: async (db, chatId, reason) => (await deactivateChat(db, chatId, reason)).dropped,
  chatMigrated: (db, oldChatId, newChatId) => migrateChat(db, oldChatId, newChatId, alsoMove),
  topicClosed: leaveClosedTopic,
  sendRefused: noteSendRefused,
  sendAccepted,
  messagesLost: tellOwnerUndelivered,
});
