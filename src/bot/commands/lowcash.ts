import type { Composer } from 'grammy';
import type { BotContext, BotDeps } from '../context.js';
import { cashThresholdCommand } from './cash-threshold.js';

/** /lowcash [<num_fiscal>] <amount> (owner): alert when a drawer goes below. */
export function lowcashCommand(deps: BotDeps): Composer<BotContext> {
  return cashThresholdCommand(deps, 'lowcash', 'low');
}
