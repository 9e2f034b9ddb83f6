import { Composer } from 'grammy';
import { setChatMuted } from '../../features/shops/chats.js';
import { plainMessage } from '../../platform/telegram/html.js';
import type { BotContext, BotDeps } from '../context.js';
import { requireSettingsRight } from '../middleware/guards.js';
import { sendReply } from '../reply.js';

/** /mute: no more sale alerts in this chat (summaries and cash alerts go on). */
export function muteCommand(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('mute', async (ctx) => {
    const member = await requireSettingsRight(ctx, deps.logger);
    if (!member) return;
    await setChatMuted(deps.db, member.chat.chatId, true);
    await sendReply(ctx, plainMessage(ctx.access.t.mute.muted), deps.logger);
  });
  return composer;
}
