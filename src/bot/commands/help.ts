import { Composer } from 'grammy';
import { renderHelp, type CommandAudience } from '../help-message.js';
import type { BotContext, BotDeps } from '../context.js';
import { sendReply } from '../reply.js';

/**
 * Who asks /help here: the owner in the owner's chat, a member's private chat, a group's
 * administrators (the creator, an anonymous admin writing as the group, and the shop's owner)
 * or its other members, or a chat linked to no shop.
 */
async function audienceOf(ctx: BotContext): Promise<CommandAudience> {
  const { chat, business, isOwner } = ctx.access;
  if (!chat || !business) return 'stranger';
  if (ctx.chat?.type === 'private') return isOwner ? 'owner' : 'member';
  if (ctx.senderChat?.id === ctx.chat?.id) return 'groupAdmin';
  const from = ctx.from;
  if (!from) return 'group';
  if (from.id === business.ownerUserId) return 'groupAdmin';
  const status = (await ctx.getChatMember(from.id)).status;
  return status === 'creator' || status === 'administrator' ? 'groupAdmin' : 'group';
}

/** /help (anyone): what the bot does and the commands this person may use here. */
export function helpCommand(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('help', async (ctx) => sendReply(ctx, renderHelp(ctx.access.t, await audienceOf(ctx)), deps.logger));
  return composer;
}
