import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { chats } from '../../platform/db/schema.js';

/**
 * The business owner's chats that are on: where notices go (owner notices, dead letters, a chat
 * that refuses the bot). In delivery/, the lowest layer that needs it; notices/ uses it too.
 */
export async function ownerChatIds(db: Executor, businessId: number): Promise<number[]> {
  const rows = await db
    .select({ chatId: chats.chatId })
    .from(chats)
    .where(and(eq(chats.businessId, businessId), eq(chats.role, 'owner'), eq(chats.active, true)));
  return rows.map((r) => r.chatId);
}
