import type { Transformer } from 'grammy';
import { classifyTelegramAnswer, type TelegramFailure } from './telegram-errors.js';

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

/**
 * What the transport takes from a send budget: a slot for each message before it goes, and the
 * budget pushed back when Telegram answers 429 all the same. The deployment's shared budget is
 * platform/outbox/send-budget.ts; the transport knows only this.
 */
export interface SendBudget {
  /** Reserves one message to `chatId` under the chat's and the overall budget, and waits for its slot. */
  acquire(chatId: number | string): Promise<void>;
  /**
   * Like acquire, but only when the slot comes within `maxWaitMs`: then reserves it, waits for
   * it and answers true. Otherwise reserves nothing and answers false at once (the bot's replies:
   * a handler never sleeps for a send budget, the reply goes through the outbox instead).
   */
  tryAcquire(chatId: number | string, maxWaitMs: number): Promise<boolean>;
  /**
   * Telegram answered 429: nothing more to this chat for `retryAfterMs`; with no chat (or when
   * several chats are refused at once, which is Telegram throttling the bot as a whole), to anyone.
   */
  penalize(chatId: number | string | undefined, retryAfterMs: number): Promise<void>;
}

/**
 * How a message-sending call ended: `ok`; `deferred` (no budget within `maxWaitMs`, nothing
 * sent); `network_error` (no answer); or Telegram's refusal, by its kind.
 */
export type SendResult = 'ok' | 'deferred' | 'network_error' | TelegramFailure['kind'];

/** What the transport reports of its sends; the caller turns it into metrics and logs. */
export interface SendEvents {
  /** Every message-sending call, once, by how it ended. */
  sent(method: string, result: SendResult): void;
  /** Telegram answered 429 although the budget was kept. */
  rateLimited(event: { method: string; chatId: number | string | undefined; retryAfterMs: number }): void;
}

export interface LimitsTransformerDeps {
  limiter: SendBudget;
  /**
   * Wait at most this long for the send budget; beyond it (or on a 429) the call throws
   * SendBudgetExhausted instead of sleeping. Unset: wait for the slot however long (the outbox).
   */
  maxWaitMs?: number;
  events?: SendEvents;
}

/**
 * A grammY API transformer that makes every message-sending call wait for its slot in the shared
 * budget (`SendBudget`), pushes the budget back when Telegram still answers 429, and counts
 * sends by result. The gateway's own Api uses it, and so should the bot's (`bot.api.config.use`),
 * so that replies to commands and alerts draw on the same limits.
 */
export function createLimitsTransformer(deps: LimitsTransformerDeps): Transformer {
  return async (prev, method, payload, signal) => {
    if (!isSendingMethod(method)) return prev(method, payload, signal);
    const chatId = (payload as { chat_id?: number | string } | undefined)?.chat_id;
    if (deps.maxWaitMs === undefined) await deps.limiter.acquire(chatId ?? '');
    else if (!(await deps.limiter.tryAcquire(chatId ?? '', deps.maxWaitMs))) {
      deps.events?.sent(method, 'deferred');
      throw new SendBudgetExhausted(chatId, 'budget');
    }
    let answer;
    try {
      answer = await prev(method, payload, signal);
    } catch (err) {
      deps.events?.sent(method, 'network_error');
      throw err;
    }
    if (answer.ok) {
      deps.events?.sent(method, 'ok');
      return answer;
    }
    const failure = classifyTelegramAnswer(answer);
    deps.events?.sent(method, failure.kind);
    if (failure.kind === 'rate_limited') {
      deps.events?.rateLimited({ method, chatId, retryAfterMs: failure.retryAfterMs });
      await deps.limiter.penalize(chatId, failure.retryAfterMs);
      if (deps.maxWaitMs !== undefined) throw new SendBudgetExhausted(chatId, 'rate_limited');
    }
    return answer;
  };
}
