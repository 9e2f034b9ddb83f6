import { describe, expect, it } from 'vitest';
import { envSchema } from '../../../src/platform/config/schema.js';

const TOKEN = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

const parse = (env: Record<string, string>) => envSchema.safeParse({ BOT_TOKEN: TOKEN, ...env });
const value = (env: Record<string, string>) => {
  const parsed = parse(env);
  if (!parsed.success) throw new Error(parsed.error.message);
  return parsed.data;
};
/** The message told about the one variable refused. */
const refusal = (name: string, raw: string) => {
  const parsed = parse({ [name]: raw });
  expect(parsed.success, `${name}=${raw}`).toBe(false);
  const issues = parsed.error!.issues.filter((i) => i.path[0] === name);
  expect(issues).toHaveLength(1);
  return issues[0]!.message;
};

describe('envSchema', () => {
  it('BOT_TOKEN: required, digits, a colon and at least 20 token characters', () => {
    expect(envSchema.safeParse({}).error?.issues[0]?.message).toBe("required: the bot's token from @BotFather (like 123456:ABC-DEF…)");
    expect(value({ BOT_TOKEN: `  ${TOKEN}  ` }).BOT_TOKEN).toBe(TOKEN);
    expect(value({ BOT_TOKEN: '123:abcdefghij_klmnopqr-st' }).BOT_TOKEN).toBe('123:abcdefghij_klmnopqr-st');
    for (const bad of ['12:ABCDEFGHIJKLMNOPQRSTUVWXYZ', '123456:short', '123456 ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'bot123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ', '123456:ABCDEFGHIJKLMNOPQRST/UVWXYZ']) {
      expect(refusal('BOT_TOKEN', bad)).toBe("expected the bot's token from @BotFather, like 123456:ABC-DEF…");
    }
  });

  it('an empty or blank value is the default', () => {
    const c = value({ PORT: '', BUSINESS_TZ: '   ', TRUST_PROXY: '', LOG_LEVEL: '', MAX_CASH_DESKS_PER_SHOP: ' ', DATABASE_URL: '' });
    expect(c).toMatchObject({ PORT: 3000, BUSINESS_TZ: 'Europe/Kyiv', TRUST_PROXY: 0, LOG_LEVEL: 'info', MAX_CASH_DESKS_PER_SHOP: 200, DATABASE_URL: undefined });
  });

  it('PORT: 0 to 65535, spaces trimmed', () => {
    expect(value({ PORT: '0' }).PORT).toBe(0);
    expect(value({ PORT: ' 65535 ' }).PORT).toBe(65535);
    for (const bad of ['65536', '-1', '80.5', 'http', '1e3']) expect(refusal('PORT', bad)).toBe('expected a TCP port number 0–65535');
  });

  it('URLs: the Bot API root and PUBLIC_URL http(s), DATABASE_URL postgres', () => {
    expect(value({ TELEGRAM_API_ROOT: 'http://127.0.0.1:8081' }).TELEGRAM_API_ROOT).toBe('http://127.0.0.1:8081');
    expect(value({ DATABASE_URL: 'postgresql://u@h:5432/db' }).DATABASE_URL).toBe('postgresql://u@h:5432/db');
    expect(refusal('TELEGRAM_API_ROOT', 'ftp://api.telegram.org')).toBe('expected an http(s) URL of the Bot API root');
    expect(refusal('PUBLIC_URL', 'bot.example.com')).toBe('expected an http(s) URL such as https://bot.example.com');
    expect(refusal('DATABASE_URL', 'mysql://u@h/db')).toBe('expected a postgres://user@host:port/db URL');
  });

  it('BUSINESS_TZ: an IANA zone', () => {
    expect(value({ BUSINESS_TZ: 'America/New_York' }).BUSINESS_TZ).toBe('America/New_York');
    expect(refusal('BUSINESS_TZ', 'Mars/Olympus_Mons')).toBe('expected an IANA time zone such as Europe/Kyiv');
  });

  it('BUSINESS_DAY_START: HH:MM with two-digit hours, in minutes', () => {
    expect(value({}).BUSINESS_DAY_START).toBe(0);
    expect(value({ BUSINESS_DAY_START: '04:00' }).BUSINESS_DAY_START).toBe(240);
    expect(value({ BUSINESS_DAY_START: '23:59' }).BUSINESS_DAY_START).toBe(1439);
    for (const bad of ['4:00', '24:00', '04:60', '4']) expect(refusal('BUSINESS_DAY_START', bad)).toBe('expected a time HH:MM from 00:00 to 23:59, such as 04:00');
  });

  it('the cron schedules: valid expressions only', () => {
    expect(value({}).DAILY_SUMMARY_CRON).toBe('0 21 * * *');
    expect(value({}).WEEKLY_DIGEST_CRON).toBe('0 9 * * 1');
    expect(value({ DAILY_SUMMARY_CRON: ' 30 22 * * * ' }).DAILY_SUMMARY_CRON).toBe('30 22 * * *');
    expect(refusal('DAILY_SUMMARY_CRON', '61 * * * *')).toBe('expected a cron expression such as "0 21 * * *"');
    expect(refusal('WEEKLY_DIGEST_CRON', 'every monday')).toBe('expected a cron expression such as "0 9 * * 1"');
  });

  it('LOW_CASH_THRESHOLD: UAH with at most two decimals, kept as written', () => {
    expect(value({}).LOW_CASH_THRESHOLD).toBe('0');
    expect(value({ LOW_CASH_THRESHOLD: '500,50' }).LOW_CASH_THRESHOLD).toBe('500,50');
    for (const bad of ['500.555', '-5', '5 000', '₴500']) expect(refusal('LOW_CASH_THRESHOLD', bad)).toContain('expected an amount in UAH');
  });

  it('BOT_MODE, SIGNUP and LOG_LEVEL: their words only', () => {
    expect(value({ BOT_MODE: 'webhook', SIGNUP: 'open', LOG_LEVEL: 'silent' })).toMatchObject({ BOT_MODE: 'webhook', SIGNUP: 'open', LOG_LEVEL: 'silent' });
    expect(refusal('BOT_MODE', 'Webhook')).toBe('expected "polling" or "webhook"');
    expect(refusal('SIGNUP', 'closed')).toContain('expected "first"');
    expect(refusal('LOG_LEVEL', 'verbose')).toBe('expected one of fatal, error, warn, info, debug, trace, silent');
  });

  it('ALLOWED_USER_IDS: ids separated by commas, spaces allowed around them', () => {
    expect(value({}).ALLOWED_USER_IDS).toBeUndefined();
    expect(value({ ALLOWED_USER_IDS: ' 12345 , 67890,1 ' }).ALLOWED_USER_IDS).toEqual(['12345', '67890', '1']);
    for (const bad of ['1,,2', '1;2', '-5', '1,', '@user']) expect(refusal('ALLOWED_USER_IDS', bad)).toBe('expected Telegram user ids separated by commas, such as 12345,67890');
  });

  it('the positive counts refuse zero and anything not a whole number', () => {
    expect(value({ MAX_BODY_BYTES: '1', RECEIPT_RETENTION_DAYS: '1', HTTP_MAX_CONNECTIONS: '1', MAX_CASH_DESKS_PER_SHOP: '1' })).toMatchObject({
      MAX_BODY_BYTES: 1,
      RECEIPT_RETENTION_DAYS: 1,
      HTTP_MAX_CONNECTIONS: 1,
      MAX_CASH_DESKS_PER_SHOP: 1,
    });
    expect(value({})).toMatchObject({ MAX_BODY_BYTES: 2_097_152, RECEIPT_RETENTION_DAYS: 400, HTTP_MAX_CONNECTIONS: 1024, MAX_CASH_DESKS_PER_SHOP: 200 });
    expect(refusal('MAX_BODY_BYTES', '0')).toBe('expected a positive number of bytes');
    expect(refusal('RECEIPT_RETENTION_DAYS', '1.5')).toBe('expected a positive number of days');
    expect(refusal('HTTP_MAX_CONNECTIONS', '-10')).toBe('expected a positive number of connections');
    expect(refusal('MAX_CASH_DESKS_PER_SHOP', 'many')).toBe('expected a positive number of cash desks');
  });

  it('METRICS_TOKEN: at least 16 printable characters, no spaces', () => {
    expect(value({ METRICS_TOKEN: 'abcdefghijklmnop' }).METRICS_TOKEN).toBe('abcdefghijklmnop');
    for (const bad of ['abcdefghijklmno', 'abcdefgh ijklmnopq', 'абвгдежзийклмнопр']) expect(refusal('METRICS_TOKEN', bad)).toContain('expected at least 16 printable characters');
  });

  it('TRUST_PROXY: false, true or a number of proxies up to 99, any case', () => {
    expect(value({ TRUST_PROXY: 'FALSE' }).TRUST_PROXY).toBe(0);
    expect(value({ TRUST_PROXY: 'True' }).TRUST_PROXY).toBe(1);
    expect(value({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(value({ TRUST_PROXY: '99' }).TRUST_PROXY).toBe(99);
    for (const bad of ['100', 'yes', '-1', '1.5']) expect(refusal('TRUST_PROXY', bad)).toContain('expected false, true');
  });
});
