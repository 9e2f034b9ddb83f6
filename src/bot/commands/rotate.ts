import { Composer } from 'grammy';
import { rotateWebhookToken, webhookUrl } from '../../features/shops/businesses.js';
import { renderRotated } from '../../features/shops/messages/onboarding.js';
import type { BotContext, BotDeps } from '../context.js';
import { requireOwner } from '../middleware/guards.js';
import { sendReply } from '../reply.js';

/** /rotate (owner): a new webhook token; the old URL answers 404 from now on. */
export function rotateCommand(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('rotate', async (ctx) => {
    const owner = await requireOwner(ctx, deps.logger);
    if (!owner) return;
    const business = await rotateWebhookToken(deps.db, owner.business.id);
    deps.logger.info({ businessId: business.id }, 'webhook token rotated');
    await sendReply(ctx, renderRotated(webhookUrl(deps.config.publicUrl, business.webhookToken), ctx.access.t), deps.logger);
  });
  return composer;
}
