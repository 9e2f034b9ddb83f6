import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { businesses, chats } from '../../src/platform/db/schema.js';
import { removeChat } from '../../src/features/shops/chats.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/databases.js';
import { joinWithInvite, registerOwner, startBotHarness, type BotHarness } from '../support/bot-harness.js';

/** SIGNUP (first | open) and ALLOWED_USER_IDS: who may register a new shop with /start. */
describe.each(databaseKinds)('sign-up (%s)', (kind) => {
  let database: TestDatabase;
  let h: BotHarness | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  }, 120_000);
  afterAll(() => database?.destroy());
  afterEach(async () => {
    await h?.close();
    h = undefined;
    // Each test starts with no shop at all (chats and invites go with their business).
    await database.db.delete(businesses);
  });

  it('SIGNUP=first is the default: two first /starts at once make one owner, the other is told the bot is private', async () => {
    h = await startBotHarness(kind, { SIGNUP: '' }, database);
    expect(h.config.signup).toBe('first');
    const replies = [h.tg.waitForReply(701), h.tg.waitForReply(702)];
    h.tg.userMessage({ chatId: 701, text: '/start', languageCode: 'uk' });
    h.tg.userMessage({ chatId: 702, text: '/start', languageCode: 'uk' });
    const texts = (await Promise.all(replies)).map((r) => r.text);
    expect(texts.filter((t) => t.includes('Ваш магазин зареєстровано'))).toHaveLength(1);
    const refused = texts.find((t) => !t.includes('Ваш магазин зареєстровано'))!;
    expect(refused).toContain('Це приватний бот');
    expect(refused).toContain('попросіть у власника запрошення');
    expect(refused).not.toContain('/start');
    const rows = await h.database.db.select().from(businesses);
    expect(rows).toHaveLength(1);
    const owner = rows[0]!.ownerUserId;

    // The owner's /start again: the same shop; a third person: refused, nothing stored.
    expect((await h.say(owner, '/start')).text).toContain('уже зареєстровано');
    expect((await h.say(703, '/start', { languageCode: 'en' })).text).toBe(
      "This bot is private: it works for its owner's shop only. To use it, ask its owner for an invite.",
    );
    expect(await h.database.db.select().from(chats).where(eq(chats.chatId, 703))).toHaveLength(0);
    // An invite lets the third person in; their /start then says they are connected.
    expect((await joinWithInvite(h, owner, 703)).text).toContain('Готово!');
    expect((await h.say(703, '/start')).text).toContain('Цей чат уже отримує сповіщення');
    expect(await h.database.db.select().from(businesses)).toHaveLength(1);
  });

  it('SIGNUP=first: ALLOWED_USER_IDS may register a shop of their own after the first', async () => {
    h = await startBotHarness(kind, { SIGNUP: 'first', ALLOWED_USER_IDS: '712' }, database);
    await registerOwner(h, 711);
    expect((await h.say(713, '/start')).text).toContain('Це приватний бот');
    expect((await h.say(712, '/start')).text).toContain('Ваш магазин зареєстровано');
    expect((await h.database.db.select().from(businesses)).map((b) => b.ownerUserId).sort()).toEqual([711, 712]);
  });

  it('SIGNUP=open: anyone registers a shop of their own', async () => {
    h = await startBotHarness(kind, { SIGNUP: 'open' }, database);
    for (const user of [721, 722, 723]) expect((await h.say(user, '/start')).text).toContain('Ваш магазин зареєстровано');
    expect(await h.database.db.select().from(businesses)).toHaveLength(3);
  });

  it.each(['first', 'open'])('SIGNUP=%s: a removed member is never told to send /start to register a shop', async (signup) => {
    h = await startBotHarness(kind, { SIGNUP: signup }, database);
    const owner = await registerOwner(h, 731);
    await joinWithInvite(h, owner.ownerUserId, 732);
    await joinWithInvite(h, owner.ownerUserId, -100733, { chatType: 'supergroup', fromId: 734, chatTitle: 'Каса' });
    expect(await removeChat(h.database.db, owner.id, 732)).toBeDefined();
    expect(await removeChat(h.database.db, owner.id, -100733)).toBeDefined();

    const today = await h.say(732, '/today');
    expect(today.text).toContain('не підключено');
    expect(today.text).toContain('запрошення');
    expect(today.text).not.toMatch(/\/start|зареєструвати/);
    const group = await h.say(-100733, `/today@${h.tg.botInfo.username}`, { chatType: 'supergroup', fromId: 734 });
    expect(group.text).not.toMatch(/зареєструвати свій/);
    if (signup === 'first') {
      const start = await h.say(732, '/start');
      expect(start.text).toContain('Це приватний бот');
      expect(await h.database.db.select().from(businesses)).toHaveLength(1);
    }
  });
});
