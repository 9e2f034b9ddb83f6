import { pino, type Logger, type LoggerOptions } from 'pino';
import { scrubTelegramSecrets } from '../telegram/secrets.js';

export type { Logger };

/** Paths that may hold secrets; pino replaces their values. */
const REDACT_PATHS = [
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'webhookToken',
  '*.webhookToken',
  'code',
  '*.code',
  'inviteCode',
  '*.inviteCode',
  'secret',
  '*.secret',
  'metricsToken',
  '*.metricsToken',
  'authorization',
  '*.authorization',
  'req.headers["x-telegram-bot-api-secret-token"]',
  'req.headers.authorization',
  'pdf',
  '*.pdf',
  'body',
  '*.body',
];

/**
 * Secrets that may hide inside free text (URLs, error messages): Telegram's (the bot token in
 * API URLs, the webhook's secret path, invite codes in start links) and the CashDesk webhook
 * tokens in paths.
 */
export function scrubSecrets(text: string): string {
  return scrubTelegramSecrets(text).replace(/(\/webhooks\/cashdesk\/)[^/?\s"]+/g, '$1<redacted>');
}

/**
 * A failed query's error (drizzle's "Failed query: … params: …") lists the values it bound:
 * a whole check, its PDF, token hashes. The query stays, the values go.
 */
function withoutQueryParams(text: string): string {
  return text.replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/g, '\nparams: <omitted>');
}

export interface LoggerSettings {
  level: LoggerOptions['level'];
  /** Readable lines for a person at a terminal; JSON otherwise. */
  pretty?: boolean;
  destination?: NodeJS.WritableStream;
}

export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = {
    level: settings.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '<redacted>' },
    formatters: {
      log(object) {
        // Error messages from HTTP clients carry URLs; URLs carry tokens.
        for (const key of ['err', 'error'] as const) {
          const value = object[key];
          if (value instanceof Error) {
            const clean = (text: string) => scrubSecrets(withoutQueryParams(text));
            const cause = value.cause instanceof Error ? clean(value.cause.message) : undefined;
            object[key] = { type: value.name, message: clean(value.message), cause, stack: clean(value.stack ?? '') };
          }
        }
        if (typeof object.url === 'string') object.url = scrubSecrets(object.url);
        return object;
      },
    },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((a) => (typeof a === 'string' ? scrubSecrets(a) : a)) as typeof args;
        method.apply(this, scrubbed);
      },
    },
  };
  if (settings.destination) return pino(options, settings.destination as pino.DestinationStream);
  if (settings.pretty) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } });
  }
  return pino(options);
}
