import type { Transformer } from 'grammy';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { RateLimiter } from '../outbox/send-budget.js';
import { classifyTelegramAnswer } from './telegram-errors.js';

/** Bot API methods that put a message in a chat: the ones Telegram's flood limits count. */
const SENDING_METHOD = /^(send(?!ChatAction$)|copyMessages?$|forwardMessages?$|editMessage)/;

function isSendingMethod(method: string): boolean {
  return SENDING_METHOD.test(method);
}

/**
 * A message-sending call refused before it went out: its slot in the send budget is further away
 * than the caller may wait (`maxWaitMs`), or Telegram answered 429. Nothing was sent; the caller
 * sends it another way (the bot's replies: through the outbox).
 */
export class SendBudgetExhausted extends Error {
  constructor(
    readonly chatId: number | string | undefined,
    readonly reason: 'budget' | 'rate_limited',
  ) {
    super(`no send budget for chat ${String(chatId)} now (${reason})`);
    this.name = 'SendBudgetExhausted';
  }
}

export interface LimitsTransformerDeps {
  limiter: RateLimiter;
  /**
   * Wait at most this long for the send budget; beyond it (or on a 429) the call throws
   * SendBudgetExhausted instead of sleeping. Unset: wait for the slot however long (the outbox).
   */
  maxWaitMs?: number;
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
    if (deps.maxWaitMs === undefined) await deps.limiter.acquire(chatId ?? '');
    else if (!(await deps.limiter.tryAcquire(chatId ?? '', deps.maxWaitMs))) {
      deps.metrics?.telegramSends.inc({ method, result: 'deferred' });
      throw new SendBudgetExhausted(chatId, 'budget');
    }
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
      if (deps.maxWaitMs !== undefined) throw new SendBudgetExhausted(chatId, 'rate_limited');
    }
    return answer;
  };
}
