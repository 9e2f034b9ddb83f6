import { Composer } from 'grammy';
import { checksPast, setWatchdogThreshold, watchdogThresholds, type WatchdogThreshold } from '../../features/watchdog/watchdog-store.js';
import { businessDateOf } from '../../platform/time/business-time.js';
import { renderUsage } from '../help-message.js';
import { renderWatchdogThreshold } from '../../features/watchdog/messages/watchdog-thresholds.js';
import type { BotContext, BotDeps } from '../context.js';
import { requireOwner } from '../middleware/guards.js';
import { sendReply } from '../reply.js';
import { plainMessage } from '../../platform/telegram/html.js';
import { parseWatchdogArgs } from '../arguments.js';

const COMMANDS = [
  { command: 'returnalert', which: 'returnKop', unit: 'amount' },
  { command: 'discountalert', which: 'discountPct', unit: 'percent' },
  { command: 'withdrawalert', which: 'withdrawKop', unit: 'amount' },
] as const satisfies ReadonlyArray<{ command: string; which: WatchdogThreshold; unit: 'amount' | 'percent' }>;

/**
 * /returnalert, /discountalert, /withdrawalert (owner): alone, the threshold in force and today's
 * checks past it; with a value (or `off`), sets it for the business and answers the same way,
 * so the owner sees at once what the new threshold would have caught today.
 */
export function watchdogThresholdCommands(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  for (const { command, which, unit } of COMMANDS) {
    composer.command(command, async (ctx) => {
      const owner = await requireOwner(ctx, deps.logger);
      if (!owner) return;
      const { t } = ctx.access;
      const businessId = owner.business.id;
      let changed = false;
      if (ctx.match.trim()) {
        const args = parseWatchdogArgs(ctx.match, unit);
        if (!args) return sendReply(ctx, renderUsage(command, t), deps.logger);
        if ('error' in args) return sendReply(ctx, plainMessage(t.argErrors[args.error], t.common.usage(t.commands[command].usage)), deps.logger);
        await setWatchdogThreshold(deps.db, businessId, which, args.value);
        deps.logger.info({ businessId, which, value: args.value }, 'watchdog threshold set');
        changed = true;
      }
      const value = (await watchdogThresholds(deps.db, businessId))[which];
      const today = businessDateOf(deps.now?.() ?? new Date(), deps.config.businessTz, deps.config.businessDayStart);
      const past = value === null ? [] : await checksPast(deps.db, { businessId, businessDate: today, which, value });
      return sendReply(ctx, renderWatchdogThreshold({ which, value, past, changed, usage: t.commands[command].usage }, t, deps.config.businessTz), deps.logger);
    });
  }
  return composer;
}
