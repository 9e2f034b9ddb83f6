import Koa from 'koa';
import type { Middleware } from 'koa';
import type { DatabaseHandle } from '../platform/db/client.js';
import type { Config } from '../platform/config/config.js';
import { scrubSecrets, type Logger } from '../platform/observability/logger.js';
import type { Metrics } from '../platform/observability/metrics.js';
import type { IngestQueueOptions } from '../features/ingest/ingest-queue.js';
import { cashdeskWebhookRoutes } from './routes/cashdesk-webhook.js';
import { healthRoutes } from './routes/health.js';
import { metricsRoutes } from './routes/metrics.js';
import { miniAppApiRoutes, type MiniAppLimits } from '../miniapp/api-routes.js';
import type { QueryPool } from '../platform/db/query-pool.js';
import { miniAppStatic } from '../miniapp/static-files.js';
import type { BodyPace } from '../platform/http/read-body.js';
import { securityHeaders } from './security-headers.js';
import type { TelegramState } from '../platform/telegram/telegram-status.js';

export interface AppDeps {
  database: DatabaseHandle;
  config: Pick<Config, 'maxBodyBytes' | 'businessTz'> & Partial<Pick<Config, 'metricsToken' | 'businessDayStart' | 'trustProxy' | 'maxCashDesksPerShop'>>;
  logger: Logger;
  metrics: Metrics;
  /** True while shutting down: webhooks answer 503 so CashDesk retries elsewhere or later. */
  isDraining: () => boolean;
  /** Updates gauges that are read from the database (outbox depth and age). */
  refreshGauges?: () => Promise<void>;
  /** Called after a check's messages were committed to the outbox: the in-process worker looks now. */
  onOutboxWritten?: () => void;
  /** At most this many bytes of CashDesk webhook bodies in memory at once, across requests (default 64 MiB); beyond, 503. */
  bodiesInFlightBytes?: number;
  /** At most this many of them for one shop (default an eighth of the budget); beyond, 503 for that shop only. */
  bodiesInFlightPerShopBytes?: number;
  /** How fast a webhook body must come (platform/http/read-body.ts, DEFAULT_BODY_PACE). */
  bodyPace?: BodyPace;
  /** The webhook's group commit (features/ingest/ingest-queue.ts): batch size and batches at once. */
  ingestQueue?: IngestQueueOptions;
  /** Telegram's state for /readyz (bot/run.ts keeps it); absent when the bot does not run here. */
  telegramState?: () => TelegramState;
  /** Telegram's updates in webhook mode: mounted at `path` (POST). */
  telegramWebhook?: { path: string; handler: Middleware };
  /** The Mini App (/app/ and /app/api/): its initData is checked with the bot's token. */
  miniApp?: {
    botToken: string;
    /** The bot's @username once known (getMe): the 403 `not_linked` names it. */
    botUsername?: () => string | undefined;
    /** Where the built client is (web/dist by default). */
    webRoots?: string[];
    /** The clock (tests). */
    now?: () => Date;
    /** The pool its reads run on (platform/db/query-pool.ts; the caller opens and closes it). */
    queryPool: QueryPool;
    /** Per-user and per-address request limits (tests). */
    limits?: Partial<MiniAppLimits>;
  };
}

/**
 * The HTTP app: a fresh one per call, so tests get their own. X-Forwarded-For/-Proto/-Host are
 * believed only with TRUST_PROXY (that many proxies in front: the address the nearest one saw),
 * else anyone could claim any address, loopback included.
 */
export function createApp(deps: AppDeps): Koa {
  const proxies = deps.config.trustProxy ?? 0;
  const app = new Koa({ proxy: proxies > 0, maxIpsCount: proxies });
  app.silent = true;
  app.on('error', (err) => deps.logger.error({ err }, 'http error'));

  app.use(securityHeaders());
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      deps.logger.error({ err, path: scrubSecrets(ctx.path) }, 'unhandled request error');
      ctx.status = 500;
      ctx.body = { ok: false, error: 'internal error' };
    }
  });

  for (const router of [cashdeskWebhookRoutes(deps), healthRoutes(deps), metricsRoutes(deps)]) {
    app.use(router.routes()).use(router.allowedMethods());
  }
  if (deps.miniApp) {
    const api = miniAppApiRoutes({
      db: deps.database.db,
      pool: deps.miniApp.queryPool,
      ...(deps.miniApp.limits ? { limits: deps.miniApp.limits } : {}),
      botToken: deps.miniApp.botToken,
      ...(deps.miniApp.botUsername ? { botUsername: deps.miniApp.botUsername } : {}),
      businessTz: deps.config.businessTz,
      businessDayStart: deps.config.businessDayStart ?? 0,
      logger: deps.logger,
      ...(deps.onOutboxWritten ? { onOutboxWritten: deps.onOutboxWritten } : {}),
      ...(deps.miniApp.now ? { now: deps.miniApp.now } : {}),
    });
    app.use(api.routes()).use(api.allowedMethods());
    app.use(miniAppStatic(deps.miniApp.webRoots ? { roots: deps.miniApp.webRoots } : {}));
  }
  if (deps.telegramWebhook) {
    const { path, handler } = deps.telegramWebhook;
    app.use(async (ctx, next) => (ctx.method === 'POST' && ctx.path === path ? handler(ctx, next) : next()));
  }
  app.use((ctx) => {
    ctx.status = 404;
    ctx.body = { ok: false, error: 'not found' };
  });
  return app;
}
