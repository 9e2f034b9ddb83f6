import { createConcurrentSink, type UpdateSink } from '@grammyjs/runner';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../platform/observability/logger.js';
import type { BotContext } from './context.js';

/** Updates handled at once (each chat's still one after another: bot.ts sequentialize). */
const UPDATE_CONCURRENCY = 500;

/**
 * The one way updates reach the bot, in both modes (polling: run.ts feeds it from getUpdates;
 * webhook: webhook.ts feeds it from each POST and answers at once): grammY runner's concurrent
 * sink, so a slow chat never holds another one up, while bot.ts's `sequentialize` keeps one
 * chat's updates in order. Errors go to the bot's error handler (bot.catch).
 */
export interface UpdatePipeline {
  /** The runner's sink (run.ts hands it to createRunner). */
  readonly sink: UpdateSink<Update>;
  /** Takes updates to handle; resolves once taken (it waits only while `concurrency` are in hand). */
  push(updates: Update[]): Promise<void>;
  /** Updates taken and not yet handled. */
  inFlight(): number;
  /** The highest update_id taken so far (-1: none): polling confirms up to it at stop. */
  highestTaken(): number;
  /** Resolves true once every update taken so far is handled, false if that took longer than `ms`. */
  drain(ms: number): Promise<boolean>;
}

export function createUpdatePipeline(bot: Bot<BotContext>, deps: { logger: Logger; concurrency?: number }): UpdatePipeline {
  const handling = new Set<Promise<void>>();
  const consume = async (update: Update): Promise<void> => {
    const task = (async () => {
      if (!bot.isInited()) await bot.init();
      await bot.handleUpdate(update);
    })();
    handling.add(task);
    try {
      await task;
    } finally {
      handling.delete(task);
    }
  };
  let highest = -1;
  const inner = createConcurrentSink<Update, unknown>(
    { consume },
    async (err) => {
      try {
        await bot.errorHandler(err as Parameters<typeof bot.errorHandler>[0]);
      } catch (handlerErr) {
        deps.logger.error({ err: handlerErr }, 'bot error handler failed');
      }
    },
    { concurrency: deps.concurrency ?? UPDATE_CONCURRENCY },
  );
  const sink: UpdateSink<Update> = {
    ...inner,
    handle(updates) {
      for (const update of updates) highest = Math.max(highest, update.update_id);
      return inner.handle(updates);
    },
  };
  return {
    sink,
    async push(updates) {
      await sink.handle(updates);
    },
    inFlight: () => handling.size,
    highestTaken: () => highest,
    async drain(ms) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), ms);
      });
      const done = (async () => {
        while (handling.size > 0) await Promise.allSettled([...handling]);
        return true as const;
      })();
      const result = await Promise.race([done, timeout]);
      clearTimeout(timer);
      return result;
    },
  };
}
