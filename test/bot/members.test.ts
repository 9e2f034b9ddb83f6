import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { businesses, chats, outbox } from '../../src/platform/db/schema.js';
import type { Business } from '../../src/features/shops/businesses.js';
import { databaseKinds } from '../support/databases.js';
import { variant } from '../support/fixtures.js';
import type { SentMessage } from '../support/fake-telegram.js';
import { registerOwner, startBotHarness, storeCheck, type BotHarness } from '../support/bot-harness.js';

const OWNER = 1501;
const PERSON = 1502;
const GROUP = -1001503;
const GROUP_USER = 1504;
const OTHER_OWNER = 1505;

const codeIn = (text: string) => /\?start=([A-Za-z0-9_-]+)/.exec(text)?.[1];
const buttonsOf = (m: SentMessage) =>
  ((m.replyMarkup as { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> } | undefined)?.inline_keyboard ?? []).flat();

describe.each(databaseKinds)('/members (%s)', (kind) => {
  let h: BotHarness;
  let business: Business;

  beforeAll(async () => {
    h = await startBotHarness(kind);
    business = await registerOwner(h, OWNER);
    await registerOwner(h, OTHER_OWNER);
  });
  afterAll(async () => h?.close());

  const row = async (chatId: number) => (await h.database.db.select().from(chats).where(eq(chats.chatId, chatId)))[0];
  const invite = async () => codeIn((await h.say(OWNER, '/invite')).text)!;
  const joinPerson = async () => {
    const code = await invite();
    expect((await h.say(PERSON, `/start ${code}`, { firstName: 'Оксана', lastName: 'Петренко', username: 'oksana_p' })).text).toContain('Готово!');
  };
  const joinGroup = async () => {
    const code = await invite();
    const reply = await h.say(GROUP, `/start@cashdesk_test_bot ${code}`, { chatType: 'supergroup', chatTitle: 'Каса & <Склад>', fromId: GROUP_USER });
    expect(reply.text).toContain('Готово!');
  };
  const saleRecipients = async (uuid: string) => {
    const checkId = await storeCheck(h, business.id, variant('sale-cash', uuid));
    const jobs = await h.database.db.select().from(outbox).where(and(eq(outbox.checkId, checkId), eq(outbox.kind, 'sale')));
    return jobs.map((j) => j.chatId).sort((x, y) => x - y);
  };
  /** Presses a button on the owner's last message; resolves with the callback answer and the redrawn message. */
  const press = async (button: string | RegExp) => {
    const edited = h.tg.waitForReply(OWNER, 5000, { includeEdits: true });
    const answered = h.tg.waitForRequest((r) => r.method === 'answerCallbackQuery' && !seenAnswers.has(String(r.params['callback_query_id'])));
    h.tg.pressButton({ chatId: OWNER, fromId: OWNER, button });
    const answer = await answered;
    seenAnswers.add(String(answer.params['callback_query_id']));
    return { answer: answer.params, message: await edited };
  };
  const seenAnswers = new Set<string>();
  /** Sends forged callback data from a chat; resolves with the callback answer. */
  const forge = async (chatId: number, data: string, fromId = chatId) => {
    const update = h.tg.callbackQuery({ chatId, fromId, data });
    const id = (update as { callback_query: { id: string } }).callback_query.id;
    seenAnswers.add(id);
    return (await h.tg.waitForRequest((r) => r.method === 'answerCallbackQuery' && r.params['callback_query_id'] === id)).params;
  };

  it('lists the owner, members by name and groups by title, each with when it joined; a button names and removes each but the owner', async () => {
    await joinPerson();
    await joinGroup();
    // Joined at known instants, to see them in BUSINESS_TZ (Kyiv is UTC+2 in November).
    await h.database.db.update(chats).set({ createdAt: new Date('2026-11-20T08:05:00Z') }).where(eq(chats.chatId, PERSON));
    await h.database.db.update(chats).set({ createdAt: new Date('2026-11-21T22:30:00Z') }).where(eq(chats.chatId, GROUP));

    const list = await h.say(OWNER, '/members');
    const lines = list.text.split('\n');
    expect(lines.find((l) => l.includes('власник (ви)'))).toBeDefined();
    expect(lines).toContain('👤 Оксана Петренко (@oksana_p) · з 20.11.2026 10:05');
    expect(lines).toContain('👥 Каса & <Склад> · з 22.11.2026 00:30');
    expect(list.text.indexOf('власник')).toBeLessThan(list.text.indexOf('Оксана'));
    const buttons = buttonsOf(list);
    expect(buttons.map((b) => b.text)).toEqual(['✖ Вилучити: Оксана Петренко (@oksana_p)', '✖ Вилучити: Каса & <Склад>']);
    expect(buttons.some((b) => b.callback_data?.includes(String(OWNER)))).toBe(false);

    // Only the owner, in the owner's chat.
    expect((await h.say(PERSON, '/members')).text).toContain('лише власник');
    expect((await h.say(GROUP, '/members@cashdesk_test_bot', { chatType: 'supergroup', fromId: OWNER })).text).toContain('лише власник');
  });

  it('a group renamed in Telegram shows its new title', async () => {
    await h.say(GROUP, '/today@cashdesk_test_bot', { chatType: 'supergroup', chatTitle: 'Склад №2', fromId: GROUP_USER });
    expect((await row(GROUP))!.title).toBe('Склад №2');
    expect((await h.say(OWNER, '/members')).text).toContain('👥 Склад №2');
  });

  it('removing asks once; cancel changes nothing; yes removes the chat and its waiting messages', async () => {
    await h.say(OWNER, '/members');
    const asked = await press('✖ Вилучити: Оксана Петренко (@oksana_p)');
    expect(asked.message.method).toBe('editMessageText');
    expect(asked.message.text).toContain('Вилучити «Оксана Петренко (@oksana_p)» з магазину?');
    expect(buttonsOf(asked.message).map((b) => b.text)).toEqual(['✖ Так, вилучити: Оксана Петренко (@oksana_p)', '← Скасувати']);

    const cancelled = await press('← Скасувати');
    expect(cancelled.message.text).toContain('Оксана Петренко');
    expect(await row(PERSON)).toBeDefined();

    // A message waits for the person when the owner removes them.
    const waiting = await storeCheck(h, business.id, variant('sale-cash', 'mem-waiting'));
    await press('✖ Вилучити: Оксана Петренко (@oksana_p)');
    const removed = await press('✖ Так, вилучити: Оксана Петренко (@oksana_p)');
    expect(removed.answer['text']).toBe('«Оксана Петренко (@oksana_p)» вилучено');
    expect(removed.message.text).not.toContain('Оксана');
    expect(buttonsOf(removed.message).map((b) => b.text)).toEqual(['✖ Вилучити: Склад №2']);
    expect(await row(PERSON)).toBeUndefined();
    const [dropped] = await h.database.db.select().from(outbox).where(and(eq(outbox.checkId, waiting), eq(outbox.chatId, PERSON)));
    expect(dropped!.status).toBe('dropped');

    // Nothing more for the removed chat; its commands answer "not connected".
    expect(await saleRecipients('mem-after-person')).toEqual([GROUP, OWNER].sort((x, y) => x - y));
    expect((await h.say(PERSON, '/today')).text).toContain('не підключено');
    // Like any chat of no shop: one answer per 10 minutes, the rest is ignored. An invite code
    // (even a wrong one) is still answered, after the /mute before it (one chat, in order).
    const told = h.tg.messagesTo(PERSON).length;
    h.tg.userMessage({ chatId: PERSON, text: '/mute' });
    expect((await h.say(PERSON, '/start not-a-code')).text).not.toContain('не підключено');
    expect(h.tg.messagesTo(PERSON)).toHaveLength(told + 1);
    expect(await row(PERSON)).toBeUndefined();
  });

  it('a removed person\'s plain /start never brings them back into the shop (open sign-up: a shop of their own)', async () => {
    const reply = await h.say(PERSON, '/start', { firstName: 'Оксана' });
    // Open sign-up: a shop of their own, not the old one.
    expect(reply.text).toContain('/webhooks/cashdesk/');
    const own = (await row(PERSON))!;
    expect(own).toMatchObject({ role: 'owner' });
    expect(own.businessId).not.toBe(business.id);
    const [theirs] = await h.database.db.select().from(businesses).where(eq(businesses.id, own.businessId));
    expect(theirs!.ownerUserId).toBe(PERSON);
    expect(await saleRecipients('mem-after-start')).toEqual([GROUP, OWNER].sort((x, y) => x - y));
  });

  it('a removed group gets nothing, answers "not connected", a plain /start does not relink it, a new invite does', async () => {
    await h.say(OWNER, '/members');
    await press('✖ Вилучити: Склад №2');
    const removed = await press(/^✖ Так, вилучити/);
    expect(removed.message.text).toContain('Крім вас');
    expect(buttonsOf(removed.message)).toEqual([]);
    expect(await row(GROUP)).toBeUndefined();
    expect(await saleRecipients('mem-after-group')).toEqual([OWNER]);

    expect((await h.say(GROUP, '/today@cashdesk_test_bot', { chatType: 'supergroup', fromId: GROUP_USER })).text).toContain('не підключено');
    // A plain /start@bot is ignored like anything else from a chat of no shop (one answer per 10
    // minutes); a wrong code is answered after it (in order), and neither relinks the group.
    h.tg.userMessage({ chatId: GROUP, text: '/start@cashdesk_test_bot', chatType: 'supergroup', fromId: GROUP_USER });
    expect((await h.say(GROUP, '/start@cashdesk_test_bot not-a-code', { chatType: 'supergroup', fromId: GROUP_USER })).text).not.toContain('Готово');
    expect(await row(GROUP)).toBeUndefined();

    await joinGroup();
    expect(await row(GROUP)).toMatchObject({ businessId: business.id, role: 'member', active: true });
    expect(await saleRecipients('mem-back')).toEqual([GROUP, OWNER].sort((x, y) => x - y));
  });

  it('only the owner of that shop can remove, never the owner\'s own chat; forged data changes nothing', async () => {
    // A member (the group) presses forged data for the owner's chat and for itself.
    expect((await forge(GROUP, `mem:rm:${OWNER}`, GROUP_USER))['text']).toContain('лише власник');
    expect((await forge(GROUP, `mem:rm:${GROUP}`, OWNER))['text']).toContain('лише власник');
    // Another shop's owner, in their own chat.
    expect((await forge(OTHER_OWNER, `mem:rm:${GROUP}`))['text']).toBe('Цього чату вже немає в магазині.');
    // The owner cannot remove their own chat.
    expect((await forge(OWNER, `mem:rm:${OWNER}`))['text']).toBe('Цього чату вже немає в магазині.');
    // Malformed data is ignored.
    expect((await forge(OWNER, 'mem:rm:12ab'))['text']).toBeUndefined();
    expect((await forge(OWNER, 'mem:rm:99999999999999999999'))['text']).toBeUndefined();
    expect(await row(GROUP)).toMatchObject({ businessId: business.id, active: true });
    expect(await row(OWNER)).toMatchObject({ businessId: business.id, role: 'owner', active: true });
  });
});
