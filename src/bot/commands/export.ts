import { Composer } from 'grammy';
import { checksCsv, DEFAULT_EXPORT_ROW_LIMIT, loadExportRows } from '../../export/checks-csv.js';
import { MAX_PERIOD_DAYS, monthToDate, periodDays } from '../../reports/periods.js';
import { businessDateOf } from '../../time/business-time.js';
import { displayDate } from '../../telegram/render/today.js';
import { escapeHtml, outgoing, plainMessage } from '../../telegram/render/html.js';
import { renderUsage } from '../../telegram/render/help.js';
import type { BotContext, BotDeps } from '../context.js';
import { parsePeriodArgs } from '../arguments.js';
import { requireMember } from '../middleware/guards.js';
import { sendReply } from '../reply.js';

/** /export [<from> <to>]: the period's checks and items as a CSV document; this month without dates. */
export function exportCommand(deps: BotDeps, options: { rowLimit?: number } = {}): Composer<BotContext> {
  const rowLimit = options.rowLimit ?? DEFAULT_EXPORT_ROW_LIMIT;
  const composer = new Composer<BotContext>();
  composer.command('export', async (ctx) => {
    const member = await requireMember(ctx, deps.logger);
    if (!member) return;
    const t = ctx.access.t;
    const args = ctx.match.trim();
    const period = args === '' ? monthToDate(businessDateOf(deps.now?.() ?? new Date(), deps.config.businessTz, deps.config.businessDayStart)) : parsePeriodArgs(args);
    if (!period) {
      await sendReply(ctx, renderUsage('export', t), deps.logger);
      return;
    }
    if (periodDays(period) > MAX_PERIOD_DAYS) {
      await sendReply(ctx, plainMessage(t.reports.tooLong(MAX_PERIOD_DAYS)), deps.logger);
      return;
    }
    const [from, to] = [displayDate(period.from), displayDate(period.to)];
    const rows = await loadExportRows(deps.db, { businessId: member.business.id, ...period, limit: rowLimit });
    if (rows.length === 0) {
      await sendReply(ctx, plainMessage(t.exports.nothing(from, to)), deps.logger);
      return;
    }
    if (rows.length > rowLimit) {
      await sendReply(ctx, plainMessage(t.exports.tooMany(rowLimit)), deps.logger);
      return;
    }
    await ctx.replyWithChatAction('upload_document').catch(() => undefined);
    const checks = new Set(rows.map((r) => r.uuid)).size;
    const bytes = checksCsv(rows, t, deps.config.businessTz);
    const message = outgoing(escapeHtml(t.exports.caption(from, to, checks)), {
      document: { bytes, filename: `checks-${period.from}-${period.to}.csv` },
    });
    await sendReply(ctx, message, deps.logger);
  });
  return composer;
}
