import type { MiddlewareFn } from 'grammy';
import type { Logger } from '../../platform/observability/logger.js';
import { catalogue, pickLang } from '../../platform/i18n/lang.js';
import type { BotContext } from '../context.js';

/**
 * A failing handler (database down, Telegram error) is logged and the chat told to try again,
 * instead of silence; the update is then done, so polling goes on.
 */
export function errorReplyMiddleware(logger: Logger): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      logger.error({ err, updateId: ctx.update.update_id, chatId: ctx.chat?.id }, 'bot update failed');
      const t = ctx.access?.t ?? catalogue(pickLang(null, ctx.from?.language_code));
      try {
        if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: t.common.failed });
        else if (ctx.chat && ctx.message) await ctx.reply(t.common.failed);
      } catch (replyErr) {
        logger.warn({ err: replyErr, updateId: ctx.update.update_id }, 'could not tell the chat about the failure');
      }
    }
  };
}
