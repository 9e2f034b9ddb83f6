import { Composer } from 'grammy';
import { computePeriodFigures } from '../../features/reports/figures.js';
import { businessDateOf } from '../../platform/time/business-time.js';
import { renderToday } from '../../features/reports/messages/today.js';
import { shopName } from '../../features/shops/shop-name.js';
import type { BotContext, BotDeps } from '../context.js';
import { requireMember } from '../middleware/guards.js';
import { sendReply } from '../reply.js';

/** /today: the business day's totals so far, per cash desk with its drawer. */
export function todayCommand(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('today', async (ctx) => {
    const member = await requireMember(ctx, deps.logger);
    if (!member) return;
    const today = businessDateOf(deps.now?.() ?? new Date(), deps.config.businessTz, deps.config.businessDayStart);
    const figures = await computePeriodFigures(deps.db, { businessId: member.business.id, from: today, to: today });
    await sendReply(ctx, renderToday(figures, ctx.access.t, shopName(member.business, ctx.access.t)), deps.logger);
  });
  return composer;
}
