import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { chats } from '../../src/platform/db/schema.js';
import { databaseKinds } from '../support/databases.js';
import { registerOwner, startBotHarness, type BotHarness } from '../support/bot-harness.js';

const OWNER = 1601;
const GROUP = -1001602;
const MEMBER = 1603;
const ADMIN = 1604;
const CREATOR = 1605;
const PERSON = 1606;
const BOT = '@cashdesk_test_bot';

describe.each(databaseKinds)('group settings need an admin or the owner (%s)', (kind) => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness(kind);
    await registerOwner(h, OWNER);
    for (const [chatId, extra] of [
      [GROUP, { chatType: 'supergroup' as const, chatTitle: 'Каса', fromId: MEMBER }],
      [PERSON, {}],
    ] as const) {
      const code = /\?start=([A-Za-z0-9_-]+)/.exec((await h.say(OWNER, '/invite')).text)![1]!;
      expect((await h.say(chatId, `/start${chatId < 0 ? BOT : ''} ${code}`, extra)).text).toContain('Готово!');
    }
    h.tg.setChatMemberStatus(GROUP, ADMIN, 'administrator');
    h.tg.setChatMemberStatus(GROUP, CREATOR, 'creator');
  });
  afterAll(async () => h?.close());

  const row = async (chatId: number) => (await h.database.db.select().from(chats).where(eq(chats.chatId, chatId)))[0]!;
  const inGroup = (text: string, fromId: number, extra: Record<string, unknown> = {}) => h.say(GROUP, text, { chatType: 'supergroup', fromId, ...extra });
  const REFUSED = 'лише її адміністратори або власник магазину';

  it('a plain member of the group can read but not change the chat\'s settings', async () => {
    for (const command of ['/mute', '/unmute', '/settings', '/minsum 50', '/quiet 22:00-08:00', '/onlyreturns on', '/desks all', '/summarytime 20:00', '/lang en']) {
      const [name, ...rest] = command.split(' ');
      expect((await inGroup([`${name}${BOT}`, ...rest].join(' '), MEMBER)).text).toContain(REFUSED);
    }
    expect(await row(GROUP)).toMatchObject({ muted: false, minSaleKop: null, quietFrom: null, onlyReturns: false, summaryTime: null, lang: 'uk' });
    expect((await inGroup(`/today${BOT}`, MEMBER)).text).toContain('Сьогодні');
  });

  it('administrators, the creator, an anonymous admin and the shop\'s owner can', async () => {
    expect((await inGroup(`/mute${BOT}`, ADMIN)).text).not.toContain(REFUSED);
    expect((await row(GROUP)).muted).toBe(true);
    expect((await inGroup(`/unmute${BOT}`, CREATOR)).text).not.toContain(REFUSED);
    expect((await row(GROUP)).muted).toBe(false);
    expect((await inGroup(`/minsum${BOT} 50`, OWNER)).text).not.toContain(REFUSED);
    expect((await row(GROUP)).minSaleKop).toBe(5000);
    expect((await inGroup(`/onlyreturns${BOT} on`, MEMBER, { asAnonymousAdmin: true })).text).not.toContain(REFUSED);
    expect((await row(GROUP)).onlyReturns).toBe(true);
  });

  it('a member who stops being an admin loses the right', async () => {
    h.tg.setChatMemberStatus(GROUP, ADMIN, 'member');
    expect((await inGroup(`/mute${BOT}`, ADMIN)).text).toContain(REFUSED);
    expect((await row(GROUP)).muted).toBe(false);
    h.tg.setChatMemberStatus(GROUP, ADMIN, 'administrator');
  });

  it('the settings and language buttons: a plain member is refused with an alert, an admin changes them', async () => {
    const menu = await inGroup(`/settings${BOT}`, ADMIN);
    const answer = async (fromId: number, button: string | RegExp) => {
      const update = h.tg.pressButton({ chatId: GROUP, fromId, button, messageId: menu.messageId });
      const id = (update as { callback_query: { id: string } }).callback_query.id;
      return (await h.tg.waitForRequest((r) => r.method === 'answerCallbackQuery' && r.params['callback_query_id'] === id)).params;
    };
    // Even opening a section (which redraws the menu everyone sees) is for those who may change it.
    const refusedOpen = await answer(MEMBER, '🔔 Доставка');
    expect(refusedOpen['text']).toContain(REFUSED);
    const before = new Set(h.tg.sent);
    const opened = h.tg.waitFor((m) => !before.has(m) && m.method === 'editMessageText' && m.messageId === menu.messageId);
    expect((await answer(ADMIN, '🔔 Доставка'))['text']).toBeUndefined();
    await opened;
    const refused = await answer(MEMBER, /🔕/);
    expect(refused['text']).toContain(REFUSED);
    expect(refused['show_alert']).toBe(true);
    expect((await row(GROUP)).muted).toBe(false);
    expect((await answer(ADMIN, /🔕/))['text']).not.toContain(REFUSED);
    expect((await row(GROUP)).muted).toBe(true);

    const choice = await inGroup(`/lang${BOT}`, MEMBER);
    const update = h.tg.pressButton({ chatId: GROUP, fromId: MEMBER, button: 'English', messageId: choice.messageId });
    const id = (update as { callback_query: { id: string } }).callback_query.id;
    expect((await h.tg.waitForRequest((r) => r.method === 'answerCallbackQuery' && r.params['callback_query_id'] === id)).params['text']).toContain(REFUSED);
    expect((await row(GROUP)).lang).toBe('uk');
  });

  it('in a private chat its person changes its settings without asking Telegram', async () => {
    const asked = h.tg.requests.filter((r) => r.method === 'getChatMember').length;
    expect((await h.say(PERSON, '/mute')).text).not.toContain(REFUSED);
    expect((await row(PERSON)).muted).toBe(true);
    expect(h.tg.requests.filter((r) => r.method === 'getChatMember').length).toBe(asked);
  });
});
