import type { Transformer } from 'grammy';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { RateLimiter } from './rate-limiter.js';
import { classifyTelegramAnswer } from './telegram-errors.js';

/** Bot API methods that put a message in a chat: the ones Telegram's flood limits count. */
const SENDING_METHOD = /^(send(?!ChatAction$)|copyMessages?$|forwardMessages?$|editMessage)/;

export function isSendingMethod(method: string): boolean {
  return SENDING_METHOD.test(method);
}

export interface LimitsTransformerDeps {
  limiter: RateLimiter;
  metrics?: Metrics;
  logger?: Logger;
}

/**
 * A grammY API transformer that makes every message-sending call wait for its slot in the shared
 * budgets (rate-limiter.ts), pushes the budget back when Telegram still answers 429, and counts
 * sends by result. The gateway's own Api uses it, and so should the bot's (`bot.api.config.use`),
 * so that replies to commands and alerts draw on the same limits.
 */
export function createLimitsTransformer(deps: LimitsTransformerDeps): Transformer {
  return async (prev, method, payload, signal) => {
    if (!isSendingMethod(method)) return prev(method, payload, signal);
    const chatId = (payload as { chat_id?: number | string } | undefined)?.chat_id;
    await deps.limiter.acquire(chatId ?? '');
    let answer;
    try {
      answer = await prev(method, payload, signal);
    } catch (err) {
      deps.metrics?.telegramSends.inc({ method, result: 'network_error' });
      throw err;
    }
    if (answer.ok) {
      deps.metrics?.telegramSends.inc({ method, result: 'ok' });
      return answer;
    }
    const failure = classifyTelegramAnswer(answer);
    deps.metrics?.telegramSends.inc({ method, result: failure.kind });
    if (failure.kind === 'rate_limited') {
      deps.logger?.warn({ method, chatId, retryAfterMs: failure.retryAfterMs }, 'telegram 429 despite our limits');
      await deps.limiter.penalize(chatId, failure.retryAfterMs);
    }
    return answer;
  };
}
