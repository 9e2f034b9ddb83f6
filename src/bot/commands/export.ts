import { Composer } from 'grammy';
import { MAX_PERIOD_DAYS, monthToDate, periodDays } from '../../features/reports/periods.js';
import { businessDateOf } from '../../platform/time/business-time.js';
import { plainMessage } from '../../platform/telegram/html.js';
import { requestExport, EXPORTS_PER_DAY } from '../../features/exports/export-requests.js';
import type { ExportFormat } from '../../features/exports/export-parts.js';
import { renderExportRequested } from '../../features/exports/messages/checks-export.js';
import { renderUsage } from '../help-message.js';
import type { BotContext, BotDeps } from '../context.js';
import { parsePeriodArgs } from '../arguments.js';
import { canChangeChatSettings, requireMember } from '../middleware/guards.js';
import { sendReply } from '../reply.js';

/** `/export [<from> <to>] [csv|xlsx]`: the format word last, alone or after the dates. */
const FORMAT_WORD = /(?:^|\s)(csv|xlsx)$/i;

/**
 * /export [<from> <to>] [csv|xlsx]: the period's checks and items as a CSV document (the
 * default) or an Excel workbook, this month without dates; in a group, for the shop's owner and
 * the group's administrators only. Either way the file is written at send time through the
 * outbox (one job per part under Telegram's 50 MB), so the answer says how many files follow;
 * each person has one export waiting at most and EXPORTS_PER_DAY a day (export-requests.ts).
 */
export function exportCommand(deps: BotDeps, options: { maxBytes?: number; perDay?: number } = {}): Composer<BotContext> {
  const perDay = options.perDay ?? EXPORTS_PER_DAY;
  const composer = new Composer<BotContext>();
  composer.command('export', async (ctx) => {
    const member = await requireMember(ctx, deps.logger);
    if (!member) return;
    const t = ctx.access.t;
    const requestedBy = ctx.from?.id;
    if (requestedBy === undefined || !(await canChangeChatSettings(ctx, member))) {
      await sendReply(ctx, plainMessage(t.exports.adminsOnly), deps.logger);
      return;
    }
    const match = FORMAT_WORD.exec(ctx.match.trim());
    const format: ExportFormat = match?.[1]?.toLowerCase() === 'xlsx' ? 'xlsx' : 'csv';
    const args = ctx.match.trim().replace(FORMAT_WORD, '').trim();
    const period = args === '' ? monthToDate(businessDateOf(deps.now?.() ?? new Date(), deps.config.businessTz, deps.config.businessDayStart)) : parsePeriodArgs(args);
    if (!period) {
      await sendReply(ctx, renderUsage('export', t), deps.logger);
      return;
    }
    if (periodDays(period) > MAX_PERIOD_DAYS) {
      await sendReply(ctx, plainMessage(t.reports.tooLong(MAX_PERIOD_DAYS)), deps.logger);
      return;
    }
    const result = await requestExport(
      deps.db,
      { businessId: member.business.id, ...period, chatId: ctx.chat.id, lang: ctx.access.lang, format, requestedBy },
      { perDay, ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}) },
    );
    if ('queued' in result && result.queued > 0) deps.onOutboxWritten?.();
    await sendReply(ctx, renderExportRequested(result, { ...period, format, perDay }, t), deps.logger);
  });
  return composer;
}
