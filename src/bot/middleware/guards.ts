import type { Logger } from '../../observability/logger.js';
import type { Business } from '../../access/businesses.js';
import type { Chat } from '../../access/chats.js';
import { plainMessage } from '../../telegram/render/html.js';
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
