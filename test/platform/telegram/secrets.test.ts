import { describe, expect, it } from 'vitest';
import { scrubTelegramSecrets } from '../../../src/platform/telegram/secrets.js';

const BOT_TOKEN = '7012345678:AAHk3jV9x_Zq0-abcdefghijklmnopqrstu';

describe("Telegram's secrets out of free text", () => {
  it('scrubs the bot token from a Bot API URL, and a bare token', () => {
    expect(scrubTelegramSecrets(`request to https://api.telegram.org/bot${BOT_TOKEN}/sendMessage failed`)).toBe(
      'request to https://api.telegram.org/bot<redacted>/sendMessage failed',
    );
    expect(scrubTelegramSecrets(`token ${BOT_TOKEN} refused`)).toBe('token <redacted> refused');
  });

  it("scrubs the webhook's secret path and a start link's code", () => {
    expect(scrubTelegramSecrets('POST /telegram/s3cr3t-path?x=1')).toBe('POST /telegram/<redacted>?x=1');
    expect(scrubTelegramSecrets('https://t.me/shop_bot?start=Abc123SecretCode&x=1')).toBe('https://t.me/shop_bot?start=<redacted>&x=1');
    expect(scrubTelegramSecrets('https://t.me/shop_bot?startgroup=Abc123SecretCode')).toBe('https://t.me/shop_bot?startgroup=<redacted>');
  });

  it('leaves ordinary text alone', () => {
    const text = '400: Bad Request: chat not found (chat 123456, check DEV_00000128ebcfe)';
    expect(scrubTelegramSecrets(text)).toBe(text);
  });
});
