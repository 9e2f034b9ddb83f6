import { describe, expect, it } from 'vitest';
import { renderInvite, renderOwnerStart, renderRotated, renderWebhookUrl } from '../../../../src/features/shops/messages/onboarding.js';
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

describe('the webhook URL', () => {
  const url = 'https://bot.example.com/webhooks/cashdesk/abc_DEF-123';

  it('/webhook: the URL as code, then the numbered steps and the warning, in English', () => {
    const message = renderWebhookUrl(url, en);
    expect(message.text).toContain(`<code>${url}</code>`);
    expect(parseHtml(message.text).text).toBe(
      [
        'Webhook URL for CashDesk:',
        url,
        '',
        'To connect a cash desk:',
        '1. Open CashDesk and choose the cash desk.',
        '2. Каса (cash desk) → налаштування (settings) → Webhook.',
        '3. Paste this URL and save.',
        '4. Repeat for every cash desk.',
        '',
        en.start.keepSecret,
      ].join('\n'),
    );
    expect(message.replyMarkup).toBeUndefined();
  });

  it('/rotate: that it was replaced and the old one stopped, before the new URL', () => {
    const lines = parseHtml(renderRotated(url, uk).text).text.split('\n');
    expect(lines.slice(0, 3)).toEqual([uk.webhook.rotated, uk.webhook.oldStops, '']);
    expect(lines).toContain(url);
    expect(renderRotated(url, uk).text.startsWith(`<b>${uk.webhook.rotated}</b>`)).toBe(true);
  });

  it('escapes a URL that carries markup characters', () => {
    const odd = 'https://bot.example.com/webhooks/cashdesk/a?x=1&y=<2>';
    expect(renderWebhookUrl(odd, en).text).toContain('<code>https://bot.example.com/webhooks/cashdesk/a?x=1&amp;y=&lt;2&gt;</code>');
    expect(parseHtml(renderWebhookUrl(odd, en).text).text).toContain(odd);
  });
});

describe('the invite', () => {
  it("the shop's name first when it has one, escaped; links for a person and for a group", () => {
    const message = renderInvite({ botUsername: 'shop_bot', code: 'C0DE', expires: '04.12.2026 10:00', shop: 'Кава & <Чай>' }, en);
    const lines = parseHtml(message.text).text.split('\n');
    expect(lines).toEqual([
      '🏪 Кава & <Чай>',
      'A one-time invite, valid until 04.12.2026 10:00.',
      '',
      en.invite.forPerson,
      'https://t.me/shop_bot?start=C0DE',
      '',
      en.invite.forGroup,
      'https://t.me/shop_bot?startgroup=C0DE',
      en.invite.forGroupByHand,
      '/start@shop_bot C0DE',
    ]);
    expect(message.text).toContain('<b>Кава &amp; &lt;Чай&gt;</b>');
    expect(message.text).toContain('href="https://t.me/shop_bot?startgroup=C0DE"');
  });

  it('no shop line without a name', () => {
    expect(parseHtml(renderInvite({ botUsername: 'b', code: 'c', expires: 'x' }, uk).text).text.startsWith(uk.invite.created('x'))).toBe(true);
  });
});
