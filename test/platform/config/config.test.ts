import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { loadConfig, ConfigError, configWarnings } from '../../../src/platform/config/config.js';

const TOKEN = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

function error(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('defaults every optional setting as SPEC says', () => {
    const c = loadConfig({ BOT_TOKEN: TOKEN });
    expect(c).toMatchObject({
      botToken: TOKEN,
      telegramApiRoot: 'https://api.telegram.org',
      databaseUrl: undefined,
      dataDir: './data',
      host: '0.0.0.0',
      port: 3000,
      publicUrl: 'http://localhost:3000',
      businessTz: 'Europe/Kyiv',
      businessDayStart: 0,
      dailySummaryCron: '0 21 * * *',
      lowCashThresholdKop: 0,
      botMode: 'polling',
      allowedUserIds: [],
      maxBodyBytes: 2097152,
      logLevel: 'info',
    });
  });

  it('reads every setting', () => {
    const c = loadConfig({
      BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
      DATABASE_URL: 'postgres://u@db:5432/x',
      DATA_DIR: '/var/lib/x',
      HOST: '127.0.0.1',
      PORT: '8080',
      PUBLIC_URL: 'https://bot.example.com/',
      BUSINESS_TZ: 'Europe/Warsaw',
      BUSINESS_DAY_START: '04:30',
      DAILY_SUMMARY_CRON: '30 22 * * 1-5',
      LOW_CASH_THRESHOLD: '500,50',
      BOT_MODE: 'webhook',
      ALLOWED_USER_IDS: '1, 22,333',
      MAX_BODY_BYTES: '2048',
      LOG_LEVEL: 'debug',
    });
    expect(c).toMatchObject({
      telegramApiRoot: 'http://127.0.0.1:8081',
      databaseUrl: 'postgres://u@db:5432/x',
      port: 8080,
      publicUrl: 'https://bot.example.com',
      businessTz: 'Europe/Warsaw',
      businessDayStart: 4 * 60 + 30,
      lowCashThresholdKop: 50050,
      botMode: 'webhook',
      allowedUserIds: ['1', '22', '333'],
      maxBodyBytes: 2048,
      logLevel: 'debug',
    });
  });

  it('METRICS_TOKEN: unset or empty leaves /metrics open; a short or spaced one is refused', () => {
    expect(loadConfig({ BOT_TOKEN: TOKEN }).metricsToken).toBeUndefined();
    expect(loadConfig({ BOT_TOKEN: TOKEN, METRICS_TOKEN: '' }).metricsToken).toBeUndefined();
    expect(loadConfig({ BOT_TOKEN: TOKEN, METRICS_TOKEN: ' scrape-me-0123456789 ' }).metricsToken).toBe('scrape-me-0123456789');
    expect(error({ BOT_TOKEN: TOKEN, METRICS_TOKEN: 'short' })).toMatch(/^METRICS_TOKEN: expected at least 16 printable characters/);
    expect(error({ BOT_TOKEN: TOKEN, METRICS_TOKEN: 'has a space in it 0123' })).toMatch(/^METRICS_TOKEN: expected/);
  });

  it('HTTP bounds: MAX_BODY_BYTES 2 MiB, TRUST_PROXY off, HTTP_MAX_CONNECTIONS 1024 by default; each read and checked', () => {
    expect(loadConfig({ BOT_TOKEN: TOKEN })).toMatchObject({ maxBodyBytes: 2 * 1024 * 1024, trustProxy: 0, httpMaxConnections: 1024 });
    expect(loadConfig({ BOT_TOKEN: TOKEN, TRUST_PROXY: 'true', HTTP_MAX_CONNECTIONS: '200' })).toMatchObject({ trustProxy: 1, httpMaxConnections: 200 });
    expect(loadConfig({ BOT_TOKEN: TOKEN, TRUST_PROXY: ' FALSE ' }).trustProxy).toBe(0);
    expect(loadConfig({ BOT_TOKEN: TOKEN, TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ BOT_TOKEN: TOKEN, TRUST_PROXY: '' }).trustProxy).toBe(0);
    expect(error({ BOT_TOKEN: TOKEN, TRUST_PROXY: 'yes' })).toMatch(/^TRUST_PROXY: expected false, true/);
    expect(error({ BOT_TOKEN: TOKEN, HTTP_MAX_CONNECTIONS: '0' })).toMatch(/^HTTP_MAX_CONNECTIONS: expected a positive number/);
  });

  it('SIGNUP: first by default, or open; anything else is refused', () => {
    expect(loadConfig({ BOT_TOKEN: TOKEN }).signup).toBe('first');
    expect(loadConfig({ BOT_TOKEN: TOKEN, SIGNUP: 'open' }).signup).toBe('open');
    expect(error({ BOT_TOKEN: TOKEN, SIGNUP: 'anyone' })).toMatch(/^SIGNUP: expected "first"/);
  });

  it('BOT_MODE=webhook needs an https PUBLIC_URL; localhost or plain http is warned of once', () => {
    expect(error({ BOT_TOKEN: TOKEN, BOT_MODE: 'webhook', PUBLIC_URL: 'http://bot.example.com' })).toMatch(/^PUBLIC_URL: BOT_MODE=webhook needs an https:\/\/ PUBLIC_URL/);
    expect(error({ BOT_TOKEN: TOKEN, BOT_MODE: 'webhook' })).toMatch(/^PUBLIC_URL: BOT_MODE=webhook needs an https/);
    expect(configWarnings(loadConfig({ BOT_TOKEN: TOKEN }))).toEqual([expect.stringMatching(/^PUBLIC_URL is http:\/\/localhost:3000, on this machine only: CashDesk cannot reach it/)]);
    expect(configWarnings(loadConfig({ BOT_TOKEN: TOKEN, PUBLIC_URL: 'https://127.0.0.1:8443' }))).toHaveLength(1);
    expect(configWarnings(loadConfig({ BOT_TOKEN: TOKEN, PUBLIC_URL: 'http://bot.example.com' }))).toEqual([expect.stringMatching(/plain http/)]);
    expect(configWarnings(loadConfig({ BOT_TOKEN: TOKEN, PUBLIC_URL: 'https://bot.example.com', BOT_MODE: 'webhook' }))).toEqual([]);
  });

  it('PUBLIC_URL follows PORT by default; empty values mean the default', () => {
    expect(loadConfig({ BOT_TOKEN: TOKEN, PORT: '4000', PUBLIC_URL: '' }).publicUrl).toBe('http://localhost:4000');
  });

  it.each([
    [{}, /^BOT_TOKEN: required/],
    [{ BOT_TOKEN: 'nope' }, /^BOT_TOKEN: expected/],
    [{ BOT_TOKEN: TOKEN, PORT: 'abc' }, /^PORT: expected a TCP port/],
    [{ BOT_TOKEN: TOKEN, PORT: '70000' }, /^PORT: expected a TCP port/],
    [{ BOT_TOKEN: TOKEN, DATABASE_URL: 'mysql://x' }, /^DATABASE_URL: expected a postgres/],
    [{ BOT_TOKEN: TOKEN, BUSINESS_TZ: 'Mars/Base' }, /^BUSINESS_TZ: expected an IANA time zone/],
    [{ BOT_TOKEN: TOKEN, BUSINESS_DAY_START: '24:00' }, /^BUSINESS_DAY_START: expected a time HH:MM from 00:00 to 23:59/],
    [{ BOT_TOKEN: TOKEN, BUSINESS_DAY_START: '4am' }, /^BUSINESS_DAY_START: expected a time HH:MM/],
    [{ BOT_TOKEN: TOKEN, DAILY_SUMMARY_CRON: 'every day' }, /^DAILY_SUMMARY_CRON: expected a cron/],
    [{ BOT_TOKEN: TOKEN, LOW_CASH_THRESHOLD: '-5' }, /^LOW_CASH_THRESHOLD: expected an amount/],
    [{ BOT_TOKEN: TOKEN, BOT_MODE: 'push' }, /^BOT_MODE: expected "polling" or "webhook"/],
    [{ BOT_TOKEN: TOKEN, ALLOWED_USER_IDS: 'alice' }, /^ALLOWED_USER_IDS: expected Telegram user ids/],
    [{ BOT_TOKEN: TOKEN, MAX_BODY_BYTES: '0' }, /^MAX_BODY_BYTES: expected a positive/],
    [{ BOT_TOKEN: TOKEN, LOG_LEVEL: 'loud' }, /^LOG_LEVEL: expected one of/],
    [{ BOT_TOKEN: TOKEN, PUBLIC_URL: 'bot.example.com' }, /^PUBLIC_URL: expected an http\(s\) URL/],
    [{ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: 'ftp://x' }, /^TELEGRAM_API_ROOT: expected an http\(s\) URL/],
  ])('%j → %s', (env, message) => {
    expect(error(env as Record<string, string>)).toMatch(message);
  });

  it('the service stops on a bad setting with one line naming it, exit 1, no stack trace', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, BOT_TOKEN: TOKEN, PORT: 'abc', DOTENV_CONFIG_PATH: '/nonexistent' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual(['Configuration error: PORT: expected a TCP port number 0–65535']);
  });
});
