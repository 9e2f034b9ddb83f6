import { Composer } from 'grammy';
import { businessDateOf } from '../../platform/time/business-time.js';
import { weekToDate } from '../../features/reports/periods.js';
import type { BotContext, BotDeps } from '../context.js';
import { requireMember } from '../middleware/guards.js';
import { replyWithPeriodReport } from '../period-reply.js';

/** /week: this week from Monday up to today, against the same days of the week before. */
export function weekCommand(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('week', async (ctx) => {
    const member = await requireMember(ctx, deps.logger);
    if (!member) return;
    const today = businessDateOf(deps.now?.() ?? new Date(), deps.config.businessTz, deps.config.businessDayStart);
    await replyWithPeriodReport(ctx, deps, member, 'week', weekToDate(today));
  });
  return composer;
}
