import { Bot } from 'grammy';
import { sequentialize } from '@grammyjs/runner';
import type { BotContext, BotDeps } from './context.js';
import { errorReplyMiddleware } from './middleware/errors.js';
import { accessMiddleware } from './middleware/access.js';
import { startCommand } from './commands/start.js';
import { inviteCommand } from './commands/invite.js';
import { webhookCommand } from './commands/webhook.js';
import { rotateCommand } from './commands/rotate.js';
import { todayCommand } from './commands/today.js';
import { weekCommand } from './commands/week.js';
import { monthCommand } from './commands/month.js';
import { reportCommand } from './commands/report.js';
import { exportCommand } from './commands/export.js';
import { receiptCommand } from './commands/receipt.js';
import { lowcashCommand } from './commands/lowcash.js';
import { highcashCommand } from './commands/highcash.js';
import { watchdogThresholdCommands } from './commands/watchdog-thresholds.js';
import { muteCommand } from './commands/mute.js';
import { unmuteCommand } from './commands/unmute.js';
import { settingsCommand } from './commands/settings.js';
import { minsumCommand } from './commands/minsum.js';
import { quietCommand } from './commands/quiet.js';
import { onlyreturnsCommand } from './commands/onlyreturns.js';
import { desksCommand } from './commands/desks.js';
import { summarytimeCommand } from './commands/summarytime.js';
import { settingsButtons } from './callbacks/settings-buttons.js';
import { helpCommand } from './commands/help.js';
import { langCommand } from './commands/lang.js';
import { fallbackCommand } from './commands/fallback.js';
import { buttonCallbacks } from './callbacks/buttons.js';
import { chatMemberUpdates } from './updates/chat-member.js';
import { membersCommand } from './commands/members.js';
import { nameCommand } from './commands/name.js';
import { chatNames } from './middleware/chat-names.js';
import { appCommand } from './commands/app.js';
import { strangerThrottle } from './middleware/strangers.js';
import { createDeferredReplies } from './deferred-replies.js';

export type { BotContext, BotDeps } from './context.js';

/**
 * The owner's whole interface: a grammY bot over our storage. TELEGRAM_API_ROOT is its API root;
 * the given transformers wrap every Bot API call (replies included). Nothing is started here:
 * see run.ts (polling or setWebhook) and webhook.ts (the Koa route).
 */
export function createBot(deps: BotDeps): Bot<BotContext> {
  const bot = new Bot<BotContext>(deps.config.botToken, {
    client: { apiRoot: deps.config.telegramApiRoot },
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
  });
  if (deps.apiTransformers?.length) bot.api.config.use(...deps.apiTransformers);

  // Updates are handled concurrently (run.ts, webhook.ts); those of one chat one after another,
  // in the order Telegram sent them.
  bot.use(sequentialize(updateChatKey));
  // Let other chats' I/O in between: one chat's queued updates would otherwise follow each other
  // in microtasks, starving every other reply.
  bot.use(async (_ctx, next) => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    await next();
  });
  bot.use(errorReplyMiddleware(deps.logger));
  const deferredReplies = createDeferredReplies({ db: deps.db, logger: deps.logger, ...(deps.onOutboxWritten ? { onOutboxWritten: deps.onOutboxWritten } : {}) });
  bot.use((ctx, next) => {
    ctx.deferredReplies = deferredReplies;
    return next();
  });
  bot.use(accessMiddleware(deps.db));
  // Chats of no shop are answered at most once per 10 minutes, before anything else reads for them.
  bot.use(strangerThrottle(deps.strangerClock ? { clock: deps.strangerClock } : {}));
  bot.use(chatNames(deps));
  bot.use(chatMemberUpdates(deps));
  bot.use(settingsButtons(deps));
  bot.use(membersCommand(deps));
  bot.use(nameCommand(deps));
  bot.use(buttonCallbacks(deps));
  for (const feature of [
    // Before /start: it sets the Mini App menu button after /start linked a private chat.
    appCommand,
    startCommand,
    inviteCommand,
    webhookCommand,
    rotateCommand,
    todayCommand,
    weekCommand,
    monthCommand,
    reportCommand,
    exportCommand,
    receiptCommand,
    lowcashCommand,
    highcashCommand,
    watchdogThresholdCommands,
    muteCommand,
    unmuteCommand,
    settingsCommand,
    minsumCommand,
    quietCommand,
    onlyreturnsCommand,
    desksCommand,
    summarytimeCommand,
    helpCommand,
    langCommand,
    fallbackCommand,
  ]) {
    bot.use(feature(deps));
  }

  // Last resort (the error middleware already answers): a failing update never stops polling.
  bot.catch((err) => deps.logger.error({ err: err.error, updateId: err.ctx.update.update_id }, 'unhandled bot error'));
  return bot;
}

/** The chat an update belongs to (the user's, for updates without a chat): the unit of ordering. */
function updateChatKey(ctx: BotContext): string | undefined {
  const id = ctx.chat?.id ?? ctx.from?.id;
  return id === undefined ? undefined : String(id);
}
