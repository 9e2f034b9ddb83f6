import { isExpiredError, validate } from '@telegram-apps/init-data-node';
import type { Context, Next } from 'koa';
import { z } from 'zod';
import type { Database } from '../db/client.js';
import { businessesOfUser, type UserBusiness } from '../access/app-users.js';
import { isLang, langFromTelegram } from '../i18n/lang.js';
import type { Lang } from './api-contract.js';
import { apiError } from './errors.js';

/**
 * Every Mini App API call carries `Authorization: tma <initData>`, the raw launch data Telegram
 * signed: HMAC-SHA256 with the key HMAC-SHA256("WebAppData", bot token), `auth_date` at most 24
 * hours old (validated by @telegram-apps/init-data-node). The user id in it then decides the
 * business and the role (access/app-users.ts). Nothing else is a session. initData is never
 * logged: only the outcome is.
 */
const INIT_DATA_MAX_AGE_SECONDS = 24 * 60 * 60;
/** A client clock ahead of ours by more than this makes `auth_date` a forgery, not a skew. */
const FUTURE_SKEW_SECONDS = 5 * 60;
/** Longer than any initData Telegram makes; refused before any HMAC is computed. */
const MAX_INIT_DATA_CHARS = 8192;

const userSchema = z.object({
  id: z.number().int().positive(),
  first_name: z.string(),
  language_code: z.string().optional(),
});

export interface Viewer {
  userId: number;
  firstName: string;
  languageCode: string | undefined;
  /** The business this request looks at, with the user's role in it. */
  access: UserBusiness;
  lang: Lang;
}

export type AppState = { viewer: Viewer };

const businessQuerySchema = z.object({ business: z.coerce.number().int().positive().optional() });

/** Reads and checks initData; answers 401/403/404 itself, else puts the viewer in ctx.state. */
export function initDataAuth(deps: { db: Database; botToken: string }) {
  return async (ctx: Context, next: Next): Promise<void> => {
    const header = ctx.get('authorization');
    const match = /^tma (.+)$/.exec(header);
    if (!match || match[1]!.length > MAX_INIT_DATA_CHARS) return apiError(ctx, 401, 'unauthorized', 'Authorization: tma <initData> is required');
    const raw = match[1]!;
    try {
      validate(raw, deps.botToken, { expiresIn: INIT_DATA_MAX_AGE_SECONDS });
    } catch (err) {
      if (isExpiredError(err)) return apiError(ctx, 401, 'expired', 'initData is older than 24 hours: reopen the app');
      return apiError(ctx, 401, 'unauthorized', 'initData is not signed by this bot');
    }
    const params = new URLSearchParams(raw);
    const authDate = Number(params.get('auth_date'));
    // The real clock, as the library's expiry check uses.
    const nowSeconds = Date.now() / 1000;
    if (!(authDate <= nowSeconds + FUTURE_SKEW_SECONDS)) return apiError(ctx, 401, 'unauthorized', 'initData is dated in the future');
    let userJson: unknown;
    try {
      userJson = JSON.parse(params.get('user') ?? 'null');
    } catch {
      userJson = null;
    }
    const user = userSchema.safeParse(userJson);
    if (!user.success) return apiError(ctx, 401, 'unauthorized', 'initData names no user');

    const query = businessQuerySchema.safeParse({ business: ctx.query.business });
    if (!query.success) return apiError(ctx, 400, 'bad_request', '`business` must be a positive integer');
    const linked = await businessesOfUser(deps.db, user.data.id);
    if (linked.length === 0) return apiError(ctx, 403, 'not_linked', 'This Telegram account is not linked to a shop: open the bot and send /start');
    const chosen = query.data.business === undefined ? linked[0] : linked.find((l) => l.business.id === query.data.business);
    if (!chosen) return apiError(ctx, 404, 'not_found', 'Not found');

    ctx.state.viewer = {
      userId: user.data.id,
      firstName: user.data.first_name,
      languageCode: user.data.language_code,
      access: chosen,
      lang: isLang(chosen.chatLang) ? chosen.chatLang : langFromTelegram(user.data.language_code),
    } satisfies Viewer;
    await next();
  };
}
