import { Composer } from 'grammy';
import type { BotContext, BotDeps } from '../context.js';
import { requireSettingsRight } from '../middleware/guards.js';
import { replyWithSettings } from '../settings-menu.js';

/**
 * /settings (a connected chat; in a group its admins or the shop owner, as /mute): this chat's noise control as an inline menu,
 * each setting a button; settings/commands mirror it with exact values.
 */
export function settingsCommand(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('settings', async (ctx) => {
    const member = await requireSettingsRight(ctx, deps.logger);
    if (!member) return;
    await replyWithSettings(deps, ctx, member.chat.chatId);
  });
  return composer;
}
