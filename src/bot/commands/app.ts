import { Composer } from 'grammy';
import { findChat } from '../../features/shops/chats.js';
import { catalogue, pickLang } from '../../platform/i18n/lang.js';
import { escapeHtml, outgoing, plainMessage } from '../../platform/telegram/html.js';
import type { BotContext, BotDeps } from '../context.js';
import { requireMember } from '../middleware/guards.js';
import { sendReply } from '../reply.js';
import { miniAppUrl, setMiniAppMenuButton } from '../mini-app-menu.js';

/**
 * /app (members): the Mini App dashboard. In a private chat an inline web_app button (and the
 * chat's menu button set again); in a group, where web_app buttons do not work, a URL button to
 * the bot's private chat. With a PUBLIC_URL that is not https, a message saying so and no button.
 *
 * Also: when /start links a private chat (registration or invite), its menu button becomes the
 * Mini App's.
 */
export function appCommand(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const url = miniAppUrl(deps.config.publicUrl);

  // After /start in a private chat: if that linked the chat, give it the menu button.
  composer.on('message:text', async (ctx, next) => {
    await next();
    if (!url || ctx.chat.type !== 'private' || !/^\/start(@\w+)?(\s|$)/.test(ctx.message.text)) return;
    const chat = await findChat(deps.db, ctx.chat.id);
    if (!chat?.active) return;
    const t = catalogue(pickLang(chat.lang, ctx.from?.language_code));
    void setMiniAppMenuButton(ctx.api, ctx.chat.id, url, t, deps.logger);
  });

  composer.command('app', async (ctx) => {
    const member = await requireMember(ctx, deps.logger);
    if (!member) return;
    const { t } = ctx.access;
    if (!url) return sendReply(ctx, plainMessage(t.miniApp.needsHttps(deps.config.publicUrl)), deps.logger);
    if (ctx.chat.type === 'private') {
      void setMiniAppMenuButton(ctx.api, ctx.chat.id, url, t, deps.logger);
      return sendReply(
        ctx,
        outgoing(escapeHtml(t.miniApp.open), { replyMarkup: { inline_keyboard: [[{ text: t.miniApp.button, web_app: { url } }]] } }),
        deps.logger,
      );
    }
    return sendReply(
      ctx,
      outgoing(escapeHtml(t.miniApp.openInPrivate), {
        replyMarkup: { inline_keyboard: [[{ text: t.miniApp.privateButton, url: `https://t.me/${ctx.me.username}` }]] },
      }),
      deps.logger,
    );
  });
  return composer;
}
