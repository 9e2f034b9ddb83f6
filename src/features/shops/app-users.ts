import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { businesses, chats } from '../../platform/db/schema.js';
import type { Business } from './businesses.js';

/**
 * Which businesses a Telegram user may look at in the Mini App, and as whom. The same rule as
 * the bot's in the user's private chat (chat id = user id): that chat, when it is on, belongs
 * to one business; the user is its owner when the business's owner id is theirs. A user who owns
 * a business but whose private chat was later linked elsewhere still sees the business they own.
 */
export interface UserBusiness {
  business: Business;
  role: 'owner' | 'member';
  /** The private chat's /lang choice, if the chat is linked to this business. */
  chatLang: string | null;
}

export async function businessesOfUser(db: Executor, userId: number): Promise<UserBusiness[]> {
  const [linked, owned] = await Promise.all([
    db
      .select({ business: businesses, lang: chats.lang })
      .from(chats)
      .innerJoin(businesses, eq(businesses.id, chats.businessId))
      .where(and(eq(chats.chatId, userId), eq(chats.type, 'private'), eq(chats.active, true)))
      .limit(1),
    db.select().from(businesses).where(eq(businesses.ownerUserId, userId)).limit(1),
  ]);
  const result: UserBusiness[] = [];
  for (const row of linked) {
    result.push({ business: row.business, role: row.business.ownerUserId === userId ? 'owner' : 'member', chatLang: row.lang });
  }
  for (const business of owned) {
    if (!result.some((r) => r.business.id === business.id)) result.push({ business, role: 'owner', chatLang: null });
  }
  // The one they own first: the default when the Mini App names none.
  return result.sort((a, b) => (a.role === b.role ? 0 : a.role === 'owner' ? -1 : 1));
}
