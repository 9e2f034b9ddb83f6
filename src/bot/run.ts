import { createRunner, createSource, type RunnerHandle } from '@grammyjs/runner';
import { GrammyError, type Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Config } from '../config/config.js';
import type { Logger } from '../observability/logger.js';
import type { BotContext } from './context.js';
import { registerCommandMenu } from './command-menu.js';
import type { TelegramWebhook } from './webhook.js';
import { createUpdatePipeline, type UpdatePipeline } from './update-pipeline.js';

/** The updates the bot acts on. */
const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;

export interface RunningBot {
  mode: 'polling' | 'webhook';
  /** Resolves once updates flow (polling started, or webhook registered); also when stopped first. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

export interface LaunchDeps {
  config: Pick<Config, 'botMode'>;
  logger: Logger;
  /** Needed for BOT_MODE=webhook: the route the Koa app mounts. */
  webhook?: TelegramWebhook;
  /** First wait before retrying when Telegram cannot be reached; doubles up to a minute. */
  retryDelayMs?: number;
  /** How long stop() waits for updates being handled (default 5 s). */
  drainMs?: number;
}

/** getUpdates' long-poll timeout, in seconds. */
const POLL_TIMEOUT_SECONDS = 30;

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

  /** Runs `step` until it succeeds or the bot is stopped; false when stopped. */
  async function retrying(what: string, step: () => Promise<void>): Promise<boolean> {
    let delay = deps.retryDelayMs ?? 1000;
    for (;;) {
      if (stopped) return false;
      try {
        await step();
        return true;
      } catch (err) {
        if (stopped) return false;
        logger.warn({ err, retryInMs: delay }, `bot: could not ${what}; retrying`);
        await pause(delay);
        delay = Math.min(delay * 2, 60_000);
      }
    }
  }

  const pipeline: UpdatePipeline = mode === 'webhook' ? deps.webhook!.pipeline : createUpdatePipeline(bot, { logger });
  let runner: RunnerHandle | undefined;
  /** The next update_id to ask for. */
  let offset = 0;

  /** getUpdates for the runner's source: retries what can be retried (logged), gives up on 401/409. */
  async function fetchUpdates(batchSize: number, signal: RunnerSignal): Promise<Update[]> {
    let delay = deps.retryDelayMs ?? 1000;
    for (;;) {
      try {
        const updates = await bot.api.getUpdates(
          { offset, limit: Math.max(1, Math.min(batchSize, 100)), timeout: POLL_TIMEOUT_SECONDS, allowed_updates: [...ALLOWED_UPDATES] },
          signal,
        );
        const last = updates[updates.length - 1];
        if (last) offset = last.update_id + 1;
        return updates;
      } catch (err) {
        if (signal.aborted || stopped) throw err;
        if (err instanceof GrammyError && (err.error_code === 401 || err.error_code === 409)) throw err;
        const retryAfter = err instanceof GrammyError ? err.parameters.retry_after : undefined;
        const wait = retryAfter !== undefined ? retryAfter * 1000 : delay;
        logger.warn({ err, retryInMs: wait }, 'bot: could not fetch updates; retrying');
        await pause(wait);
        delay = Math.min(delay * 2, 60_000);
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
    if (!(await retrying('reach Telegram (getMe)', () => bot.init()))) return;
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
  ready.catch((err: unknown) => logger.error({ err }, 'bot failed to start'));

  return {
    mode,
    ready,
    async stop() {
      stopped = true;
      wake?.();
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
