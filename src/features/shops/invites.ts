import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/client.js';
import { invites } from '../../platform/db/schema.js';
import { daysBefore, deleteInBatches, type PruneTask } from '../../platform/schedules/housekeeping.js';
import { hashSecret, newSecret } from './secrets.js';
import { findChat, linkChat, type Chat } from './chats.js';
import type { Lang } from '../../platform/i18n/catalogue.js';

/**
 * One-time invites into a business. The code (192 random bits, URL-safe: it rides in a
 * `t.me/<bot>?start=<code>` link) is shown once; only its sha256 is stored. Redeeming is one
 * conditional UPDATE, so two chats racing for one code cannot both get in.
 */
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Telegram's start parameter: 1–64 of A–Z a–z 0–9 _ -. Ours are 32. */
export const INVITE_CODE_SHAPE = /^[A-Za-z0-9_-]{16,64}$/;

export interface CreatedInvite {
  code: string;
  expiresAt: Date;
}

export async function createInvite(
  db: Executor,
  input: { businessId: number; createdBy: number; now?: Date; ttlMs?: number },
): Promise<CreatedInvite> {
  const now = input.now ?? new Date();
  const code = newSecret();
  const expiresAt = new Date(now.getTime() + (input.ttlMs ?? INVITE_TTL_MS));
  await db.insert(invites).values({ codeHash: hashSecret(code), businessId: input.businessId, createdBy: input.createdBy, createdAt: now, expiresAt });
  return { code, expiresAt };
}

/**
 * Uses up a valid code for a chat: the business it opens, or undefined when the code is unknown,
 * used or expired (never saying which).
 */
export async function redeemInvite(db: Executor, inviteCode: string, chatId: number, now = new Date()): Promise<number | undefined> {
  if (!INVITE_CODE_SHAPE.test(inviteCode)) return undefined;
  const [row] = await db
    .update(invites)
    .set({ usedAt: now, usedByChat: chatId })
    .where(and(eq(invites.codeHash, hashSecret(inviteCode)), isNull(invites.usedAt), gt(invites.expiresAt, now)))
    .returning({ businessId: invites.businessId });
  return row?.businessId;
}

export interface JoiningChat {
  chatId: number;
  type: string;
  title: string | null;
  lang: Lang | null;
}

export type JoinResult =
  | { status: 'joined'; businessId: number; chat: Chat }
  | { status: 'invalid' }
  | { status: 'already_member'; businessId: number; spent: boolean }
  | { status: 'other_business'; spent: boolean };

/** A group, supergroup or channel: a code sent there was seen by everyone in it. */
const isSharedChat = (type: string) => type !== 'private';

/**
 * `/start <code>`: the chat joins the invite's business as a member.
 * - An unknown, used or expired code: 'invalid'.
 * - A chat already on in this business: 'already_member'.
 * - A chat that belongs to another business: 'other_business'. A chat belongs to one business
 *   only; moving it silently would send one shop's sales to a chat that another shop's owner let
 *   in. A member chat that was switched off (bot removed or blocked) may join a new business; an
 *   owner's chat never leaves its own.
 * When joining fails that way in a private chat, the code stays unused (only that person saw it).
 * In a group it is spent (`spent: true`): everyone there has read it, so it must not stay a key
 * that anyone of them could use later; the answer says so and the owner makes a new one.
 * All in one transaction: the code is used exactly when the chat is linked or it was spent.
 */
export async function joinByInvite(db: Database, inviteCode: string, chat: JoiningChat, now = new Date()): Promise<JoinResult> {
  if (!INVITE_CODE_SHAPE.test(inviteCode)) return { status: 'invalid' };
  return db.transaction(async (tx) => {
    const [invite] = await tx
      .select({ businessId: invites.businessId })
      .from(invites)
      .where(and(eq(invites.codeHash, hashSecret(inviteCode)), isNull(invites.usedAt), gt(invites.expiresAt, now)))
      .limit(1);
    if (!invite) return { status: 'invalid' } as const;

    const existing = await findChat(tx, chat.chatId);
    const spend = async () => isSharedChat(chat.type) && (await redeemInvite(tx, inviteCode, chat.chatId, now)) !== undefined;
    if (existing && existing.active && existing.businessId === invite.businessId) {
      return { status: 'already_member', businessId: invite.businessId, spent: await spend() } as const;
    }
    if (existing && existing.businessId !== invite.businessId && (existing.active || existing.role === 'owner')) {
      return { status: 'other_business', spent: await spend() } as const;
    }

    const businessId = await redeemInvite(tx, inviteCode, chat.chatId, now);
    if (businessId === undefined) return { status: 'invalid' } as const;
    const role = existing?.businessId === businessId && existing.role === 'owner' ? 'owner' : 'member';
    const linked = await linkChat(tx, { ...chat, businessId, role });
    return { status: 'joined', businessId, chat: linked } as const;
  });
}

/** Invites used or expired this many days ago are deleted. */
const INVITES_KEPT_DAYS = 30;

/** The nightly pruning (platform/schedules/housekeeping.ts): invites used or expired more than INVITES_KEPT_DAYS ago. */
export const invitePruning: PruneTask = {
  table: 'invites',
  prune: (db, now) => {
    const cutoff = daysBefore(now, INVITES_KEPT_DAYS);
    return deleteInBatches(
      db,
      'invites',
      'code_hash',
      sql`select code_hash from invites
          where (used_at is not null and used_at < ${cutoff}::timestamptz)
             or (used_at is null and expires_at < ${cutoff}::timestamptz)`,
    );
  },
};
