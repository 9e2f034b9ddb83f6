import { Composer } from 'grammy';
import { parseQuietArgs } from '../../features/chat-settings/arguments.js';
import { updateChatSettings } from '../../features/chat-settings/store.js';
import { renderUsage } from '../help-message.js';
import type { BotContext, BotDeps } from '../context.js';
import { requireSettingsRight } from '../middleware/guards.js';
import { sendReply } from '../reply.js';
import { replyWithSettings } from '../settings-menu.js';

/** /quiet HH:MM-HH:MM|off: in these hours (BUSINESS_TZ) messages to this chat arrive silently. */
export function quietCommand(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('quiet', async (ctx) => {
    const member = await requireSettingsRight(ctx, deps.logger);
    if (!member) return;
    if (ctx.match.trim()) {
      const quiet = parseQuietArgs(ctx.match);
      if (quiet === undefined) return sendReply(ctx, renderUsage('quiet', ctx.access.t), deps.logger);
      await updateChatSettings(deps.db, member.chat.chatId, { quiet });
    }
    await replyWithSettings(deps, ctx, member.chat.chatId);
  });
  return composer;
}
