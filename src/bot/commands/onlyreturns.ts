import { Composer } from 'grammy';
import { parseOnOffArgs } from '../../features/chat-settings/arguments.js';
import { updateChatSettings } from '../../features/chat-settings/store.js';
import { renderUsage } from '../help-message.js';
import type { BotContext, BotDeps } from '../context.js';
import { requireSettingsRight } from '../middleware/guards.js';
import { sendReply } from '../reply.js';
import { replyWithSettings } from '../settings-menu.js';

/** /onlyreturns on|off: this chat hears of returns only. */
export function onlyreturnsCommand(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('onlyreturns', async (ctx) => {
    const member = await requireSettingsRight(ctx, deps.logger);
    if (!member) return;
    if (ctx.match.trim()) {
      const on = parseOnOffArgs(ctx.match);
      if (on === undefined) return sendReply(ctx, renderUsage('onlyreturns', ctx.access.t), deps.logger);
      await updateChatSettings(deps.db, member.chat.chatId, { onlyReturns: on });
    }
    await replyWithSettings(deps, ctx, member.chat.chatId);
  });
  return composer;
}
