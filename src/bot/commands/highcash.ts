import type { Composer } from 'grammy';
import type { BotContext, BotDeps } from '../context.js';
import { cashThresholdCommand } from './cash-threshold.js';

/** /highcash [<num_fiscal>] <amount> (owner): alert when a drawer holds more, time to collect. */
export function highcashCommand(deps: BotDeps): Composer<BotContext> {
  return cashThresholdCommand(deps, 'highcash', 'high');
}
