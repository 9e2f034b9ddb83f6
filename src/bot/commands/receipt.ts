import { Composer } from 'grammy';
import { findCheckIdByUuid, loadCheckPdf, loadCheckViews } from '../../features/sales/load-check-views.js';
import { renderReceipt, renderReceiptNotFound } from '../../features/sales/messages/receipt.js';
import { renderUsage } from '../help-message.js';
import type { BotContext, BotDeps } from '../context.js';
import { requireMember } from '../middleware/guards.js';
import { sendReply } from '../reply.js';
import { parseReceiptArgs } from '../arguments.js';

/**
 * /receipt <uuid>: the check's PDF exactly as CashDesk sent it, or its link. A uuid of another
 * business gets the same "not found" as one that does not exist.
 */
export function receiptCommand(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('receipt', async (ctx) => {
    const member = await requireMember(ctx, deps.logger);
    if (!member) return;
    const { t } = ctx.access;
    const uuid = parseReceiptArgs(ctx.match);
    if (!uuid) return sendReply(ctx, renderUsage('receipt', t), deps.logger);
    const checkId = await findCheckIdByUuid(deps.db, member.business.id, uuid);
    const [view] = checkId === undefined ? [] : await loadCheckViews(deps.db, member.business.id, [checkId]);
    if (!view) return sendReply(ctx, renderReceiptNotFound(t), deps.logger);
    const pdf = view.hasPdf ? await loadCheckPdf(deps.db, view.checkId) : null;
    return sendReply(ctx, renderReceipt(view, pdf, t, deps.config.businessTz), deps.logger);
  });
  return composer;
}
