import { Composer } from 'grammy';
import { setChatLang } from '../../features/shops/chats.js';
import { catalogue } from '../../platform/i18n/lang.js';
import { plainMessage } from '../../platform/telegram/html.js';
import { renderLanguageChoice, renderUsage } from '../help-message.js';
import type { BotContext, BotDeps } from '../context.js';
import { requireMember, requireSettingsRight } from '../middleware/guards.js';
import { sendReply } from '../reply.js';
import { parseLangArgs } from '../arguments.js';

/** /lang: shows the language with a button per language; /lang uk|en sets it for this chat. */
export function langCommand(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('lang', async (ctx) => {
    const { t } = ctx.access;
    // The language is a linked chat's setting: a chat of no shop has none to show or change.
    if (!(await requireMember(ctx, deps.logger))) return;
    if (!ctx.match.trim()) return sendReply(ctx, renderLanguageChoice(t), deps.logger);
    const lang = parseLangArgs(ctx.match);
    if (!lang) return sendReply(ctx, renderUsage('lang', t), deps.logger);
    const member = await requireSettingsRight(ctx, deps.logger);
    if (!member) return;
    await setChatLang(deps.db, member.chat.chatId, lang);
    return sendReply(ctx, plainMessage(catalogue(lang).language.changed), deps.logger);
  });
  return composer;
}
