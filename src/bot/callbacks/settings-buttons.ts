import { Composer, GrammyError } from 'grammy';
import { toggleDesk } from '../../features/chat-settings/chat-settings.js';
import { setSummaryTime } from '../../features/reports/summary-time.js';
import { updateChatSettings } from '../../features/chat-settings/store.js';
import { listCashDesks } from '../../features/shops/cash-desks.js';
import { parseSettingsCallback, sectionOf, SETTINGS_PREFIX } from '../../features/chat-settings/messages/settings-callback.js';
import type { BotContext, BotDeps } from '../context.js';
import { requireSettingsRight } from '../middleware/guards.js';
import { sendReply } from '../reply.js';
import { settingsMenu, threadOf } from '../settings-menu.js';
import { isWatchdogKind } from '../../features/watchdog/kinds.js';

const notModified = (err: unknown) => err instanceof GrammyError && /not modified/i.test(err.description);

/**
 * The /settings buttons: data parsed with zod (settings-callback.ts); a press changes the chat
 * it was pressed in (whoever may use /settings there: in a group its admins or the shop's owner), then the menu is redrawn in place,
 * on the section of that setting. The section and Back buttons move between screens and change nothing.
 */
export function settingsButtons(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.callbackQuery(new RegExp(`^${SETTINGS_PREFIX}`), async (ctx) => {
    const { t } = ctx.access;
    const action = parseSettingsCallback(ctx.callbackQuery.data);
    if (!action) return ctx.answerCallbackQuery();
    if (action.setting === 'label') return ctx.answerCallbackQuery({ text: t.settings.labelPressed });
    const allowed = await requireSettingsRight(ctx, deps.logger);
    if (!allowed) return;
    const { chat, business } = allowed;
    const chatId = chat.chatId;

    switch (action.setting) {
      case 'alerts':
        await updateChatSettings(deps.db, chatId, { muted: !action.on });
        break;
      case 'onlyReturns':
        await updateChatSettings(deps.db, chatId, { onlyReturns: action.on });
        break;
      case 'minSum':
        await updateChatSettings(deps.db, chatId, { minSaleKop: action.kop });
        break;
      case 'quiet':
        await updateChatSettings(deps.db, chatId, { quiet: action.quiet });
        break;
      case 'desk': {
        const desks = await listCashDesks(deps.db, business.id);
        if (action.deskId === 'all') {
          await updateChatSettings(deps.db, chatId, { deskFilter: null });
          break;
        }
        const desk = desks.find((d) => d.id === action.deskId);
        if (!desk) return ctx.answerCallbackQuery();
        const all = desks.map((d) => d.numFiscal);
        await updateChatSettings(deps.db, chatId, { deskFilter: toggleDesk(chat.deskFilter, all, desk.numFiscal) });
        break;
      }
      case 'summary':
        await setSummaryTime(deps.db, {
          chatId,
          businessId: business.id,
          minutes: action.minutes,
          now: deps.now?.() ?? new Date(),
          tz: deps.config.businessTz,
          dayStart: deps.config.businessDayStart,
        });
        break;
      case 'topic':
        if (chat.type !== 'group' && chat.type !== 'supergroup') return ctx.answerCallbackQuery();
        await updateChatSettings(deps.db, chatId, { messageThreadId: threadOf(ctx) });
        break;
      case 'screen':
        break;
      case 'watchdog': {
        const { kind } = action;
        if (!isWatchdogKind(kind)) return ctx.answerCallbackQuery();
        const others = chat.watchdogOff.filter((k) => k !== kind);
        await updateChatSettings(deps.db, chatId, { watchdogOff: action.on ? others : [...others, kind] });
        break;
      }
    }
    if (action.setting === 'screen') {
      await ctx.answerCallbackQuery();
    } else {
      deps.logger.info({ chatId, setting: action.setting }, 'chat setting changed');
      await ctx.answerCallbackQuery({ text: t.settings.saved });
    }

    const menu = await settingsMenu(deps, ctx, chatId, sectionOf(action));
    if (!menu) return;
    try {
      await ctx.editMessageText(menu.text, { parse_mode: menu.parseMode, reply_markup: menu.replyMarkup, link_preview_options: { is_disabled: true } });
    } catch (err) {
      if (notModified(err)) return;
      // The menu message is gone or too old to edit: a fresh one instead.
      deps.logger.warn({ err, chatId }, 'could not redraw the settings menu; sending it anew');
      await sendReply(ctx, menu, deps.logger);
    }
  });

  return composer;
}
