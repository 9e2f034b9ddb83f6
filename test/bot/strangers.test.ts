import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/databases.js';
import { registerOwner, startBotHarness, type BotHarness } from '../support/bot-harness.js';

/**
 * Chats linked to no business get at most one answer per chat per 10 minutes; everything else
 * from them is ignored, while the ways in (/start, /start <code>) and button presses still work.
 */
const BOT = 'cashdesk_test_bot';
const TEN_MINUTES = 10 * 60_000;

describe.each(databaseKinds)('chats linked to no business (%s)', (kind) => {
  let h: BotHarness;
  let clock = Date.parse('2026-11-27T10:00:00Z');

  beforeAll(async () => {
    h = await startBotHarness(kind, {}, undefined, { strangerClock: () => clock });
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Everything the bot sent to the chat so far (its updates are handled in order, so after `say` this is final). */
  const texts = (chatId: number) => h.tg.messagesTo(chatId).map((m) => m.text);

  it('a private chat: one "not connected" answer, then silence for 10 minutes, then one more', async () => {
    const STRANGER = 90_001;
    expect((await h.say(STRANGER, '/today')).text).toContain('не підключено');
    for (const text of ['/today', '/receipt 1', '/lowcash 5', 'hello', '/mute']) h.tg.userMessage({ chatId: STRANGER, text });
    clock += TEN_MINUTES - 1;
    h.tg.userMessage({ chatId: STRANGER, text: '/week' });
    // Taken by the bot and handled (an ignored update makes one read) before the clock moves on.
    for (let i = 0; i < 250 && h.tg.pendingUpdates.length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 500));
    clock += 1;
    // The first thing answered since.
    h.tg.userMessage({ chatId: STRANGER, text: '/help' });
    await h.tg.waitFor((m) => m.chatId === STRANGER && m.text.includes('/start —'));
    expect(texts(STRANGER)).toHaveLength(2);
  });

  it('/start still registers a stranger who was just told "not connected"', async () => {
    const PERSON = 90_002;
    expect((await h.say(PERSON, '/today')).text).toContain('не підключено');
    expect((await h.say(PERSON, '/start')).text).toContain('/webhooks/cashdesk/');
    expect((await h.say(PERSON, '/today')).text).toContain('Сьогодні');
  });

  it('a group: one answer to a flood; chatter and other bots\' commands do not count; /start@bot <code> still joins', async () => {
    const GROUP = -1_009_000_003;
    const group = { chatType: 'supergroup' as const, chatTitle: 'Чужа', fromId: 90_003 };
    h.tg.userMessage({ chatId: GROUP, text: 'hello all', ...group });
    h.tg.userMessage({ chatId: GROUP, text: '/today@other_bot', ...group });
    expect((await h.say(GROUP, `/today@${BOT}`, group)).text).toContain('не підключено');
    for (let i = 0; i < 20; i++) h.tg.userMessage({ chatId: GROUP, text: `/today@${BOT}`, ...group });
    h.tg.userMessage({ chatId: GROUP, text: `/start@${BOT}`, ...group });

    await registerOwner(h, 90_004);
    const invite = await h.say(90_004, '/invite');
    const code = /\?start=([A-Za-z0-9_-]+)/.exec(invite.text)![1]!;
    expect((await h.say(GROUP, `/start@${BOT} ${code}`, group)).text).toContain('Готово');
    expect(texts(GROUP)).toHaveLength(2);
    expect((await h.say(GROUP, `/today@${BOT}`, group)).text).toContain('Сьогодні');
  });

  it("a stranger's button press is still answered (answerCallbackQuery sends nothing into the chat)", async () => {
    const STRANGER = 90_005;
    expect((await h.say(STRANGER, '/today')).text).toContain('не підключено');
    const before = h.tg.callbackAnswers.length;
    h.tg.callbackQuery({ chatId: STRANGER, data: 'lang:en' });
    for (let i = 0; i < 250 && h.tg.callbackAnswers.length === before; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(h.tg.callbackAnswers.at(-1)!.text).toContain('не підключено');
    expect(texts(STRANGER)).toHaveLength(1);
  });
});
