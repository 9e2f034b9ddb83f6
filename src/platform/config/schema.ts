import { z } from 'zod';
import cron from 'node-cron';
import { parseDayStart } from '../time/business-time.js';

/** Each variable of SPEC's settings table, with what a bad value is told. */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const url = (protocols: string[], hint: string) =>
  z.string().trim().refine((v) => {
    try {
      return protocols.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, hint);

const positiveInt = (hint: string) =>
  z.string().trim().regex(/^\d+$/, hint).transform(Number).pipe(z.number().int().positive(hint));

export const envSchema = z.object({
  BOT_TOKEN: z
    .string({ error: "required: the bot's token from @BotFather (like 123456:ABC-DEF…)" })
    .trim()
    .regex(/^\d{3,}:[A-Za-z0-9_-]{20,}$/, "expected the bot's token from @BotFather, like 123456:ABC-DEF…"),
  TELEGRAM_API_ROOT: z.preprocess(
    emptyToUndefined,
    url(['http:', 'https:'], 'expected an http(s) URL of the Bot API root').default('https://api.telegram.org'),
  ),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    url(['postgres:', 'postgresql:'], 'expected a postgres://user@host:port/db URL').optional(),
  ),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
  PORT: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d+$/, 'expected a TCP port number 0–65535')
      .transform(Number)
      .pipe(z.number().int().min(0).max(65535, 'expected a TCP port number 0–65535'))
      .default(3000),
  ),
  PUBLIC_URL: z.preprocess(emptyToUndefined, url(['http:', 'https:'], 'expected an http(s) URL such as https://bot.example.com').optional()),
  BUSINESS_TZ: z.preprocess(
    emptyToUndefined,
    z.string().trim().refine(isTimeZone, 'expected an IANA time zone such as Europe/Kyiv').default('Europe/Kyiv'),
  ),
  BUSINESS_DAY_START: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .refine((v) => parseDayStart(v) !== undefined, 'expected a time HH:MM from 00:00 to 23:59, such as 04:00')
      .default('00:00')
      .transform((v) => parseDayStart(v)!),
  ),
  DAILY_SUMMARY_CRON: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .refine((v) => cron.validate(v), 'expected a cron expression such as "0 21 * * *"')
      .default('0 21 * * *'),
  ),
  WEEKLY_DIGEST_CRON: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .refine((v) => cron.validate(v), 'expected a cron expression such as "0 9 * * 1"')
      .default('0 9 * * 1'),
  ),
  LOW_CASH_THRESHOLD: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d+([.,]\d{1,2})?$/, 'expected an amount in UAH such as 500 or 500.50 (0 turns it off)')
      .default('0'),
  ),
  BOT_MODE: z.preprocess(
    emptyToUndefined,
    z.enum(['polling', 'webhook'], { error: 'expected "polling" or "webhook"' }).default('polling'),
  ),
  SIGNUP: z.preprocess(
    emptyToUndefined,
    z.enum(['first', 'open'], { error: 'expected "first" (the first person only; later ones need an invite or ALLOWED_USER_IDS) or "open" (anyone)' }).default('first'),
  ),
  ALLOWED_USER_IDS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d+(\s*,\s*\d+)*$/, 'expected Telegram user ids separated by commas, such as 12345,67890')
      .transform((v) => v.split(',').map((s) => s.trim()))
      .optional(),
  ),
  MAX_BODY_BYTES: z.preprocess(emptyToUndefined, positiveInt('expected a positive number of bytes').default(2 * 1024 * 1024)),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  ),
  RECEIPT_RETENTION_DAYS: z.preprocess(emptyToUndefined, positiveInt('expected a positive number of days').default(400)),
  METRICS_TOKEN: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^[\x21-\x7e]{16,}$/, 'expected at least 16 printable characters without spaces (the bearer token /metrics asks for)')
      .optional(),
  ),
  TRUST_PROXY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^(false|true|\d{1,2})$/, 'expected false, true (one reverse proxy in front) or the number of proxies in front')
      .transform((v) => (v === 'false' ? 0 : v === 'true' ? 1 : Number(v)))
      .default(0),
  ),
  HTTP_MAX_CONNECTIONS: z.preprocess(emptyToUndefined, positiveInt('expected a positive number of connections').default(1024)),
  // Per-shop quotas: a check from a new fiscal number beyond this many cash desks is refused (422).
  MAX_CASH_DESKS_PER_SHOP: z.preprocess(emptyToUndefined, positiveInt('expected a positive number of cash desks').default(200)),
});
