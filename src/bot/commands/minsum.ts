import { Composer } from 'grammy';
import { parseMinSumArgs } from '../../features/chat-settings/arguments.js';
import { updateChatSettings } from '../../features/chat-settings/store.js';
import { renderUsage } from '../help-message.js';
import type { BotContext, BotDeps } from '../context.js';
import { requireSettingsRight } from '../middleware/guards.js';
import { sendReply } from '../reply.js';
import { replyWithSettings } from '../settings-menu.js';

/** /minsum <amount>|off: checks below the amount are not announced in this chat. */
export function minsumCommand(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('minsum', async (ctx) => {
    const member = await requireSettingsRight(ctx, deps.logger);
    if (!member) return;
    if (ctx.match.trim()) {
      const kop = parseMinSumArgs(ctx.match);
      if (kop === undefined) return sendReply(ctx, renderUsage('minsum', ctx.access.t), deps.logger);
      await updateChatSettings(deps.db, member.chat.chatId, { minSaleKop: kop });
    }
    await replyWithSettings(deps, ctx, member.chat.chatId);
  });
  return composer;
}
