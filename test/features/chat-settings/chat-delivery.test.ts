import { describe, expect, it } from 'vitest';
import { applyChatDelivery } from '../../../src/features/chat-settings/chat-delivery.js';
import { outgoing } from '../../../src/platform/telegram/html.js';

const KYIV = 'Europe/Kyiv';
// 23:30 in Kyiv (winter, UTC+2).
const lateEvening = new Date('2026-11-27T21:30:00Z');
const message = outgoing('<b>Sale</b>', { replyMarkup: { inline_keyboard: [[{ text: 'PDF', callback_data: 'pdf:1' }]] } });

describe('applyChatDelivery', () => {
  it('in quiet hours the message goes silently, keeping everything else it carries', () => {
    const out = applyChatDelivery(message, { quietFrom: 22 * 60, quietTo: 8 * 60, messageThreadId: null }, lateEvening, KYIV);
    expect(out).toEqual({ ...message, disableNotification: true });
    expect(message.disableNotification).toBeUndefined();
  });

  it('quiet hours are read in the zone given, not in UTC', () => {
    const chat = { quietFrom: 23 * 60, quietTo: 23 * 60 + 45, messageThreadId: null };
    expect(applyChatDelivery(message, chat, lateEvening, KYIV).disableNotification).toBe(true);
    expect(applyChatDelivery(message, chat, lateEvening, 'UTC').disableNotification).toBeUndefined();
  });

  it('the end of quiet hours is not quiet; half-set quiet hours are none', () => {
    const ending = { quietFrom: 20 * 60, quietTo: 23 * 60 + 30, messageThreadId: null };
    expect(applyChatDelivery(message, ending, lateEvening, KYIV).disableNotification).toBeUndefined();
    expect(applyChatDelivery(message, { quietFrom: 22 * 60, quietTo: null, messageThreadId: null }, lateEvening, KYIV).disableNotification).toBeUndefined();
    expect(applyChatDelivery(message, { quietFrom: null, quietTo: 8 * 60, messageThreadId: null }, lateEvening, KYIV).disableNotification).toBeUndefined();
  });

  it('a message sent silently stays silent outside quiet hours', () => {
    const silent = { ...message, disableNotification: true };
    expect(applyChatDelivery(silent, { quietFrom: null, quietTo: null, messageThreadId: null }, lateEvening, KYIV).disableNotification).toBe(true);
  });

  it("goes into the chat's forum topic when it has one", () => {
    expect(applyChatDelivery(message, { quietFrom: null, quietTo: null, messageThreadId: 42 }, lateEvening, KYIV)).toEqual({ ...message, messageThreadId: 42 });
    expect('messageThreadId' in applyChatDelivery(message, { quietFrom: null, quietTo: null, messageThreadId: null }, lateEvening, KYIV)).toBe(false);
  });
});
