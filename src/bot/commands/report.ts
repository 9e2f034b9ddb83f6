import { Composer } from 'grammy';
import { renderUsage } from '../../messages/help.js';
import type { BotContext, BotDeps } from '../context.js';
import { parsePeriodArgs } from '../arguments.js';
import { requireMember } from '../middleware/guards.js';
import { replyWithPeriodReport } from '../period-reply.js';
import { sendReply } from '../reply.js';

/** /report <from> <to>: any period up to MAX_PERIOD_DAYS, against as many days just before. */
export function reportCommand(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('report', async (ctx) => {
    const member = await requireMember(ctx, deps.logger);
    if (!member) return;
    const period = parsePeriodArgs(ctx.match);
    if (!period) {
      await sendReply(ctx, renderUsage('report', ctx.access.t), deps.logger);
      return;
    }
    await replyWithPeriodReport(ctx, deps, member, 'span', period);
  });
  return composer;
}
