import type { Transformer } from 'grammy';
import type { Database } from '../db/client.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { telegramSendEvents } from '../observability/telegram-sends.js';
import { createTelegramGateway, type TelegramGateway } from '../telegram/gateway.js';
import { createLimitsTransformer } from '../telegram/gateway-transformer.js';
import type { JobRenderer } from './job-renderer.js';
import type { ChatHooks } from './chat-hooks.js';
import { createRateLimiter, type RateLimiter } from './send-budget.js';
import { TELEGRAM_LIMITS, type TelegramLimits } from '../telegram/rate-limits.js';
import { outboxGaugeRefresher } from './gauges.js';
import { createDeliveryWorker, type DeliveryWorker, type WorkerSettings } from './worker.js';

export interface DeliveryDeps {
  db: Database;
  botToken: string;
  apiRoot: string;
  renderer: JobRenderer;
  /** What Telegram's answers change in a chat (features/shops). */
  chats: ChatHooks;
  logger: Logger;
  metrics: Metrics;
}

/** What may be tuned (tests shorten every time; production keeps the defaults). */
export interface DeliveryOptions {
  worker?: Partial<WorkerSettings>;
  /** Telegram's limits to keep under (default: Telegram's published ones). */
  limits?: Partial<TelegramLimits>;
  /** Fraction of the limits we allow ourselves. */
  limitsMargin?: number;
  /** A Bot API call unanswered after this counts as failed (and is retried). */
  sendTimeoutSeconds?: number;
  /** How long a bot reply may wait for its send budget before it goes through the outbox. */
  replyMaxWaitMs?: number;
}

/** A reply that cannot go out within about a second goes through the outbox instead. */
const REPLY_MAX_WAIT_MS = 1_000;

export interface Delivery {
  gateway: TelegramGateway;
  limiter: RateLimiter;
  worker: DeliveryWorker;
  /** For an Api that may wait for its slot however long (the gateway's own, scripts). */
  limitsTransformer: Transformer;
  /**
   * For the bot's Api (`BotDeps.apiTransformers`): the same limits, but a send whose slot is more
   * than `replyMaxWaitMs` away (or that Telegram refuses with 429) throws SendBudgetExhausted at
   * once instead of holding the update's handler; sendReply then queues it in the outbox.
   */
  replyTransformer: Transformer;
  /** For `AppDeps.refreshGauges`. */
  refreshGauges: () => Promise<void>;
}

/** The outgoing path assembled: shared limits → gateway → worker. Call `worker.start()` to run it. */
export function createDelivery(deps: DeliveryDeps, options: DeliveryOptions = {}): Delivery {
  const events = telegramSendEvents({ metrics: deps.metrics, logger: deps.logger });
  const limiter = createRateLimiter(deps.db, {
    ...(options.limits ? { limits: { ...TELEGRAM_LIMITS, ...options.limits } } : {}),
    ...(options.limitsMargin !== undefined ? { margin: options.limitsMargin } : {}),
  });
  const gateway = createTelegramGateway({
    token: deps.botToken,
    apiRoot: deps.apiRoot,
    limiter,
    events,
    timeoutSeconds: options.sendTimeoutSeconds ?? 30,
  });
  const worker = createDeliveryWorker(
    { db: deps.db, gateway, renderer: deps.renderer, chats: deps.chats, rules: limiter.rules, logger: deps.logger, metrics: deps.metrics },
    options.worker,
  );
  return {
    gateway,
    limiter,
    worker,
    limitsTransformer: createLimitsTransformer({ limiter, events }),
    replyTransformer: createLimitsTransformer({
      limiter,
      events,
      maxWaitMs: options.replyMaxWaitMs ?? REPLY_MAX_WAIT_MS,
    }),
    refreshGauges: outboxGaugeRefresher(deps.db, deps.metrics),
  };
}
