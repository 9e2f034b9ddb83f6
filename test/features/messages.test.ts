import { describe, expect, it } from 'vitest';
import { renderCashAlert } from '../../src/features/watchdog/messages/cash-alert.js';
import { renderNotice } from '../../src/features/shops/messages/notice.js';
import { noticePayloadSchema } from '../../src/features/shops/jobs.js';
import { renderInvite, renderOwnerStart } from '../../src/features/shops/messages/onboarding.js';
import { renderThresholds } from '../../src/features/watchdog/messages/thresholds.js';
import { commandMenu, renderHelp } from '../../src/bot/help-message.js';
import { parseCallbackData, pdfCallbackData, testAlertCallbackData } from '../../src/features/sales/callback-data.js';
import { uk } from '../../src/platform/i18n/uk.js';
import { en } from '../../src/platform/i18n/en.js';
import { parseHtml } from '../support/fake-telegram.js';

describe('cash alerts', () => {
  it('low: desk, drawer, threshold', () => {
    const text = parseHtml(renderCashAlert({ kind: 'low_cash', numFiscal: '50037129', cashKop: 8010, thresholdKop: 10000 }, uk).text).text;
    expect(text).toBe('⚠️ Мало готівки в касі 50037129\nУ шухляді: 80,10 ₴\nПоріг: 100,00 ₴');
  });
  it('high: with the hint to collect', () => {
    const text = renderCashAlert({ kind: 'high_cash', numFiscal: '<1>', cashKop: 1_000_000, thresholdKop: 500_000 }, en).plainText;
    expect(text).toBe('💰 Too much cash in cash desk <1>\nIn drawer: 10 000,00 ₴\nThreshold: 5 000,00 ₴\nTime to collect it.');
  });
});

describe('notices', () => {
  it('render from a validated payload, escaping the title', () => {
    const payload = noticePayloadSchema.parse({ key: 'member_joined', args: { title: 'Каси & <Склад>' } });
    expect(parseHtml(renderNotice(payload, uk, 'Europe/Kyiv').text).text).toBe('👋 До магазину приєднався чат: Каси & <Склад>');
    expect(noticePayloadSchema.safeParse({ key: 'nope', args: {} }).success).toBe(false);
  });

  it("render delivery's 'topic_closed' (to the group) and 'chat_refuses' (to the owner) notices in the chat's language", () => {
    const closed = noticePayloadSchema.parse({ key: 'topic_closed', args: {} });
    expect(renderNotice(closed, en, 'Europe/Kyiv').plainText).toContain(en.notices.topicClosed);
    expect(renderNotice(closed, uk, 'Europe/Kyiv').plainText).toContain('загальну гілку');
    const refuses = noticePayloadSchema.parse({ key: 'chat_refuses', args: { title: 'Каси & <Склад>' } });
    expect(parseHtml(renderNotice(refuses, uk, 'Europe/Kyiv').text).text).toContain('Чат «Каси & <Склад>» не дозволяє боту надсилати повідомлення');
    expect(renderNotice(refuses, en, 'Europe/Kyiv').plainText).toContain(en.notices.chatRefusesHint);
  });

  it('a refused body over the daily cap is said to be counted, not kept', () => {
    const kept = noticePayloadSchema.parse({ key: 'rejected_check', args: { problems: 2 } });
    expect(renderNotice(kept, en, 'Europe/Kyiv').plainText).toContain('It was kept for inspection.');
    const over = noticePayloadSchema.parse({ key: 'rejected_check', args: { problems: 2, kept: false, cap: 200 } });
    const text = renderNotice(over, en, 'Europe/Kyiv').plainText;
    expect(text).toContain('200 such bodies were already kept today, so this one was only counted.');
    expect(text).not.toContain('It was kept');
    expect(renderNotice(over, uk, 'Europe/Kyiv').plainText).toContain('Сьогодні вже збережено 200 таких');
  });

  it("render delivery's 'undelivered' notice with the time in the business's zone", () => {
    const payload = noticePayloadSchema.parse({ key: 'undelivered', args: { count: 5, since: '2026-11-27T08:15:00.000Z' } });
    expect(renderNotice(payload, uk, 'Europe/Kyiv').plainText).toContain('Не вдалося доставити 5 повідомлень (починаючи з 27.11.2026 10:15)');
    expect(renderNotice(payload, en, 'Europe/Kyiv').plainText).toContain('5 messages could not be delivered (since 27.11.2026 10:15)');
    expect(noticePayloadSchema.safeParse({ key: 'undelivered', args: { count: 0, since: 'x' } }).success).toBe(false);
  });

  it("render ingest's 'desk_clock_wrong' notice: the desk, the check's time against its arrival, in uk and en", () => {
    const payload = noticePayloadSchema.parse({
      key: 'desk_clock_wrong',
      args: { numFiscal: '50037129', orderedAt: '2099-01-01T10:00:00.000Z', receivedAt: '2026-11-27T08:15:00.000Z' },
    });
    const ukMessage = renderNotice(payload, uk, 'Europe/Kyiv');
    expect(parseHtml(ukMessage.text).text).toBe(
      '🕒 Схоже, на касі 50037129 неправильний годинник\n' +
        'Чек датовано 01.01.2099 12:00, а надійшов він 27.11.2026 10:15.\n' +
        'Чек збережено й пораховано за його датою, але залишок готівки в касі він не змінює. Перевірте дату й час на касі.',
    );
    expect(renderNotice(payload, en, 'Europe/Kyiv').plainText).toContain(
      'The clock of cash desk 50037129 looks wrong\nA check is dated 01.01.2099 12:00 but arrived 27.11.2026 10:15.',
    );
    expect(noticePayloadSchema.safeParse({ key: 'desk_clock_wrong', args: { numFiscal: '1', orderedAt: 'tomorrow', receivedAt: 'now' } }).success).toBe(false);
  });
});

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

describe('thresholds listing', () => {
  it('shows the default and each desk, own or default, with its drawer', () => {
    const text = renderThresholds(
      { kind: 'low', defaultKop: 50000, desks: [{ numFiscal: 'A', ownKop: null, cashInBoxKop: 100 }, { numFiscal: 'B', ownKop: 0, cashInBoxKop: null }] },
      uk,
      uk.commands.lowcash.usage,
    ).plainText;
    expect(text).toContain('Для всіх кас: 500,00 ₴');
    expect(text).toContain('A: 500,00 ₴ (як для всіх) · зараз 1,00 ₴');
    expect(text).toContain('B: вимкнено');
    expect(text).toContain('Використання: /lowcash');
  });
});

describe('help and menu', () => {
  it('lists each audience its own commands in both languages, with valid HTML', () => {
    for (const t of [uk, en]) {
      for (const audience of ['owner', 'member', 'group', 'groupAdmin', 'stranger'] as const) {
        const text = parseHtml(renderHelp(t, audience).text).text;
        for (const { command, description } of commandMenu(t, audience)) {
          expect(text).toContain(`/${command} — ${description}`);
          expect(command).toMatch(/^[a-z]{1,32}$/);
          expect(description.length).toBeLessThanOrEqual(256);
        }
      }
    }
    const commands = (audience: Parameters<typeof commandMenu>[1]) => commandMenu(en, audience).map((c) => c.command);
    expect(commands('owner')).toEqual(expect.arrayContaining(['invite', 'members', 'rotate', 'lowcash', 'today']));
    for (const audience of ['member', 'group', 'groupAdmin', 'stranger'] as const) expect(commands(audience)).not.toContain('invite');
    expect(commands('group')).not.toContain('settings');
    expect(commands('groupAdmin')).toEqual(expect.arrayContaining(['settings', 'export', 'mute']));
    expect(parseHtml(renderHelp(en, 'member').text).text).not.toContain('/rotate');
  });
});

describe('callback data', () => {
  it('round-trips our buttons and rejects anything else', () => {
    expect(parseCallbackData(pdfCallbackData(123))).toEqual({ action: 'pdf', checkId: 123 });
    expect(parseCallbackData('lang:en')).toEqual({ action: 'lang', lang: 'en' });
    expect(parseCallbackData(testAlertCallbackData)).toEqual({ action: 'test_alert' });
    for (const forged of ['test:1', 'tests', ' test', 'pdf:', 'pdf:0', 'pdf:-1', 'pdf:1e3', 'pdf:12345678901234567', 'pdf:1;drop', 'lang:de', 'x', 42, undefined]) {
      expect(parseCallbackData(forged)).toBeUndefined();
    }
  });
});
