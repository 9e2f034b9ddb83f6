import { envSchema } from './schema.js';
import { parseMoneyToKopecks } from '../money/parse.js';

export interface Config {
  botToken: string;
  telegramApiRoot: string;
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  publicUrl: string;
  businessTz: string;
  /** BUSINESS_DAY_START: when a business day begins, in minutes after local midnight (0 by default). */
  businessDayStart: number;
  dailySummaryCron: string;
  /** When the weekly digest (last week's report) goes out. */
  weeklyDigestCron: string;
  /** Default low-cash threshold for a new cash desk, in kopecks; 0 means off. */
  lowCashThresholdKop: number;
  botMode: 'polling' | 'webhook';
  /**
   * Who may register a new business with /start: `first`, the first person only (no business
   * yet); `open`, anyone. ALLOWED_USER_IDS may register besides; invites work regardless.
   */
  signup: 'first' | 'open';
  /** Telegram user ids that may register a new business whatever `signup` says. */
  allowedUserIds: readonly string[];
  maxBodyBytes: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  receiptRetentionDays: number;
  /** When set, GET /metrics answers only to `Authorization: Bearer <metricsToken>`. */
  metricsToken: string | undefined;
  /** TRUST_PROXY: how many reverse proxies in front whose X-Forwarded-* headers are believed (0: none). */
  trustProxy: number;
  /** HTTP_MAX_CONNECTIONS: connections open at once; beyond, new ones are closed. */
  httpMaxConnections: number;
  /** A shop's most cash desks: a check from a new fiscal number beyond them is refused. */
  maxCashDesksPerShop: number;
}

/** A setting that is missing or malformed; the message is the one line shown at start. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Parses the environment into a Config, or throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`${name}: ${issue.message}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  if (e.BOT_MODE === 'webhook' && new URL(publicUrl).protocol !== 'https:') {
    throw new ConfigError(`PUBLIC_URL: BOT_MODE=webhook needs an https:// PUBLIC_URL (Telegram posts updates only to https), not ${publicUrl}`);
  }
  return {
    botToken: e.BOT_TOKEN,
    telegramApiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    businessTz: e.BUSINESS_TZ,
    businessDayStart: e.BUSINESS_DAY_START,
    dailySummaryCron: e.DAILY_SUMMARY_CRON,
    weeklyDigestCron: e.WEEKLY_DIGEST_CRON,
    lowCashThresholdKop: parseMoneyToKopecks(e.LOW_CASH_THRESHOLD),
    botMode: e.BOT_MODE,
    signup: e.SIGNUP,
    allowedUserIds: e.ALLOWED_USER_IDS ?? [],
    maxBodyBytes: e.MAX_BODY_BYTES,
    logLevel: e.LOG_LEVEL,
    receiptRetentionDays: e.RECEIPT_RETENTION_DAYS,
    metricsToken: e.METRICS_TOKEN,
    trustProxy: e.TRUST_PROXY,
    httpMaxConnections: e.HTTP_MAX_CONNECTIONS,
    maxCashDesksPerShop: e.MAX_CASH_DESKS_PER_SHOP,
  };
}

/** Host names that only this machine reaches. */
const LOOPBACK_HOST = /^(localhost|.*\.localhost|127(\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0|\[::\])$/i;

/**
 * What a deployer is warned of at start (each one line): a PUBLIC_URL that CashDesk, a service on
 * the internet, cannot reach or should not post checks to (localhost, plain http).
 */
export function configWarnings(config: Pick<Config, 'publicUrl'>): string[] {
  const url = new URL(config.publicUrl);
  if (LOOPBACK_HOST.test(url.hostname)) {
    return [`PUBLIC_URL is ${config.publicUrl}, on this machine only: CashDesk cannot reach it, so no checks will arrive. Set PUBLIC_URL to the https:// address CashDesk can reach.`];
  }
  if (url.protocol !== 'https:') {
    return [`PUBLIC_URL is ${config.publicUrl}, plain http: checks and the webhook token travel unencrypted, and CashDesk may not post to it. Use an https:// address.`];
  }
  return [];
}
