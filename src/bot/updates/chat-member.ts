import { Composer } from 'grammy';
import { notifyOwners } from '../../features/shops/owner-notices.js';
import { deactivateChat, migrateChat, type ChatMoveStep } from '../../features/shops/chat-lifecycle.js';
import { carryChatSummaryClaims } from '../../features/reports/index.js';
import type { BotContext, BotDeps } from '../context.js';
import { chatTitle } from '../commands/start.js';
import { resetChatMenu } from '../command-menu.js';

/** What moves with a group that becomes a supergroup, besides the chat itself (also for the outbox's hooks). */
export const chatMoveSteps: readonly ChatMoveStep[] = [carryChatSummaryClaims];

/**
 * my_chat_member: the bot was blocked in a private chat, or removed from a group. The chat is
 * switched off at once (nothing more is queued or sent there) and the owner is told when it was
 * a member's chat; messages still waiting for it are dropped. Coming back takes /start (private)
 * or a new invite (group). A group upgraded to a supergroup is followed to its new id.
 */
export function chatMemberUpdates(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('my_chat_member', async (ctx) => {
    const status = ctx.myChatMember.new_chat_member.status;
    if (status !== 'kicked' && status !== 'left') return;
    const chat = ctx.myChatMember.chat;
    const { wasOn: row, dropped } = await deactivateChat(deps.db, chat.id, status === 'kicked' && chat.type === 'private' ? 'blocked' : status);
    if (!row) return;
    deps.logger.info({ chatId: chat.id, businessId: row.businessId, status, dropped }, 'chat switched off');
    // Its own menu goes with it: coming back (/start) sets it again.
    if (chat.type === 'private') await resetChatMenu(ctx.api, chat.id, deps.logger);
    if (row.role === 'owner') return;
    const title = chatTitle(chat, ctx.myChatMember.from);
    if ((await notifyOwners(deps.db, row.businessId, { key: 'chat_left', args: { title } })) > 0) deps.onOutboxWritten?.();
  });

  // A group became a supergroup: the chat goes on under its new id, waiting messages with it.
  composer.on('message:migrate_to_chat_id', async (ctx) => {
    if (!ctx.access.chatRow) return;
    await migrateChat(deps.db, ctx.chat.id, ctx.message.migrate_to_chat_id, chatMoveSteps);
    deps.logger.info({ chatId: ctx.chat.id, to: ctx.message.migrate_to_chat_id }, 'chat migrated to a supergroup');
  });
  return composer;
}
