import { Composer } from 'grammy';
import { DEFAULT_EXPORT_ROW_LIMIT } from '../../export/checks-csv.js';
import { MAX_PERIOD_DAYS, monthToDate, periodDays } from '../../reports/periods.js';
import { businessDateOf } from '../../time/business-time.js';
import { plainMessage } from '../../messages/html.js';
import { loadChecksCsv } from '../../jobs/checks-export.js';
import { queueXlsxExport } from '../../export/xlsx-export.js';
import { renderXlsxPlanned } from '../../messages/checks-export.js';
import { renderUsage } from '../../messages/help.js';
import type { BotContext, BotDeps } from '../context.js';
import { parsePeriodArgs } from '../arguments.js';
import { requireMember } from '../middleware/guards.js';
import { sendReply } from '../reply.js';

/**
 * /export [<from> <to>] [xlsx]: the period's checks and items as a CSV document, this month
 * without dates. With `xlsx`, a workbook (or several, one per part under Telegram's 50 MB),
 * written at send time through the outbox: the answer says how many files follow.
 */
export function exportCommand(deps: BotDeps, options: { rowLimit?: number; xlsxMaxBytes?: number } = {}): Composer<BotContext> {
  const rowLimit = options.rowLimit ?? DEFAULT_EXPORT_ROW_LIMIT;
  const composer = new Composer<BotContext>();
  composer.command('export', async (ctx) => {
    const member = await requireMember(ctx, deps.logger);
    if (!member) return;
    const t = ctx.access.t;
    // `/export [<from> <to>] [xlsx]`: a workbook instead of the CSV.
    const xlsx = /(^|\s)xlsx$/i.test(ctx.match.trim());
    const args = ctx.match.trim().replace(/(^|\s)xlsx$/i, '').trim();
    const period = args === '' ? monthToDate(businessDateOf(deps.now?.() ?? new Date(), deps.config.businessTz, deps.config.businessDayStart)) : parsePeriodArgs(args);
    if (!period) {
      await sendReply(ctx, renderUsage('export', t), deps.logger);
      return;
    }
    if (periodDays(period) > MAX_PERIOD_DAYS) {
      await sendReply(ctx, plainMessage(t.reports.tooLong(MAX_PERIOD_DAYS)), deps.logger);
      return;
    }
    if (xlsx) {
      const files = await queueXlsxExport(
        deps.db,
        { businessId: member.business.id, ...period, chatId: ctx.chat.id, lang: ctx.access.lang },
        options.xlsxMaxBytes !== undefined ? { maxBytes: options.xlsxMaxBytes } : {},
      );
      if (files > 0) deps.onOutboxWritten?.();
      await sendReply(ctx, renderXlsxPlanned(files, period, t), deps.logger);
      return;
    }
    await ctx.replyWithChatAction('upload_document').catch(() => undefined);
    const message = await loadChecksCsv(deps.db, { businessId: member.business.id, ...period, rowLimit }, t, deps.config.businessTz);
    await sendReply(ctx, message, deps.logger);
  });
  return composer;
}
