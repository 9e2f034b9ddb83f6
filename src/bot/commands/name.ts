import { Composer } from 'grammy';
import { parseShopName, setShopName, shopName, SHOP_NAME_MAX } from '../../features/shops/shop-name.js';
import { plainMessage } from '../../platform/telegram/html.js';
import type { BotContext, BotDeps } from '../context.js';
import { requireOwner } from '../middleware/guards.js';
import { sendReply } from '../reply.js';

/**
 * /name <text> (owner): names the shop, as typed (one line, up to 64 characters); /name alone
 * shows the name now. The name is plain text wherever it shows: each renderer escapes it.
 */
export function nameCommand(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('name', async (ctx) => {
    const owner = await requireOwner(ctx, deps.logger);
    if (!owner) return;
    const { t } = ctx.access;
    const parsed = parseShopName(ctx.match);
    if (!parsed.ok) {
      const answer =
        parsed.error === 'empty' ? t.shop.current(shopName(owner.business, t)) : parsed.error === 'tooLong' ? t.shop.tooLong(SHOP_NAME_MAX) : t.shop.badCharacters;
      await sendReply(ctx, plainMessage(answer), deps.logger);
      return;
    }
    await setShopName(deps.db, owner.business.id, parsed.name);
    deps.logger.info({ businessId: owner.business.id }, 'shop renamed');
    await sendReply(ctx, plainMessage(t.shop.renamed(parsed.name)), deps.logger);
  });
  return composer;
}
