import { createHmac } from 'node:crypto';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Middleware } from 'koa';
import type { Config } from '../platform/config/config.js';
import type { Logger } from '../platform/observability/logger.js';
import { secretsEqual } from '../features/shops/secrets.js';
import { readBody, parseJsonObject } from '../platform/http/read-body.js';
import type { BotContext } from './context.js';
import { createUpdatePipeline, type UpdatePipeline } from './update-pipeline.js';

/** Telegram's updates are small; anything bigger is not an update. */
const MAX_UPDATE_BYTES = 1024 * 1024;
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** The secret in the path and the header, derived from the bot token: stable across restarts and instances. */
function derive(botToken: string, purpose: string): string {
  return createHmac('sha256', botToken).update(`cashdesk-telegram:${purpose}`).digest('base64url').slice(0, 43);
}

export interface TelegramWebhook {
  /** Where the Koa app mounts it: `/telegram/<secret>`. */
  path: string;
  /** `PUBLIC_URL/telegram/<secret>`, what setWebhook registers. */
  url: string;
  /** Telegram sends it back in X-Telegram-Bot-Api-Secret-Token with every update. */
  secretToken: string;
  /** Koa middleware for POST `path` (AppDeps.telegramWebhook). */
  handler: Middleware;
  /** Where the route hands updates (launchBot drains it at stop). */
  pipeline: UpdatePipeline;
}

/**
 * BOT_MODE=webhook: Telegram posts updates to PUBLIC_URL/telegram/<secret>. The secret header is
 * checked before the body is read; the body is read with a size limit and parsed here (the app
 * has no body parser), then handed to the same concurrent, per-chat ordered pipeline as polling
 * (update-pipeline.ts) and acknowledged at once: one slow chat never holds Telegram's webhook
 * (or any other chat) up.
 */
export function createTelegramWebhook(
  bot: Bot<BotContext>,
  deps: { config: Pick<Config, 'botToken' | 'publicUrl'>; logger: Logger; maxBodyBytes?: number },
): TelegramWebhook {
  const path = `/telegram/${derive(deps.config.botToken, 'path')}`;
  const secretToken = derive(deps.config.botToken, 'secret-token');
  const limit = deps.maxBodyBytes ?? MAX_UPDATE_BYTES;
  const pipeline = createUpdatePipeline(bot, { logger: deps.logger });

  const handler: Middleware = async (ctx) => {
    if (!secretsEqual(ctx.get(SECRET_HEADER), secretToken)) {
      deps.logger.warn('telegram webhook: wrong secret token');
      ctx.status = 401;
      ctx.body = { ok: false, error: 'unauthorized' };
      return;
    }
    const body = await readBody(ctx, limit);
    if (!body.ok) {
      ctx.status = body.status;
      ctx.body = { ok: false, error: body.message };
      return;
    }
    const json = parseJsonObject(body.bytes);
    if (!json.ok || typeof json.value.update_id !== 'number') {
      ctx.status = 400;
      ctx.body = { ok: false, error: json.ok ? 'not a Telegram update' : json.message };
      return;
    }
    await pipeline.push([json.value as unknown as Update]);
    ctx.status = 200;
    ctx.body = { ok: true };
  };

  return { path, url: `${deps.config.publicUrl}${path}`, secretToken, handler, pipeline };
}
