import { Composer } from 'grammy';
import { createInvite } from '../../features/shops/invites.js';
import { localDateTimeOf } from '../../platform/time/business-time.js';
import { renderInvite } from '../../features/shops/messages/onboarding.js';
import { shopName } from '../../features/shops/shop-name.js';
import type { BotContext, BotDeps } from '../context.js';
import { requireOwner } from '../middleware/guards.js';
import { sendReply } from '../reply.js';

/** /invite (owner): a one-time link for a person, one that adds the bot to a group, and the command for a group, valid 7 days. */
export function inviteCommand(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('invite', async (ctx) => {
    const owner = await requireOwner(ctx, deps.logger);
    if (!owner) return;
    const invite = await createInvite(deps.db, { businessId: owner.business.id, createdBy: ctx.from!.id, now: deps.now?.() });
    deps.logger.info({ businessId: owner.business.id }, 'invite created');
    const expires = localDateTimeOf(invite.expiresAt, deps.config.businessTz);
    await sendReply(ctx, renderInvite({ botUsername: ctx.me.username, code: invite.code, expires, shop: shopName(owner.business, ctx.access.t) }, ctx.access.t), deps.logger);
  });
  return composer;
}
