import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { chats, invites, outbox } from '../../src/platform/db/schema.js';
import { createInvite } from '../../src/features/shops/invites.js';
import { databaseKinds } from '../support/databases.js';
import { NOW, registerOwner, startBotHarness, type BotHarness } from '../support/bot-harness.js';

const codeIn = (text: string) => /\?start=([A-Za-z0-9_-]+)/.exec(text)?.[1];

describe.each(databaseKinds)('invites (%s)', (kind) => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness(kind);
  });
  afterAll(async () => h?.close());

  const chatRow = async (chatId: number) => (await h.database.db.select().from(chats).where(eq(chats.chatId, chatId)))[0];

  it('/invite gives a one-time t.me link valid 7 days; the invited person joins with /start <code>', async () => {
    const business = await registerOwner(h, 701);
    const reply = await h.say(701, '/invite');
    expect(reply.text).toContain('https://t.me/cashdesk_test_bot?start=');
    expect(reply.text).toContain('04.12.2026'); // NOW is 27.11.2026
    const code = codeIn(reply.text)!;
    expect(code.length).toBeGreaterThanOrEqual(32);
    const [stored] = await h.database.db.select().from(invites).where(eq(invites.businessId, business.id));
    expect(stored!.codeHash).not.toContain(code);
    expect(stored!.expiresAt.getTime() - NOW.getTime()).toBe(7 * 24 * 3600 * 1000);

    const joined = await h.say(702, `/start ${code}`, { languageCode: 'uk', firstName: 'Оксана' });
    expect(joined.text).toContain('Готово!');
    expect(await chatRow(702)).toMatchObject({ businessId: business.id, role: 'member', active: true });
    // The same code in a startgroup link adds the bot to a group.
    expect(reply.text).toContain(`https://t.me/cashdesk_test_bot?startgroup=${code}`);
    // The owner hears about it through the outbox.
    const notices = await h.database.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.businessId, business.id), eq(outbox.kind, 'notice')));
    expect(notices.map((n) => n.chatId)).toEqual([701]);
    expect(notices[0]!.payload).toEqual({ key: 'member_joined', args: { title: 'Оксана' } });

    // A member sees the business's data but cannot do the owner's things.
    expect((await h.say(702, '/today')).text).toContain('Сьогодні');
    expect((await h.say(702, '/invite')).text).toContain('лише власник');
    expect((await h.say(702, '/webhook')).text).toContain('лише власник');

    // Single use: the next person gets "invalid".
    expect((await h.say(703, `/start ${code}`)).text).toContain('Запрошення недійсне');
    expect(await chatRow(703)).toBeUndefined();
  });

  it('/start@bot <code> in a group adds the group', async () => {
    const business = await registerOwner(h, 711);
    const code = codeIn((await h.say(711, '/invite')).text)!;
    const reply = await h.say(-100711, `/start@cashdesk_test_bot ${code}`, { chatType: 'supergroup', chatTitle: 'Склад <1>', fromId: 712 });
    expect(reply.text).toContain('Готово!');
    expect(await chatRow(-100711)).toMatchObject({ businessId: business.id, role: 'member', type: 'supergroup', title: 'Склад <1>' });
    expect((await h.say(-100711, '/today@cashdesk_test_bot', { chatType: 'supergroup', fromId: 713 })).text).toContain('Сьогодні');
  });

  it('an expired code is refused', async () => {
    const business = await registerOwner(h, 721);
    const old = await createInvite(h.database.db, { businessId: business.id, createdBy: 721, now: new Date(NOW.getTime() - 8 * 24 * 3600 * 1000) });
    expect((await h.say(722, `/start ${old.code}`)).text).toContain('Запрошення недійсне');
    expect(await chatRow(722)).toBeUndefined();
    const fresh = await createInvite(h.database.db, { businessId: business.id, createdBy: 721, now: new Date(NOW.getTime() - 6 * 24 * 3600 * 1000) });
    expect((await h.say(722, `/start ${fresh.code}`)).text).toContain('Готово!');
  });

  it('an unknown or malformed code gets the same answer, and never a crash', async () => {
    for (const payload of ['AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'short', '<script>', 'a b c', '💥'.repeat(30)]) {
      expect((await h.say(731, `/start ${payload}`)).text).toContain('Запрошення недійсне');
    }
    expect(await chatRow(731)).toBeUndefined();
  });

  it('a chat of one business is not moved into another: refused, and the code stays usable', async () => {
    const a = await registerOwner(h, 741);
    const b = await registerOwner(h, 742);
    const code = codeIn((await h.say(742, '/invite')).text)!;
    expect((await h.say(741, `/start ${code}`)).text).toContain('уже підключено до іншого магазину');
    expect(await chatRow(741)).toMatchObject({ businessId: a.id, role: 'owner' });
    expect((await h.say(743, `/start ${code}`)).text).toContain('Готово!');
    expect(await chatRow(743)).toMatchObject({ businessId: b.id });
  });

  it('joining again the same business says so and keeps the code', async () => {
    const business = await registerOwner(h, 751);
    const first = codeIn((await h.say(751, '/invite')).text)!;
    await h.say(752, `/start ${first}`);
    const second = codeIn((await h.say(751, '/invite')).text)!;
    expect((await h.say(752, `/start ${second}`)).text).toContain('уже підключено до цього магазину');
    expect((await h.say(753, `/start ${second}`)).text).toContain('Готово!');
    expect(await chatRow(753)).toMatchObject({ businessId: business.id });
  });
  it('a group that already belongs to another shop is refused, says why, and the code shown there is spent', async () => {
    const a = await registerOwner(h, 761);
    const b = await registerOwner(h, 762);
    const first = codeIn((await h.say(761, '/invite')).text)!;
    await h.say(-100761, `/start@cashdesk_test_bot ${first}`, { chatType: 'supergroup', chatTitle: 'Магазин A', fromId: 763 });
    const code = codeIn((await h.say(762, '/invite')).text)!;
    const reply = await h.say(-100761, `/start@cashdesk_test_bot ${code}`, { chatType: 'supergroup', fromId: 763 });
    expect(reply.text).toContain('уже підключено до іншого магазину');
    expect(reply.text).toContain('тепер використано');
    expect(await chatRow(-100761)).toMatchObject({ businessId: a.id });
    // Everyone in the group saw the code: nobody can use it afterwards, not even in private.
    const [stored] = await h.database.db.select().from(invites).where(eq(invites.businessId, b.id));
    expect(stored!.usedAt).not.toBeNull();
    expect((await h.say(764, `/start ${code}`)).text).toContain('Запрошення недійсне');
    expect(await chatRow(764)).toBeUndefined();
  });

  it('a group already in this shop is told so, and the code shown there is spent', async () => {
    const business = await registerOwner(h, 771);
    const first = codeIn((await h.say(771, '/invite')).text)!;
    await h.say(-100771, `/start@cashdesk_test_bot ${first}`, { chatType: 'supergroup', fromId: 772 });
    const second = codeIn((await h.say(771, '/invite')).text)!;
    const reply = await h.say(-100771, `/start@cashdesk_test_bot ${second}`, { chatType: 'supergroup', fromId: 772 });
    expect(reply.text).toContain('уже підключено до цього магазину');
    expect(reply.text).toContain('тепер використано');
    expect((await h.say(773, `/start ${second}`)).text).toContain('Запрошення недійсне');
    expect(await chatRow(773)).toBeUndefined();
    expect(await chatRow(-100771)).toMatchObject({ businessId: business.id, active: true });
  });

  it('in a private chat a refused code is kept, and the answer says it still works elsewhere', async () => {
    await registerOwner(h, 781);
    const b = await registerOwner(h, 782);
    const code = codeIn((await h.say(782, '/invite')).text)!;
    const reply = await h.say(781, `/start ${code}`);
    expect(reply.text).toContain('уже підключено до іншого магазину');
    expect(reply.text).toContain('ще можна відкрити в іншому чаті');
    expect((await h.say(783, `/start ${code}`)).text).toContain('Готово!');
    expect(await chatRow(783)).toMatchObject({ businessId: b.id });
  });

  it('the startgroup link adds the bot to a group the person picks: its /start@bot <code> joins that group', async () => {
    const business = await registerOwner(h, 741);
    const reply = await h.say(741, '/invite');
    const code = /\?startgroup=([A-Za-z0-9_-]+)/.exec(reply.text)?.[1];
    expect(code).toBeDefined();
    // Telegram adds the bot, then sends "/start@<bot> <code>" in the group on the person's behalf.
    h.tg.myChatMember({ chatId: -100741, chatType: 'supergroup', chatTitle: 'Склад', fromId: 742, oldStatus: 'left', newStatus: 'member' });
    const joined = await h.say(-100741, `/start@${h.tg.botInfo.username} ${code}`, { chatType: 'supergroup', chatTitle: 'Склад', fromId: 742 });
    expect(joined.text).toContain('Готово!');
    expect(await chatRow(-100741)).toMatchObject({ businessId: business.id, role: 'member', type: 'supergroup', active: true });
  });
});
