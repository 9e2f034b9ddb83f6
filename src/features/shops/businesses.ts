import { eq, inArray, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/client.js';
import { businesses, chats } from '../../platform/db/schema.js';
import { hashSecret, newSecret, secretsEqual } from './secrets.js';

export type Business = typeof businesses.$inferSelect;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;

/** The business whose webhook token this is, or undefined. Never says which part was wrong. */
export async function findBusinessByToken(db: Executor, token: string): Promise<Business | undefined> {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  const [row] = await db.select().from(businesses).where(eq(businesses.webhookTokenHash, hashSecret(token))).limit(1);
  return row && secretsEqual(row.webhookToken, token) ? row : undefined;
}

/** The webhook's token lookup (createTokenLookup). */
export interface TokenLookup {
  /**
   * The business whose token this is, or undefined. A token found once is remembered; `fresh`
   * asks the database whatever is remembered.
   */
  find(token: string, options?: { fresh?: boolean }): Promise<Business | undefined>;
  /** Drop a remembered token: the database said it is no longer the business's (rotated). */
  forget(token: string): void;
}

/** How many found tokens a lookup remembers (a business has one; past this, it starts afresh). */
const REMEMBERED_TOKENS = 10_000;

/**
 * `findBusinessByToken` for the webhook. A token found once is remembered, so a shop's checks
 * do not wait for a lookup (lookups queued behind the batches kept them small). What is remembered is only a first answer: the
 * statement that stores a check stores it only if the business still has that token hash
 * (ingest.ts), so a token rotated a moment ago, by this instance or another, stores nothing
 * and is answered 404, and then forgotten. Unknown tokens are never remembered: each asks the
 * database, with lookups coalesced: while one query is out, the tokens asked for meanwhile wait,
 * and then ONE query finds them all.
 */
export function createTokenLookup(db: Executor): TokenLookup {
  let waiting: Array<{ token: string; resolve: (b: Business | undefined) => void; reject: (err: unknown) => void }> = [];
  let inFlight = false;
  const remembered = new Map<string, Business>();

  async function run(batch: typeof waiting): Promise<void> {
    try {
      const hashes = [...new Set(batch.map((w) => hashSecret(w.token)))];
      const rows = await db.select().from(businesses).where(inArray(businesses.webhookTokenHash, hashes));
      const byHash = new Map(rows.map((r) => [r.webhookTokenHash, r]));
      for (const w of batch) {
        const row = byHash.get(hashSecret(w.token));
        const found = row && secretsEqual(row.webhookToken, w.token) ? row : undefined;
        if (found) {
          if (remembered.size >= REMEMBERED_TOKENS) remembered.clear();
          remembered.set(w.token, found);
        } else {
          remembered.delete(w.token);
        }
        w.resolve(found);
      }
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }

  function pump(): void {
    if (inFlight || waiting.length === 0) return;
    const batch = waiting;
    waiting = [];
    inFlight = true;
    void run(batch).finally(() => {
      inFlight = false;
      pump();
    });
  }

  return {
    find(token, options = {}) {
      if (!TOKEN_SHAPE.test(token)) return Promise.resolve(undefined);
      const known = options.fresh ? undefined : remembered.get(token);
      if (known) return Promise.resolve(known);
      return new Promise((resolve, reject) => {
        waiting.push({ token, resolve, reject });
        pump();
      });
    },
    forget(token) {
      remembered.delete(token);
    },
  };
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

/** SIGNUP and ALLOWED_USER_IDS: who may register a new business (config.ts). */
export interface SignupPolicy {
  signup: 'first' | 'open';
  allowedUserIds: readonly string[];
}

/** Serialises "is this the first business?" between /starts (any instance on the database). */
const FIRST_SIGNUP_LOCK = 727_010;

/**
 * /start's registration under the sign-up policy: the caller's own business (created now, or
 * the one they own already), or `refused` when the policy lets nobody new in. With
 * `first`, only the first person gets a business: the question "is there none yet?" and the
 * insert run under one advisory lock, so two first /starts at once still make one owner.
 */
export async function registerBusiness(
  db: Database,
  input: NewBusiness,
  policy: SignupPolicy,
): Promise<{ status: 'registered'; business: Business; created: boolean } | { status: 'refused' }> {
  if (policy.signup === 'open' || policy.allowedUserIds.includes(String(input.ownerUserId))) {
    return { status: 'registered', ...(await ensureBusiness(db, input)) };
  }
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_SIGNUP_LOCK})`);
    const own = await findBusinessByOwner(tx, input.ownerUserId);
    if (!own) {
      const [any] = await tx.select({ id: businesses.id }).from(businesses).limit(1);
      if (any) return { status: 'refused' as const };
    }
    return { status: 'registered' as const, ...(await ensureBusiness(tx, input)) };
  });
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
