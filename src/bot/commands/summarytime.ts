import { Composer } from 'grammy';
import { parseSummaryTimeArgs } from '../../features/chat-settings/arguments.js';
import { setSummaryTime } from '../../features/reports/summary-time.js';
import { renderUsage } from '../help-message.js';
import type { BotContext, BotDeps } from '../context.js';
import { requireSettingsRight } from '../middleware/guards.js';
import { sendReply } from '../reply.js';
import { replyWithSettings } from '../settings-menu.js';

/**
 * /summarytime HH:MM|default: this chat's daily Z summary at its own time (BUSINESS_TZ); before
 * noon it is the previous day's, and never a business day that has not begun (BUSINESS_DAY_START:
 * summaryDateOn). Starts with the next occurrence.
 */
export function summarytimeCommand(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('summarytime', async (ctx) => {
    const member = await requireSettingsRight(ctx, deps.logger);
    if (!member) return;
    if (ctx.match.trim()) {
      const minutes = parseSummaryTimeArgs(ctx.match);
      if (minutes === undefined) return sendReply(ctx, renderUsage('summarytime', ctx.access.t), deps.logger);
      await setSummaryTime(deps.db, {
        chatId: member.chat.chatId,
        businessId: member.business.id,
        minutes,
        now: deps.now?.() ?? new Date(),
        tz: deps.config.businessTz,
        dayStart: deps.config.businessDayStart,
      });
    }
    await replyWithSettings(deps, ctx, member.chat.chatId);
  });
  return composer;
}
