import type { MiddlewareFn } from 'grammy';
import type { Database } from '../../platform/db/client.js';
import { findChat } from '../../features/shops/chats.js';
import { findBusinessById } from '../../features/shops/businesses.js';
import { catalogue, pickLang } from '../../platform/i18n/lang.js';
import type { BotContext } from '../context.js';

/**
 * Loads the update's chat and its business into ctx.access, with the language to answer in:
 * the chat's /lang choice, else the sender's Telegram language. A chat that is off (bot was
 * blocked or removed) is treated as not connected until it comes back.
 */
export function accessMiddleware(db: Database): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const chatRow = ctx.chat ? await findChat(db, ctx.chat.id) : undefined;
    const chat = chatRow?.active ? chatRow : undefined;
    const business = chat ? await findBusinessById(db, chat.businessId) : undefined;
    const lang = pickLang(chatRow?.lang, ctx.from?.language_code);
    ctx.access = {
      chatRow,
      chat,
      business,
      isOwner: Boolean(chat && business && chat.role === 'owner' && ctx.from?.id === business.ownerUserId),
      lang,
      t: catalogue(lang),
    };
    await next();
  };
}
