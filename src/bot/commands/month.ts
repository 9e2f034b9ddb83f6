import { Composer } from 'grammy';
import { businessDateOf } from '../../platform/time/business-time.js';
import { monthToDate } from '../../features/reports/periods.js';
import type { BotContext, BotDeps } from '../context.js';
import { requireMember } from '../middleware/guards.js';
import { replyWithPeriodReport } from '../period-reply.js';

/** /month: this month from the 1st up to today, against the same days of the month before. */
export function monthCommand(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('month', async (ctx) => {
    const member = await requireMember(ctx, deps.logger);
    if (!member) return;
    const today = businessDateOf(deps.now?.() ?? new Date(), deps.config.businessTz, deps.config.businessDayStart);
    await replyWithPeriodReport(ctx, deps, member, 'month', monthToDate(today));
  });
  return composer;
}
