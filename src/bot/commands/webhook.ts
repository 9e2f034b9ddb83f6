import { Composer } from 'grammy';
import { webhookUrl } from '../../features/shops/businesses.js';
import { renderWebhookUrl } from '../../features/shops/messages/onboarding.js';
import type { BotContext, BotDeps } from '../context.js';
import { requireOwner } from '../middleware/guards.js';
import { sendReply } from '../reply.js';

/** /webhook (owner): the CashDesk webhook URL again. */
export function webhookCommand(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('webhook', async (ctx) => {
    const owner = await requireOwner(ctx, deps.logger);
    if (!owner) return;
    await sendReply(ctx, renderWebhookUrl(webhookUrl(deps.config.publicUrl, owner.business.webhookToken), ctx.access.t), deps.logger);
  });
  return composer;
}
