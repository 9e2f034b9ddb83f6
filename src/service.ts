import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { configWarnings, type Config } from './platform/config/config.js';
import { openDatabase, type DatabaseHandle } from './platform/db/client.js';
import { createApp } from './http/app.js';
import { createHttpServer, listen } from './http/server.js';
import { openQueryPool } from './platform/db/query-pool.js';
import { createLogger, type Logger } from './platform/observability/logger.js';
import { createMetrics, type Metrics } from './platform/observability/metrics.js';
import { createDelivery, type Delivery, type DeliveryOptions } from './platform/outbox/delivery.js';
import type { Database } from './platform/db/client.js';
import { createJobRenderer, type JobRegistry, type JobRenderer } from './platform/outbox/job-renderer.js';
import { replyJobDefinitions } from './platform/outbox/reply-job.js';
import { salesJobDefinitions } from './features/sales/jobs.js';
import { watchdogJobDefinitions } from './features/watchdog/jobs.js';
import { reportsJobDefinitions } from './features/reports/jobs.js';
import { exportsJobDefinitions } from './features/exports/jobs.js';
import { shopsJobDefinitions } from './features/shops/jobs.js';
import { findChat } from './features/shops/chats.js';
import { createChatHooks } from './features/shops/chat-lifecycle.js';
import { chatMoveSteps } from './bot/updates/chat-member.js';
import { applyChatDelivery } from './features/chat-settings/chat-delivery.js';
import { startSchedules } from './platform/schedules/scheduler.js';
import { housekeepingSchedule } from './platform/schedules/housekeeping.js';
import { rejectedPruning } from './features/ingest/rejected.js';
import { chatSummaryClaimPruning, chatSummarySchedule } from './features/reports/chat-summary-schedule.js';
import { dailySummarySchedule } from './features/reports/daily-summary-schedule.js';
import { weeklyDigestSchedule } from './features/reports/weekly-digest-schedule.js';
import { receiptPdfPruning } from './features/sales/receipt-retention.js';
import { removeStalePartFolders } from './features/exports/part-file.js';
import { invitePruning } from './features/shops/invites.js';
import { deskWatchSchedule } from './features/watchdog/desk-watch-schedule.js';
import { createBot } from './bot/bot.js';
import { launchBot, type RunningBot } from './bot/run.js';
import { createTelegramWebhook } from './bot/webhook.js';
import { syncMiniAppMenuButtons } from './bot/mini-app-menu.js';
import { syncChatMenus } from './bot/command-menu.js';
import { createTelegramStatus, type BotTokenRejectedError } from './platform/telegram/telegram-status.js';

export interface Service {
  config: Config;
  database: DatabaseHandle;
  logger: Logger;
  metrics: Metrics;
  /** The outbox worker and the gateway's shared limits (its transformer is for the bot's Api). */
  delivery: Delivery;
  server: Server;
  /** Where the HTTP server listens, e.g. http://127.0.0.1:3000. */
  address: string;
  /** Resolves if the service cannot go on (Telegram refused BOT_TOKEN); main.ts then exits 1. */
  failure: Promise<BotTokenRejectedError>;
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** An already open database (tests). */
  database?: DatabaseHandle;
  /** Delivery timings and limits (tests shorten them). */
  delivery?: DeliveryOptions;
  /** Another renderer for outbox jobs (tests that need to identify messages). */
  renderer?: (db: Database) => JobRenderer;
  /** Start without the bot taking updates (tests of other parts). */
  withoutBot?: boolean;
}

/** Every outbox job kind, each from its feature: a kind declared without a definition does not compile. */
export const jobDefinitions: JobRegistry = {
  ...salesJobDefinitions,
  ...watchdogJobDefinitions,
  ...reportsJobDefinitions,
  ...exportsJobDefinitions,
  ...shopsJobDefinitions,
  ...replyJobDefinitions,
};

/**
 * The outbox's renderer: each job by its kind's definition, in its chat's language, into the
 * chat's forum topic and silent in its quiet hours (features/chat-settings).
 */
export function createServiceRenderer(deps: {
  db: Database;
  config: Pick<Config, 'businessTz'> & Partial<Pick<Config, 'businessDayStart'>>;
  logger?: Logger;
  now?: () => Date;
}): JobRenderer {
  const tz = deps.config.businessTz;
  return createJobRenderer({
    ...deps,
    jobs: jobDefinitions,
    chats: { find: findChat, decorate: (message, chat, at) => applyChatDelivery(message, chat, at, tz) },
  });
}

/** How long a stop waits for the worker's message in flight before leaving it to the lease. */
const WORKER_STOP_GRACE_MS = 5_000;
/** How long a stop waits for HTTP requests in flight before closing their connections. */
const HTTP_STOP_GRACE_MS = 3_000;

/** Wires config → database → HTTP app, bot, outbox worker and schedules; listens. */
export async function startService(config: Config, options: StartOptions = {}): Promise<Service> {
  const logger = options.logger ?? createLogger({ level: config.logLevel, pretty: process.stdout.isTTY && process.env.NODE_ENV !== 'production' });
  for (const warning of configWarnings(config)) logger.warn(warning);
  const metrics = createMetrics({ defaultMetrics: true });
  const telegramStatus = createTelegramStatus(config.botMode);
  telegramStatus.onChange((s) => metrics.telegramReachable.set(s.state === 'reached' ? 1 : 0));
  let onTokenRejected: (err: BotTokenRejectedError) => void = () => {};
  const failure = new Promise<BotTokenRejectedError>((resolve) => {
    onTokenRejected = resolve;
  });
  const database =
    options.database ??
    (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log: (level, message) => logger[level](message) }));
  logger.info({ database: database.target }, 'database ready');
  // Export parts left behind by a process killed mid-export (a live one of another instance is younger).
  void removeStalePartFolders().then(
    (removed) => removed > 0 && logger.info({ removed }, 'removed stale export part folders'),
    (err: unknown) => logger.warn({ err }, 'could not look for stale export part folders'),
  );

  const delivery = createDelivery(
    {
      db: database.db,
      botToken: config.botToken,
      apiRoot: config.telegramApiRoot,
      renderer: options.renderer?.(database.db) ?? createServiceRenderer({ db: database.db, config, logger }),
      chats: createChatHooks(chatMoveSteps),
      logger,
      metrics,
    },
    options.delivery,
  );

  const onOutboxWritten = delivery.worker.wake;

  const bot = createBot({
    config,
    db: database.db,
    logger,
    apiTransformers: [delivery.replyTransformer],
    onOutboxWritten,
  });
  const telegramWebhook = config.botMode === 'webhook' ? createTelegramWebhook(bot, { config, logger }) : undefined;

  let draining = false;
  // The Mini App's reads on a few connections of their own, under a statement timeout.
  const miniAppPool = openQueryPool(database);
  const app = createApp({
    database,
    config,
    logger,
    metrics,
    isDraining: () => draining,
    refreshGauges: delivery.refreshGauges,
    onOutboxWritten,
    // The bot's @username from getMe (launchBot asks it at start): the Mini App's "not linked" button opens its chat.
    miniApp: { botToken: config.botToken, queryPool: miniAppPool, botUsername: () => (bot.isInited() ? bot.botInfo.username : undefined) },
    ...(options.withoutBot ? {} : { telegramState: () => telegramStatus.snapshot() }),
    ...(telegramWebhook ? { telegramWebhook: { path: telegramWebhook.path, handler: telegramWebhook.handler } } : {}),
  });

  const server = await listen(createHttpServer(app, { maxConnections: config.httpMaxConnections }), config.port, config.host);
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const address = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  logger.info({ address, publicUrl: config.publicUrl }, 'listening');
  delivery.worker.start();
  // Who holds a schedule's or a start pass's claim: this process, among every instance's.
  const instanceId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const schedules = startSchedules(
    [
      dailySummarySchedule({ config, metrics, onOutboxWritten }),
      weeklyDigestSchedule({ config, onOutboxWritten }),
      chatSummarySchedule({ config, onOutboxWritten }),
      deskWatchSchedule({ config, metrics, onOutboxWritten }),
      housekeepingSchedule({ tasks: [receiptPdfPruning(config.receiptRetentionDays), ...rejectedPruning, invitePruning, chatSummaryClaimPruning], metrics }),
    ],
    { db: database.db, tz: config.businessTz, logger, instanceId },
  );
  const runningBot: RunningBot | undefined = options.withoutBot
    ? undefined
    : launchBot(bot, { config, logger, status: telegramStatus, onTokenRejected, ...(telegramWebhook ? { webhook: telegramWebhook } : {}) });
  // The private chats linked before: the Mini App's menu button (once per PUBLIC_URL) and their
  // own command menu (once per version of the menus), one after the other to share Telegram's limits.
  const passDeps = { api: bot.api, db: database.db, logger, instanceId };
  const menuButtons = options.withoutBot ? undefined : syncMiniAppMenuButtons({ ...passDeps, publicUrl: config.publicUrl });
  const chatMenus = menuButtons?.done.then(() => (draining ? undefined : syncChatMenus(passDeps)));

  return {
    config,
    database,
    logger,
    metrics,
    delivery,
    server,
    address,
    failure,
    /**
     * Graceful stop: webhooks answer 503 from now on, requests in flight finish, polling stops,
     * the worker finishes its message in flight (or leaves it to its lease), then the database
     * closes. Within about 10 seconds.
     */
    async stop() {
      draining = true;
      menuButtons?.stop();
      void chatMenus?.then((pass) => pass?.stop());
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const forceClose = setTimeout(() => server.closeAllConnections(), HTTP_STOP_GRACE_MS);
      await Promise.all([closed, runningBot?.stop(), schedules.stop()]);
      clearTimeout(forceClose);
      await withinMs(delivery.worker.stop(), WORKER_STOP_GRACE_MS, () =>
        logger.warn('a message was still in flight at shutdown; its lease hands it to the next worker'),
      );
      // The menu-button pass stops between chats and releases its claim (at most a call in flight).
      if (menuButtons) await withinMs(menuButtons.done, 2_000, () => logger.warn('the Mini App menu-button pass was still running at shutdown'));
      if (chatMenus) await withinMs(chatMenus.then((pass) => pass?.done), 2_000, () => logger.warn('the command-menu pass was still running at shutdown'));
      await miniAppPool.close();
      if (!options.database) await database.close();
    },
  };
}

/** Waits for `promise`, but no longer than `ms`; calls `onTimeout` if it gave up. */
async function withinMs(promise: Promise<unknown>, ms: number, onTimeout: () => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  const result = await Promise.race([promise.then(() => 'done' as const), timeout]);
  clearTimeout(timer);
  if (result === 'timeout') onTimeout();
}
