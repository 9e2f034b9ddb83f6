import { Composer, GrammyError } from 'grammy';
import type { Business } from '../../features/shops/businesses.js';
import type { Chat } from '../../features/shops/chats.js';
import { shopName } from '../../features/shops/shop-name.js';
import { findChat, listBusinessChats, removeChat } from '../../features/shops/chats.js';
import { localDateTimeOf } from '../../platform/time/business-time.js';
import { MEMBERS_PREFIX, parseMembersCallback } from '../../features/shops/messages/members-callback.js';
import { memberName, renderMembers, renderRemoveConfirm, type MemberView } from '../../features/shops/messages/members.js';
import type { OutgoingMessage } from '../../platform/telegram/outgoing.js';
import type { BotContext, BotDeps } from '../context.js';
import { requireOwner } from '../middleware/guards.js';
import { resetChatMenu } from '../command-menu.js';
import { sendReply } from '../reply.js';

const notModified = (err: unknown) => err instanceof GrammyError && /not modified/i.test(err.description);

/**
 * /members (owner, in the owner's chat): every chat linked to the shop with when it joined, and a
 * button per member chat that asks once ("remove X?") and then removes it (features/shops/chats.ts
 * removeChat: its row and its waiting messages go). The removed chat is not told: it simply gets
 * nothing more and its commands answer "not connected". Only the owner of the business the chat
 * belongs to, in the owner's own chat, can press; forged data for another shop's chat finds
 * nothing to remove.
 */
export function membersCommand(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  const view = (chat: Chat): MemberView => ({
    chatId: chat.chatId,
    role: chat.role,
    type: chat.type,
    title: chat.title,
    active: chat.active,
    joined: localDateTimeOf(chat.createdAt, deps.config.businessTz),
  });
  const list = async (ctx: BotContext, business: Business): Promise<OutgoingMessage> =>
    renderMembers((await listBusinessChats(deps.db, business.id)).map(view), ctx.access.t, shopName(business, ctx.access.t));

  composer.command('members', async (ctx) => {
    const owner = await requireOwner(ctx, deps.logger);
    if (!owner) return;
    await sendReply(ctx, await list(ctx, owner.business), deps.logger);
  });

  composer.callbackQuery(new RegExp(`^${MEMBERS_PREFIX}`), async (ctx) => {
    const { t, business, isOwner } = ctx.access;
    if (!business || !isOwner) return ctx.answerCallbackQuery({ text: t.common.ownerOnly, show_alert: true });
    const action = parseMembersCallback(ctx.callbackQuery.data);
    if (!action) return ctx.answerCallbackQuery();

    let message: OutgoingMessage;
    if (action.action === 'list') {
      await ctx.answerCallbackQuery();
      message = await list(ctx, business);
    } else {
      const target = await findChat(deps.db, action.chatId);
      const removable = target && target.businessId === business.id && target.role === 'member' ? target : undefined;
      if (!removable) {
        await ctx.answerCallbackQuery({ text: t.members.gone, show_alert: true });
        message = await list(ctx, business);
      } else if (action.action === 'ask') {
        await ctx.answerCallbackQuery();
        message = renderRemoveConfirm(view(removable), t);
      } else {
        const removed = await removeChat(deps.db, business.id, removable.chatId);
        if (removed) deps.logger.info({ businessId: business.id, chatId: removed.chatId, chatType: removed.type }, 'chat removed by the owner');
        // A removed private chat loses the members' menu (back to a stranger's).
        if (removed?.type === 'private') await resetChatMenu(ctx.api, removed.chatId, deps.logger);
        await ctx.answerCallbackQuery({ text: removed ? t.members.removed(memberName(view(removed), t)) : t.members.gone });
        message = await list(ctx, business);
      }
    }

    try {
      await ctx.editMessageText(message.text, {
        parse_mode: message.parseMode,
        ...(message.replyMarkup ? { reply_markup: message.replyMarkup } : {}),
        link_preview_options: { is_disabled: true },
      });
    } catch (err) {
      if (notModified(err)) return;
      deps.logger.warn({ err }, 'could not redraw the members list; sending it anew');
      await sendReply(ctx, message, deps.logger);
    }
  });

  return composer;
}
