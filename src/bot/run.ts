import type { Bot } from 'grammy';
import type { Config } from '../config/config.js';
import type { Logger } from '../observability/logger.js';
import type { BotContext } from './context.js';
import { registerCommandMenu } from './command-menu.js';
import type { TelegramWebhook } from './webhook.js';

/** The updates the bot acts on. */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;

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
}

/**
 * Starts taking updates without holding up the rest of the service: long polling
 * (BOT_MODE=polling), or registering the webhook with Telegram (BOT_MODE=webhook). The command
 * menu is set in both. While Telegram cannot be reached, it keeps retrying with backoff; the
 * HTTP server and the outbox go on meanwhile.
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

  const startPolling = () =>
    new Promise<void>((resolve, reject) => {
      let started = false;
      bot
        .start({
          allowed_updates: [...ALLOWED_UPDATES],
          onStart: () => {
            started = true;
            logger.info({ bot: bot.botInfo.username }, 'bot polling');
            resolve();
          },
        })
        // Resolves when polling ends: stopped before it ever started, nothing to wait for.
        .then(() => resolve())
        .catch((err: unknown) => {
          if (started) logger.error({ err }, 'bot polling stopped');
          else reject(err instanceof Error ? err : new Error(String(err)));
        });
    });

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
      if (bot.isRunning()) await bot.stop();
    },
  };
}

/** launchBot, resolving once updates flow (tests, and anyone who wants to wait). */
export async function startBot(bot: Bot<BotContext>, deps: LaunchDeps): Promise<RunningBot> {
  const running = launchBot(bot, deps);
  await running.ready;
  return running;
}
