import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../../src/platform/i18n/lang.js';
import { membersCallbackData, parseMembersCallback } from '../../../../src/features/shops/messages/members-callback.js';
import { renderMembers, renderRemoveConfirm, type MemberView } from '../../../../src/features/shops/messages/members.js';
import { visibleLength } from '../../../../src/platform/telegram/html.js';

const uk = catalogue('uk');
const en = catalogue('en');
const owner: MemberView = { chatId: 10, role: 'owner', type: 'private', title: 'Іван', active: true, joined: '01.11.2026 09:00' };
const person: MemberView = { chatId: 11, role: 'member', type: 'private', title: 'Оксана <b>', active: false, joined: '02.11.2026 10:00' };
const group: MemberView = { chatId: -1001234567890123, role: 'member', type: 'supergroup', title: null, active: true, joined: '03.11.2026 11:00' };

describe('members callback data', () => {
  it('round-trips every action, chat ids of every kind within 64 bytes', () => {
    for (const id of [1, 7_012_345_678, -12, -1001234567890123]) {
      expect(parseMembersCallback(membersCallbackData.ask(id))).toEqual({ action: 'ask', chatId: id });
      expect(parseMembersCallback(membersCallbackData.remove(id))).toEqual({ action: 'remove', chatId: id });
      expect(Buffer.byteLength(membersCallbackData.remove(id))).toBeLessThanOrEqual(64);
    }
    expect(parseMembersCallback(membersCallbackData.list())).toEqual({ action: 'list' });
  });

  it('ignores anything else', () => {
    for (const data of ['mem:rm:', 'mem:rm:0', 'mem:rm:-0', 'mem:rm:01', 'mem:rm:1.5', 'mem:rm:1e3', 'mem:rm:99999999999999999', 'mem:del:5', 'mem:rm:5:6', 'mem:list:1', 'set:alerts:on', '', 42, null]) {
      expect(parseMembersCallback(data)).toBeUndefined();
    }
  });
});

describe('renderMembers', () => {
  it('lists the owner first with no button, a person and a group each with when they joined, escaped', () => {
    const message = renderMembers([owner, person, group], uk);
    expect(message.plainText.split('\n')).toEqual([
      'Чати магазину:',
      '',
      '👤 Іван — власник (ви) · з 01.11.2026 09:00',
      '👤 Оксана <b> · з 02.11.2026 10:00 · вимкнено',
      '👥 чат -1001234567890123 · з 03.11.2026 11:00',
      '',
      uk.members.hint,
    ]);
    expect(message.text).toContain('Оксана &lt;b&gt;');
    expect(message.replyMarkup!.inline_keyboard).toEqual([
      [{ text: '✖ Вилучити: Оксана <b>', callback_data: 'mem:ask:11' }],
      [{ text: '✖ Вилучити: чат -1001234567890123', callback_data: 'mem:ask:-1001234567890123' }],
    ]);
  });

  it('the owner alone: no buttons, and how to invite', () => {
    const message = renderMembers([owner], en);
    expect(message.replyMarkup).toBeUndefined();
    expect(message.plainText).toContain('Nobody but you gets the alerts');
  });

  it('a shop with very many chats still fits one message and Telegram\'s button limit', () => {
    const many = Array.from({ length: 300 }, (_, i): MemberView => ({ ...group, chatId: -(i + 1), title: `Група ${'x'.repeat(60)} ${i}` }));
    const message = renderMembers([owner, ...many], uk);
    expect(visibleLength(message.text)).toBeLessThanOrEqual(4096);
    expect(message.plainText).toContain('…і ще');
    expect(message.replyMarkup!.inline_keyboard.length).toBeLessThanOrEqual(100);
    expect(message.replyMarkup!.inline_keyboard[0]![0]!.text.length).toBeLessThanOrEqual(60);
  });

  it('asks before removing, naming the chat, with yes and cancel', () => {
    const message = renderRemoveConfirm(person, en);
    expect(message.plainText).toContain('Remove “Оксана <b>” from the shop?');
    expect(message.replyMarkup!.inline_keyboard).toEqual([
      [{ text: '✖ Yes, remove: Оксана <b>', callback_data: 'mem:rm:11' }],
      [{ text: '← Cancel', callback_data: 'mem:list' }],
    ]);
  });
});
