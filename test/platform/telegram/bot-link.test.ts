import { describe, expect, it } from 'vitest';
import { botChatLink } from '../../../src/platform/telegram/bot-link.js';

describe('botChatLink', () => {
  it("the bot's chat on t.me, by its username", () => {
    expect(botChatLink('shop_bot')).toBe('https://t.me/shop_bot');
    expect(botChatLink('CashDeskAlertsBot')).toBe('https://t.me/CashDeskAlertsBot');
  });
});
