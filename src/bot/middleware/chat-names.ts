import type { MiddlewareFn } from 'grammy';
import { refreshChatTitle } from '../../features/shops/chats.js';
import type { BotContext, BotDeps } from '../context.js';
import { chatTitle } from '../commands/start.js';

/**
 * Keeps a linked chat's name as Telegram shows it now (a group renamed, a person's new name or
 * @username), for /members. Only a change is written; the update goes on either way.
 */
export function chatNames(deps: BotDeps): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const row = ctx.access.chat;
    const chat = ctx.chat;
    if (row && chat && chat.id === row.chatId) {
      // A private chat carries its person's names (first, last, @username) itself.
      const name = chat.type === 'private' ? chatTitle(chat, undefined) : chat.title;
      if (name && name !== row.title) {
        await refreshChatTitle(deps.db, row.chatId, name).catch((err: unknown) => deps.logger.warn({ err, chatId: row.chatId }, 'could not store the chat name'));
      }
    }
    await next();
  };
}
