import { Composer } from 'grammy';
import { listThresholds, setThreshold, type ThresholdKind } from '../../features/watchdog/thresholds.js';
import { renderDeskNotFound, renderThresholds, renderThresholdSet } from '../../features/watchdog/messages/thresholds.js';
import { renderUsage } from '../help-message.js';
import type { BotContext, BotDeps } from '../context.js';
import { requireOwner } from '../middleware/guards.js';
import { sendReply } from '../reply.js';
import { parseThresholdArgs } from '../arguments.js';

/**
 * The shape /lowcash and /highcash share: alone, shows the thresholds; `<amount>` sets it for all
 * cash desks; `<num_fiscal> <amount>` for one; 0 turns it off.
 */
export function cashThresholdCommand(deps: BotDeps, command: 'lowcash' | 'highcash', kind: ThresholdKind): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command(command, async (ctx) => {
    const owner = await requireOwner(ctx, deps.logger);
    if (!owner) return;
    const { t } = ctx.access;
    const businessId = owner.business.id;
    if (!ctx.match.trim()) {
      const thresholds = await listThresholds(deps.db, businessId, kind);
      return sendReply(ctx, renderThresholds(thresholds, t, t.commands[command].usage), deps.logger);
    }
    const args = parseThresholdArgs(ctx.match);
    if (!args) return sendReply(ctx, renderUsage(command, t), deps.logger);
    const result = await setThreshold(deps.db, { businessId, kind, numFiscal: args.numFiscal, kop: args.kop });
    if (result === 'desk_not_found') {
      const { desks } = await listThresholds(deps.db, businessId, kind);
      return sendReply(ctx, renderDeskNotFound(args.numFiscal!, desks.map((d) => d.numFiscal), t), deps.logger);
    }
    deps.logger.info({ businessId, kind, kop: args.kop, desk: args.numFiscal ?? 'all' }, 'cash threshold set');
    // ... with the cash desks already past it, so the owner is not left waiting for the next crossing.
    const now = await listThresholds(deps.db, businessId, kind);
    return sendReply(ctx, renderThresholdSet(kind, args.numFiscal, args.kop, t, now), deps.logger);
  });
  return composer;
}
