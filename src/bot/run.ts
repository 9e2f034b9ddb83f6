import { createRunner, createSource, type RunnerHandle } from '@grammyjs/runner';
import { GrammyError, type Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Config } from '../platform/config/config.js';
import type { Logger } from '../platform/observability/logger.js';
import type { BotContext } from './context.js';
import { registerCommandMenu } from './command-menu.js';
import type { TelegramWebhook } from './webhook.js';
import { BotTokenRejectedError, createTelegramStatus, isTokenRejected, telegramFailureCause, type TelegramStatus } from '../platform/telegram/telegram-status.js';
import { createUpdatePipeline, type UpdatePipeline } from './update-pipeline.js';

/** The updates the bot acts on. */
const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;

export interface RunningBot {
  mode: 'polling' | 'webhook';
  /** Resolves once updates flow (polling started, or webhook registered); also when stopped first. */
  ready: Promise<void>;
  /** Whether Telegram answers (for /readyz and the gauge). */
  status: TelegramStatus;
  stop(): Promise<void>;
}

export interface LaunchDeps {
  config: Pick<Config, 'botMode'> & Partial<Pick<Config, 'telegramApiRoot'>>;
  logger: Logger;
  /** Kept current here: reached, or unreachable since when and why (a fresh one by default). */
  status?: TelegramStatus;
  /** How long getMe may take before Telegram counts as unreachable (default 5 s). */
  getMeTimeoutMs?: number;
  /**
   * Telegram refused the token (401/404): nothing here retries it. main.ts stops the service with
   * one line naming BOT_TOKEN; without this, it is logged as an error.
   */
  onTokenRejected?: (err: BotTokenRejectedError) => void;
  /** Needed for BOT_MODE=webhook: the route the Koa app mounts. */
  webhook?: TelegramWebhook;
  /** First wait before retrying when Telegram cannot be reached; doubles up to a minute. */
  retryDelayMs?: number;
  /** How long stop() waits for updates being handled (default 5 s). */
  drainMs?: number;
}

/** getUpdates' long-poll timeout, in seconds. */
const POLL_TIMEOUT_SECONDS = 30;
/** How long past its long-poll timeout a getUpdates may take before it counts as unanswered. */
const POLL_GRACE_MS = 15_000;
const DEFAULT_GET_ME_TIMEOUT_MS = 5_000;

/** The runner's own AbortSignal type (a shim), the same object at run time. */
type RunnerSignal = Parameters<Parameters<typeof createSource>[0]['supply']>[1];

/**
 * Starts taking updates without holding up the rest of the service: long polling
 * (BOT_MODE=polling), or registering the webhook with Telegram (BOT_MODE=webhook). The command
 * menu is set in both. While Telegram cannot be reached, it keeps retrying with backoff; the
 * HTTP server and the outbox go on meanwhile. In both modes updates go through the same
 * concurrent pipeline (update-pipeline.ts): polling feeds it with grammY runner's source here,
 * the webhook route with each POST. stop() stops fetching and waits for updates in hand.
 */
export function launchBot(bot: Bot<BotContext>, deps: LaunchDeps): RunningBot {
  const { logger } = deps;
  const mode = deps.config.botMode;
  const apiRoot = deps.config.telegramApiRoot ?? 'https://api.telegram.org';
  const status = deps.status ?? createTelegramStatus(mode);
  const getMeTimeoutMs = deps.getMeTimeoutMs ?? DEFAULT_GET_ME_TIMEOUT_MS;
  /** Aborts the call in hand when stopping (getMe waits up to its timeout otherwise). */
  let inFlight: AbortController | undefined;
  if (mode === 'webhook' && !deps.webhook) throw new Error('BOT_MODE=webhook needs the Telegram webhook route');
  let stopped = false;
  let wake: (() => void) | undefined;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  /** Telegram did not answer: the state, and one warning line naming the API root and the cause. */
  function unreachable(what: string, err: unknown, retryInMs: number): void {
    const cause = telegramFailureCause(err);
    status.unreachable(cause);
    logger.warn(
      { apiRoot, cause, retryInMs },
      `Telegram unreachable at ${apiRoot} (${what}): ${cause}; retrying in ${Math.ceil(retryInMs / 1000)} s`,
    );
  }

  /**
   * Runs `step` until it succeeds or the bot is stopped; false when stopped. Each try may take
   * `timeoutMs` at most (its signal aborts then). A refused token is not retried: it throws.
   */
  async function retrying(what: string, step: (signal: AbortSignal) => Promise<void>, timeoutMs?: number): Promise<boolean> {
    let delay = deps.retryDelayMs ?? 1000;
    for (;;) {
      if (stopped) return false;
      const controller = new AbortController();
      inFlight = controller;
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => controller.abort(), timeoutMs);
      try {
        await step(controller.signal);
        status.reached();
        return true;
      } catch (err) {
        if (stopped) return false;
        if (isTokenRejected(err)) throw new BotTokenRejectedError(err.error_code);
        if (err instanceof GrammyError) {
          // Telegram answered, with an error: reachable, and the line says what it said.
          status.reached();
          logger.warn({ cause: telegramFailureCause(err), retryInMs: delay }, `bot: could not ${what}: ${telegramFailureCause(err)}; retrying`);
        } else unreachable(what, controller.signal.aborted && timeoutMs !== undefined ? new Error(`no answer within ${timeoutMs / 1000} s`) : err, delay);
        await pause(delay);
        delay = Math.min(delay * 2, 60_000);
      } finally {
        clearTimeout(timer);
        inFlight = undefined;
      }
    }
  }

  const pipeline: UpdatePipeline = mode === 'webhook' ? deps.webhook!.pipeline : createUpdatePipeline(bot, { logger });
  let runner: RunnerHandle | undefined;
  /** The next update_id to ask for. */
  let offset = 0;

  /**
   * getUpdates for the runner's source: retries what can be retried, with backoff and one line
   * each; a getUpdates unanswered past its long-poll timeout counts as a failure. 409 (another
   * process polls this bot) is said plainly and retried, never the end of polling; only a
   * refused token ends it.
   */
  async function fetchUpdates(batchSize: number, signal: RunnerSignal): Promise<Update[]> {
    let delay = deps.retryDelayMs ?? 1000;
    for (;;) {
      // Aborted by the runner (stop) or when no answer came in time; the runner's signal is a shim, not a native one.
      const call = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        call.abort();
      }, POLL_TIMEOUT_SECONDS * 1000 + POLL_GRACE_MS);
      const onStop = () => call.abort();
      signal.addEventListener('abort', onStop);
      try {
        const updates = await bot.api.getUpdates(
          { offset, limit: Math.max(1, Math.min(batchSize, 100)), timeout: POLL_TIMEOUT_SECONDS, allowed_updates: [...ALLOWED_UPDATES] },
          call.signal as RunnerSignal,
        );
        status.reached();
        const last = updates[updates.length - 1];
        if (last) offset = last.update_id + 1;
        return updates;
      } catch (err) {
        if (signal.aborted || stopped) throw err;
        if (isTokenRejected(err)) {
          const rejected = new BotTokenRejectedError(err.error_code);
          deps.onTokenRejected?.(rejected);
          throw rejected;
        }
        const retryAfter = err instanceof GrammyError ? err.parameters.retry_after : undefined;
        const wait = retryAfter !== undefined ? retryAfter * 1000 : delay;
        if (err instanceof GrammyError && err.error_code === 409) {
          status.reached();
          logger.warn({ retryInMs: wait }, `bot: another process takes this bot's updates (409 Conflict: a second instance polling, or a webhook set); retrying in ${Math.ceil(wait / 1000)} s`);
        } else if (err instanceof GrammyError) {
          status.reached();
          logger.warn({ cause: telegramFailureCause(err), retryInMs: wait }, 'bot: could not fetch updates; retrying');
        } else {
          unreachable('getUpdates', timedOut ? new Error(`no answer within ${POLL_TIMEOUT_SECONDS + POLL_GRACE_MS / 1000} s`) : err, wait);
        }
        await pause(wait);
        delay = Math.min(delay * 2, 60_000);
      } finally {
        clearTimeout(timer);
        signal.removeEventListener('abort', onStop);
      }
    }
  }

  const startPolling = async () => {
    // A webhook left from BOT_MODE=webhook would make getUpdates fail (409).
    await bot.api.deleteWebhook();
    if (stopped) return;
    runner = createRunner(createSource({ supply: fetchUpdates }), pipeline.sink);
    runner.start();
    logger.info({ bot: bot.botInfo.username }, 'bot polling');
    runner.task()?.catch((err: unknown) => {
      if (!stopped) logger.error({ err }, 'bot polling stopped');
    });
  };

  const ready = (async () => {
    // getMe itself, not bot.init(): init retries network failures silently, for ever.
    const getMe = async (signal: AbortSignal) => {
      if (!bot.isInited()) bot.botInfo = await bot.api.getMe(signal as RunnerSignal);
    };
    if (!(await retrying('getMe', getMe, getMeTimeoutMs))) return;
    logger.info({ bot: bot.botInfo.username }, `Telegram reached: open https://t.me/${bot.botInfo.username} and send /start`);
    try {
      await registerCommandMenu(bot.api);
    } catch (err) {
      logger.warn({ err }, 'bot: could not set the command menu');
    }
    if (mode === 'webhook') {
      const webhook = deps.webhook!;
      const set = await retrying('register the webhook', async () => {
        await bot.api.setWebhook(webhook.url, { secret_token: webhook.secretToken, allowed_updates: [...ALLOWED_UPDATES] });
      });
      if (set) logger.info({ bot: bot.botInfo.username }, 'bot webhook registered');
      return;
    }
    await retrying('start polling', startPolling);
  })();
  const settled = ready.catch((err: unknown) => {
    if (err instanceof BotTokenRejectedError && deps.onTokenRejected) deps.onTokenRejected(err);
    else logger.error({ err }, 'bot failed to start');
  });

  return {
    mode,
    ready: settled,
    status,
    async stop() {
      stopped = true;
      wake?.();
      inFlight?.abort();
      await runner?.stop();
      if (!(await pipeline.drain(deps.drainMs ?? 5_000))) logger.warn({ inFlight: pipeline.inFlight() }, 'bot stopped with updates still being handled');
      // Tell Telegram which updates were handled, so they are not handed out again after a restart
      // (one fetched but never taken into the pipeline is not confirmed: it comes again).
      const taken = pipeline.highestTaken();
      if (mode === 'polling' && taken >= 0) {
        await bot.api.getUpdates({ offset: taken + 1, limit: 1, timeout: 0 }).catch((err: unknown) => logger.warn({ err }, 'bot: could not confirm the last updates'));
      }
    },
  };
}

/** launchBot, resolving once updates flow (tests, and anyone who wants to wait). */
export async function startBot(bot: Bot<BotContext>, deps: LaunchDeps): Promise<RunningBot> {
  const running = launchBot(bot, deps);
  await running.ready;
  return running;
}
