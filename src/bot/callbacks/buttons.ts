import { Composer } from 'grammy';
import { setChatLang } from '../../features/shops/chats.js';
import { enqueueJobs } from '../../platform/outbox/enqueue.js';
import { catalogue } from '../../platform/i18n/lang.js';
import { parseCallbackData } from '../../features/sales/callback-data.js';
import { loadCheckViews } from '../../features/sales/load-check-views.js';
import { plainMessage } from '../../platform/telegram/html.js';
import type { BotContext, BotDeps } from '../context.js';
import { sendReply } from '../reply.js';
import { requireSettingsRight } from '../middleware/guards.js';
import { requestTestAlert } from '../../features/sales/test-alert.js';

/**
 * Inline buttons. Data is parsed with zod; a check id is looked up within the pressing chat's
 * business only, so forged data for another business's check gets "not found".
 * PDF: the document is not sent from here but queued as an outbox 'receipt_pdf' job, so it goes
 * through the same gateway (limits, retries, order) as every other message to the chat.
 * Test alert (/start's button): queued as a 'test_alert' job, at most one a minute per chat.
 */
export function buttonCallbacks(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.on('callback_query:data', async (ctx) => {
    const { t, chat, business } = ctx.access;
    const action = parseCallbackData(ctx.callbackQuery.data);
    if (!action) return ctx.answerCallbackQuery();

    if (action.action === 'pdf') {
      const [view] = chat && business ? await loadCheckViews(deps.db, business.id, [action.checkId]) : [];
      if (!view || !chat) return ctx.answerCallbackQuery({ text: t.receipt.notFound, show_alert: true });
      await enqueueJobs(deps.db, [{ businessId: view.businessId, chatId: chat.chatId, kind: 'receipt_pdf', checkId: view.checkId }]);
      deps.onOutboxWritten?.();
      return ctx.answerCallbackQuery({ text: t.receipt.sending });
    }

    if (action.action === 'test_alert') {
      // Any chat linked to a shop (the owner's, or a member's who forged the data): it only
      // ever goes to the pressing chat, once a minute, and is stored as no check.
      if (!chat || !business) return ctx.answerCallbackQuery({ text: t.testAlert.notLinked, show_alert: true });
      const result = await requestTestAlert(deps.db, { businessId: business.id, chatId: chat.chatId, at: deps.now?.() ?? new Date() });
      if (result === 'too_soon') return ctx.answerCallbackQuery({ text: t.testAlert.tooSoon, show_alert: true });
      deps.onOutboxWritten?.();
      return ctx.answerCallbackQuery({ text: t.testAlert.sending });
    }

    // The language is the chat's setting: in a group, its admins or the shop's owner.
    const allowed = await requireSettingsRight(ctx, deps.logger);
    if (!allowed) return;
    await setChatLang(deps.db, allowed.chat.chatId, action.lang);
    const changed = catalogue(action.lang).language.changed;
    await ctx.answerCallbackQuery({ text: changed });
    return sendReply(ctx, plainMessage(changed), deps.logger);
  });

  return composer;
}
