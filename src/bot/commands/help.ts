import { Composer } from 'grammy';
import { renderHelp } from '../../messages/help.js';
import type { BotContext, BotDeps } from '../context.js';
import { sendReply } from '../reply.js';

/** /help (anyone): what the bot does and its commands. */
export function helpCommand(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('help', (ctx) => sendReply(ctx, renderHelp(ctx.access.t), deps.logger));
  return composer;
}
