import { describe, expect, it } from 'vitest';
import { renderNotice } from '../../../../src/features/shops/messages/notice.js';
import { noticePayloadSchema } from '../../../../src/features/shops/jobs.js';
import { uk } from '../../../../src/platform/i18n/uk.js';
import { en } from '../../../../src/platform/i18n/en.js';
import { parseHtml } from '../../../support/fake-telegram.js';

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

describe('renderNotice, the other keys', () => {
  it('a chat removed, its title escaped and cut to 200 characters', () => {
    const payload = noticePayloadSchema.parse({ key: 'chat_left', args: { title: `<b>${'x'.repeat(300)}` } });
    const message = renderNotice(payload, en, 'Europe/Kyiv');
    expect(message.text.startsWith('🔕 The bot was removed from or blocked in a chat: &lt;b&gt;')).toBe(true);
    expect(message.plainText).toContain(`<b>${'x'.repeat(196)}…. Nothing is sent there any more.`);
  });

  it("the shop's cap of cash desks: the cap, the desk refused, the hint, in both languages", () => {
    const payload = noticePayloadSchema.parse({ key: 'cash_desk_cap', args: { cap: 20, numFiscal: '<999>' } });
    const message = renderNotice(payload, en, 'Europe/Kyiv');
    expect(parseHtml(message.text).text).toBe(`⚠️ The shop reached its limit of 20 cash desks\n${en.deskCap.refused('<999>')}\n${en.deskCap.hint}`);
    expect(message.text).toContain('&lt;999&gt;');
    expect(parseHtml(renderNotice(payload, uk, 'Europe/Kyiv').text).text.split('\n')).toEqual([`⚠️ ${uk.deskCap.reached(20)}`, uk.deskCap.refused('<999>'), uk.deskCap.hint]);
  });

  it('a rejected body said to be not kept with no cap given counts 200', () => {
    const payload = noticePayloadSchema.parse({ key: 'rejected_check', args: { problems: 1, kept: false } });
    expect(renderNotice(payload, en, 'Europe/Kyiv').plainText).toBe(`⚠️ ${en.notices.rejectedNotKept(1, 200)}\n${en.notices.rejectedHint}`);
  });

  it('the undelivered notice in summer time', () => {
    const payload = noticePayloadSchema.parse({ key: 'undelivered', args: { count: 1, since: '2026-07-01T21:30:00.000Z' } });
    expect(renderNotice(payload, en, 'Europe/Kyiv').plainText).toContain('1 message could not be delivered (since 02.07.2026 00:30)');
  });
});
