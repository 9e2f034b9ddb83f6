import { Composer } from 'grammy';
import type { BotContext, BotDeps } from '../context.js';
import { parsePeriod } from '../arguments.js';
import { requireMember } from '../middleware/guards.js';
import { periodUsage, replyWithPeriodReport } from '../period-reply.js';
import { sendReply } from '../reply.js';

/** /report <from> <to>: any period up to MAX_PERIOD_DAYS, against as many days just before. */
export function reportCommand(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('report', async (ctx) => {
    const member = await requireMember(ctx, deps.logger);
    if (!member) return;
    const period = parsePeriod(ctx.match);
    if (!period.ok) {
      await sendReply(ctx, periodUsage('report', period.error, ctx.access.t), deps.logger);
      return;
    }
    await replyWithPeriodReport(ctx, deps, member, 'span', { from: period.from, to: period.to });
  });
  return composer;
}
