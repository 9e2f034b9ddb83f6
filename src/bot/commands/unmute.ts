import { Composer } from 'grammy';
import { setChatMuted } from '../../features/shops/chats.js';
import { plainMessage } from '../../platform/telegram/html.js';
import type { BotContext, BotDeps } from '../context.js';
import { requireSettingsRight } from '../middleware/guards.js';
import { sendReply } from '../reply.js';

/** /unmute: sale alerts again in this chat. */
export function unmuteCommand(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('unmute', async (ctx) => {
    const member = await requireSettingsRight(ctx, deps.logger);
    if (!member) return;
    await setChatMuted(deps.db, member.chat.chatId, false);
    await sendReply(ctx, plainMessage(ctx.access.t.mute.unmuted), deps.logger);
  });
  return composer;
}
