import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { businesses, chats } from '../db/schema.js';
import { hashSecret, newSecret, secretsEqual } from './secrets.js';

export type Business = typeof businesses.$inferSelect;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;

/** The business whose webhook token this is, or undefined. Never says which part was wrong. */
export async function findBusinessByToken(db: Executor, token: string): Promise<Business | undefined> {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  const [row] = await db.select().from(businesses).where(eq(businesses.webhookTokenHash, hashSecret(token))).limit(1);
  return row && secretsEqual(row.webhookToken, token) ? row : undefined;
}

export async function findBusinessByOwner(db: Executor, ownerUserId: number): Promise<Business | undefined> {
  const [row] = await db.select().from(businesses).where(eq(businesses.ownerUserId, ownerUserId)).limit(1);
  return row;
}

export async function findBusinessById(db: Executor, id: number): Promise<Business | undefined> {
  const [row] = await db.select().from(businesses).where(eq(businesses.id, id)).limit(1);
  return row;
}

export interface NewBusiness {
  ownerUserId: number;
  ownerChatId: number;
  chatType: string;
  chatTitle?: string | null;
  lang?: string | null;
  defaultLowCashKop: number;
}

/**
 * The owner's business, created with the owner's chat on first call; the same one afterwards
 * (two /start at once still make one: the owner id is unique).
 */
export async function ensureBusiness(db: Executor, input: NewBusiness): Promise<{ business: Business; created: boolean }> {
  const token = newSecret();
  const inserted = await db
    .insert(businesses)
    .values({
      ownerUserId: input.ownerUserId,
      webhookToken: token,
      webhookTokenHash: hashSecret(token),
      defaultLowCashKop: input.defaultLowCashKop,
    })
    .onConflictDoNothing({ target: businesses.ownerUserId })
    .returning();
  const business = inserted[0] ?? (await findBusinessByOwner(db, input.ownerUserId))!;
  await db
    .insert(chats)
    .values({
      chatId: input.ownerChatId,
      businessId: business.id,
      type: input.chatType,
      title: input.chatTitle ?? null,
      role: 'owner',
      lang: input.lang ?? null,
    })
    .onConflictDoNothing({ target: chats.chatId });
  return { business, created: inserted.length > 0 };
}

/** Replaces the webhook token; the old URL answers 404 from the commit on. */
export async function rotateWebhookToken(db: Executor, businessId: number): Promise<Business> {
  const token = newSecret();
  const [row] = await db
    .update(businesses)
    .set({ webhookToken: token, webhookTokenHash: hashSecret(token) })
    .where(eq(businesses.id, businessId))
    .returning();
  return row!;
}

/** The URL CashDesk posts to. */
export function webhookUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/webhooks/cashdesk/${token}`;
}
