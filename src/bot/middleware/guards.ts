import type { Logger } from '../../platform/observability/logger.js';
import type { Business } from '../../features/shops/businesses.js';
import type { Chat } from '../../features/shops/chats.js';
import { plainMessage } from '../../platform/telegram/html.js';
import type { BotContext } from '../context.js';
import { sendReply } from '../reply.js';

export interface Member {
  chat: Chat;
  business: Business;
}

/** The chat's business, or a "not connected" answer and undefined. */
export async function requireMember(ctx: BotContext, logger: Logger): Promise<Member | undefined> {
  const { chat, business, t } = ctx.access;
  if (chat && business) return { chat, business };
  await sendReply(ctx, plainMessage(t.common.notConnected), logger);
  return undefined;
}

/** The business when the owner writes in the owner's own chat, or an "owner only" answer. */
export async function requireOwner(ctx: BotContext, logger: Logger): Promise<Member | undefined> {
  const member = await requireMember(ctx, logger);
  if (!member) return undefined;
  if (ctx.access.isOwner) return member;
  await sendReply(ctx, plainMessage(ctx.access.t.common.ownerOnly), logger);
  return undefined;
}

/**
 * May the sender change this chat's settings (or ask for an export here)? In a private chat, its
 * person. In a group, its administrators (the creator too; an anonymous admin writes as the
 * group itself) and the shop's owner.
 */
export async function canChangeChatSettings(ctx: BotContext, member: Member): Promise<boolean> {
  const chat = ctx.chat;
  if (!chat || chat.type === 'private') return true;
  if (ctx.senderChat?.id === chat.id) return true;
  const from = ctx.from;
  if (!from) return false;
  if (from.id === member.business.ownerUserId) return true;
  const status = (await ctx.getChatMember(from.id)).status;
  return status === 'creator' || status === 'administrator';
}

/**
 * The chat's business when the sender may change the chat's settings (see canChangeChatSettings),
 * or the answer why not (an alert for a button) and undefined.
 */
export async function requireSettingsRight(ctx: BotContext, logger: Logger): Promise<Member | undefined> {
  const { chat, business, t } = ctx.access;
  if (!chat || !business) {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: t.common.notConnected, show_alert: true });
    else await sendReply(ctx, plainMessage(t.common.notConnected), logger);
    return undefined;
  }
  const member = { chat, business };
  if (await canChangeChatSettings(ctx, member)) return member;
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: t.admins.only, show_alert: true });
  else await sendReply(ctx, plainMessage(t.admins.only), logger);
  return undefined;
}
