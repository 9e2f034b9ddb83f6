import { Composer } from 'grammy';
import { parseDesksArgs } from '../../features/chat-settings/arguments.js';
import { updateChatSettings } from '../../features/chat-settings/store.js';
import { listCashDesks } from '../../features/shops/cash-desks.js';
import { renderUsage } from '../help-message.js';
import { plainMessage } from '../../platform/telegram/html.js';
import type { BotContext, BotDeps } from '../context.js';
import { requireSettingsRight } from '../middleware/guards.js';
import { sendReply } from '../reply.js';
import { replyWithSettings } from '../settings-menu.js';

/**
 * /desks <num_fiscal> …|all: this chat hears of these cash desks only (sale and cash alerts).
 * Only the business's known cash desks are taken (a typo would silence the chat).
 */
export function desksCommand(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('desks', async (ctx) => {
    const member = await requireSettingsRight(ctx, deps.logger);
    if (!member) return;
    const { t } = ctx.access;
    if (ctx.match.trim()) {
      const chosen = parseDesksArgs(ctx.match);
      if (chosen === undefined) return sendReply(ctx, renderUsage('desks', t), deps.logger);
      const known = (await listCashDesks(deps.db, member.business.id)).map((d) => d.numFiscal);
      const unknown = (chosen ?? []).filter((d) => !known.includes(d));
      if (unknown.length > 0) {
        const list = known.length > 0 ? `${t.thresholds.knownDesks} ${known.join(', ')}` : t.thresholds.noDesks;
        return sendReply(ctx, plainMessage(t.settings.unknownDesks(unknown.join(', ')), list), deps.logger);
      }
      const all = chosen !== null && known.every((d) => chosen.includes(d));
      await updateChatSettings(deps.db, member.chat.chatId, { deskFilter: all ? null : chosen });
    }
    await replyWithSettings(deps, ctx, member.chat.chatId);
  });
  return composer;
}
