import { describe, expect, it } from 'vitest';
import { renderInvite, renderOwnerStart } from '../../../../src/features/shops/messages/onboarding.js';
import { testAlertCallbackData } from '../../../../src/features/sales/callback-data.js';
import { uk } from '../../../../src/platform/i18n/uk.js';
import { en } from '../../../../src/platform/i18n/en.js';
import { parseHtml } from '../../../support/fake-telegram.js';

describe('onboarding', () => {
  it('/start shows the webhook URL and the CashDesk steps', () => {
    const url = 'https://bot.example.com/webhooks/cashdesk/abc_DEF-123';
    const text = parseHtml(renderOwnerStart(url, true, uk).text).text;
    expect(text).toContain('Ваш магазин зареєстровано');
    expect(text).toContain(url);
    expect(text).toContain('Каса → налаштування → Webhook');
    expect(renderOwnerStart(url, false, en).plainText).toContain('already registered');
    // No command for the bot's server; a button that sends a test alert instead.
    expect(text).not.toContain('npm');
    expect(renderOwnerStart(url, true, uk).replyMarkup?.inline_keyboard).toEqual([[{ text: 'Надіслати тестове сповіщення', callback_data: testAlertCallbackData }]]);
    expect(renderOwnerStart(url, true, en).replyMarkup?.inline_keyboard[0]?.[0]?.text).toBe('Send a test alert');
  });

  it('/invite shows the t.me link and the group command', () => {
    const msg = renderInvite({ botUsername: 'shop_bot', code: 'CODE_123-abcdefghijklmnop', expires: '04.12.2026 10:00' }, uk);
    const parsed = parseHtml(msg.text);
    expect(parsed.text).toContain('https://t.me/shop_bot?start=CODE_123-abcdefghijklmnop');
    expect(parsed.text).toContain('/start@shop_bot CODE_123-abcdefghijklmnop');
    expect(parsed.text).toContain('04.12.2026 10:00');
  });
});
