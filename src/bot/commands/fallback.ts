import { Composer } from 'grammy';
import { plainMessage } from '../../platform/telegram/html.js';
import type { BotContext, BotDeps } from '../context.js';
import { sendReply } from '../reply.js';

/**
 * Anything else written to the bot in a private chat gets a pointer to /help; in groups the bot
 * keeps quiet (other bots' commands are not ours to answer).
 */
export function fallbackCommand(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType('private').on('message', (ctx) => sendReply(ctx, plainMessage(ctx.access.t.common.unknownCommand), deps.logger));
  return composer;
}
