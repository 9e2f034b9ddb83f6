import { isExpiredError, validate } from '@telegram-apps/init-data-node';
import type { Context, Next } from 'koa';
import { z } from 'zod';
import type { QueryPool } from '../platform/db/query-pool.js';
import { businessesOfUser, type UserBusiness } from '../features/shops/app-users.js';
import { isLang, langFromTelegram } from '../platform/i18n/lang.js';
import type { ApiError, Lang, NotLinkedError } from './api-contract.js';
import { apiError } from './errors.js';
import type { KeyedLimiter } from './request-limits.js';

/**
 * Every Mini App API call carries `Authorization: tma <initData>`, the raw launch data Telegram
 * signed: HMAC-SHA256 with the key HMAC-SHA256("WebAppData", bot token), `auth_date` at most 24
 * hours old (validated by @telegram-apps/init-data-node). The user id in it then decides the
 * business and the role (features/shops/app-users.ts). Nothing else is a session. initData is never
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

export interface InitDataAuthDeps {
  pool: QueryPool;
  botToken: string;
  /** The bot's @username, when known: named in the 403 `not_linked`, so the app can open the bot's chat. */
  botUsername?: () => string | undefined;
  /** Per Telegram user: requests a second and in flight. */
  users: KeyedLimiter;
  /** Per client address: requests whose initData does not hold (so forging costs the forger). */
  failures: KeyedLimiter;
}

/**
 * Reads and checks initData; answers 401/403/404 itself, else puts the viewer in ctx.state.
 * Each user's requests are admitted by `users` (429 with Retry-After beyond), before any query;
 * an address whose refused requests spent its budget gets 429 before its initData is read.
 */
export function initDataAuth(deps: InitDataAuthDeps) {
  return async (ctx: Context, next: Next): Promise<void> => {
    const refusedWait = deps.failures.waitSeconds(ctx.ip);
    if (refusedWait > 0) return tooMany(ctx, refusedWait);
    const user = readUser(ctx.get('authorization'), deps.botToken);
    if (!user.ok) {
      deps.failures.charge(ctx.ip);
      return apiError(ctx, 401, user.code, user.message);
    }
    const admission = deps.users.admit(user.user.id);
    if (!admission.ok) return tooMany(ctx, admission.retryAfterSeconds);
    try {
      const query = businessQuerySchema.safeParse({ business: ctx.query.business });
      if (!query.success) return apiError(ctx, 400, 'bad_request', '`business` must be a positive integer');
      const linked = await deps.pool.run((db) => businessesOfUser(db, user.user.id));
      if (linked.length === 0) return notLinked(ctx, deps.botUsername?.());
      const chosen = query.data.business === undefined ? linked[0] : linked.find((l) => l.business.id === query.data.business);
      if (!chosen) return apiError(ctx, 404, 'not_found', 'Not found');

      ctx.state.viewer = {
        userId: user.user.id,
        firstName: user.user.first_name,
        languageCode: user.user.language_code,
        access: chosen,
        lang: isLang(chosen.chatLang) ? chosen.chatLang : langFromTelegram(user.user.language_code),
      } satisfies Viewer;
      await next();
    } finally {
      admission.release();
    }
  };
}

/** 403 `not_linked`, naming the bot (when known) whose chat the app then offers to open. */
function notLinked(ctx: Context, bot: string | undefined): void {
  apiError(ctx, 403, 'not_linked', 'This Telegram account is not linked to a shop: open the bot and send /start');
  if (bot) ctx.body = { ...(ctx.body as ApiError), bot } satisfies NotLinkedError;
}

function tooMany(ctx: Context, retryAfterSeconds: number): void {
  ctx.set('retry-after', String(retryAfterSeconds));
  apiError(ctx, 429, 'too_many_requests', `Too many requests: try again in ${retryAfterSeconds} s`);
}

type ReadUser = { ok: true; user: z.infer<typeof userSchema> } | { ok: false; code: 'unauthorized' | 'expired'; message: string };

/** The user of a valid `Authorization: tma <initData>` header. */
function readUser(header: string, botToken: string): ReadUser {
  const match = /^tma (.+)$/.exec(header);
  if (!match || match[1]!.length > MAX_INIT_DATA_CHARS) return { ok: false, code: 'unauthorized', message: 'Authorization: tma <initData> is required' };
  const raw = match[1]!;
  try {
    validate(raw, botToken, { expiresIn: INIT_DATA_MAX_AGE_SECONDS });
  } catch (err) {
    if (isExpiredError(err)) return { ok: false, code: 'expired', message: 'initData is older than 24 hours: reopen the app' };
    return { ok: false, code: 'unauthorized', message: 'initData is not signed by this bot' };
  }
  const params = new URLSearchParams(raw);
  const authDate = Number(params.get('auth_date'));
  // The real clock, as the library's expiry check uses.
  const nowSeconds = Date.now() / 1000;
  if (!(authDate <= nowSeconds + FUTURE_SKEW_SECONDS)) return { ok: false, code: 'unauthorized', message: 'initData is dated in the future' };
  let userJson: unknown;
  try {
    userJson = JSON.parse(params.get('user') ?? 'null');
  } catch {
    userJson = null;
  }
  const user = userSchema.safeParse(userJson);
  if (!user.success) return { ok: false, code: 'unauthorized', message: 'initData names no user' };
  return { ok: true, user: user.data };
}
