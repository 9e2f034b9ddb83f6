import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { chats, outbox } from '../../src/platform/db/schema.js';
import type { Business } from '../../src/features/shops/businesses.js';
import { databaseKinds } from '../support/databases.js';
import { variant } from '../support/fixtures.js';
import { joinWithInvite, registerOwner, startBotHarness, storeCheck, type BotHarness } from '../support/bot-harness.js';

const OWNER = 1101;
const GROUP = -1001101;
const PERSON = 1102;

describe.each(databaseKinds)('my_chat_member (%s)', (kind) => {
  let h: BotHarness;
  let business: Business;
  beforeAll(async () => {
    h = await startBotHarness(kind);
    business = await registerOwner(h, OWNER);
    for (const [chatId, extra] of [
      [GROUP, { chatType: 'supergroup' as const, chatTitle: 'Каса & <Склад>', fromId: 1199 }],
      [PERSON, { firstName: 'Петро' }],
    ] as const) {
      await joinWithInvite(h, OWNER, chatId, extra);
    }
  });
  afterAll(async () => h?.close());

  const row = async (chatId: number) => (await h.database.db.select().from(chats).where(eq(chats.chatId, chatId)))[0]!;
  const until = async (probe: () => Promise<boolean>) => {
    const deadline = Date.now() + 5000;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const saleRecipients = async (uuid: string) => {
    const checkId = await storeCheck(h, business.id, variant('sale-cash', uuid));
    const jobs = await h.database.db.select().from(outbox).where(and(eq(outbox.checkId, checkId), eq(outbox.kind, 'sale')));
    return jobs.map((j) => j.chatId).sort((x, y) => x - y);
  };

  it('removed from a group: the group is switched off, gets nothing more, and the owner is told', async () => {
    expect(await saleRecipients('cm-before')).toEqual([GROUP, OWNER, PERSON].sort((x, y) => x - y));
    h.tg.myChatMember({ chatId: GROUP, newStatus: 'kicked', oldStatus: 'member', chatType: 'supergroup', chatTitle: 'Каса & <Склад>', fromId: 1199 });
    await until(async () => !(await row(GROUP)).active);
    expect((await row(GROUP)).deactivatedReason).toBe('kicked');
    expect(await saleRecipients('cm-after-group')).toEqual([OWNER, PERSON].sort((x, y) => x - y));
    const notices = await h.database.db.select().from(outbox).where(and(eq(outbox.chatId, OWNER), eq(outbox.kind, 'notice')));
    expect(notices.map((n) => n.payload)).toContainEqual({ key: 'chat_left', args: { title: 'Каса & <Склад>' } });
  });

  it('blocked in a private chat: switched off, its waiting messages dropped; /start after unblocking brings it back', async () => {
    const waiting = await storeCheck(h, business.id, variant('sale-cash', 'cm-waiting'));
    h.tg.myChatMember({ chatId: PERSON, newStatus: 'kicked', oldStatus: 'member' });
    await until(async () => !(await row(PERSON)).active);
    const [dropped] = await h.database.db.select().from(outbox).where(and(eq(outbox.checkId, waiting), eq(outbox.chatId, PERSON)));
    expect(dropped!.status).toBe('dropped');
    expect((await row(PERSON)).deactivatedReason).toBe('blocked');
    expect(await saleRecipients('cm-after-block')).toEqual([OWNER]);

    h.tg.myChatMember({ chatId: PERSON, newStatus: 'member', oldStatus: 'kicked' });
    expect((await h.say(PERSON, '/today')).text).toContain('не підключено');
    expect((await h.say(PERSON, '/start')).text).toContain('З поверненням');
    expect((await row(PERSON)).active).toBe(true);
    expect(await saleRecipients('cm-back')).toEqual([OWNER, PERSON]);
  });

  it('a group upgraded to a supergroup is followed to its new id', async () => {
    const OLD = -1105;
    const NEW = -1001105;
    await joinWithInvite(h, OWNER, OLD, { chatType: 'group', fromId: 1198 });
    h.tg.sendUpdate({
      message: { message_id: 77, date: 1, chat: { id: OLD, type: 'group', title: 'Test group' }, from: { id: 1198, is_bot: false, first_name: 'G' }, migrate_to_chat_id: NEW },
    });
    await until(async () => (await h.database.db.select().from(chats).where(eq(chats.chatId, NEW))).length === 1);
    expect(await row(NEW)).toMatchObject({ businessId: business.id, active: true, type: 'supergroup' });
    expect(await saleRecipients('cm-migrated')).toContain(NEW);
    expect(await saleRecipients('cm-migrated-2')).not.toContain(OLD);
  });

  /** Every setting a group can have, none of them the default (the columns of chats, as /settings and the commands write them). */
  const groupSettings = {
    lang: 'en',
    muted: false,
    minSaleKop: 5000,
    onlyReturns: false,
    deskFilter: ['4000000001'],
    watchdogOff: ['large_discount', 'desk_quiet'],
    quietFrom: 22 * 60,
    quietTo: 7 * 60,
    summaryTime: '20:30',
    createdAt: new Date('2026-11-01T08:00:00Z'),
  };
  const migrate = (oldId: number, newId: number) =>
    h.tg.sendUpdate({
      message: { message_id: 78, date: 1, chat: { id: oldId, type: 'group', title: 'Test group' }, from: { id: 1198, is_bot: false, first_name: 'G' }, migrate_to_chat_id: newId },
    });
  /** The row without what migration changes by design: its id, type, when it was touched, and (for the old one) its switch. */
  const settingsOf = (r: typeof chats.$inferSelect) => {
    const { chatId: _id, type: _type, updatedAt: _u, ...rest } = r;
    return rest;
  };

  it('a branch group filtered to one cash desk keeps every setting as a supergroup: no other desk\'s sales', async () => {
    const OLD = -1106;
    const NEW = -1001106;
    await joinWithInvite(h, OWNER, OLD, { chatType: 'group', fromId: 1198 });
    await h.database.db.update(chats).set(groupSettings).where(eq(chats.chatId, OLD));
    const before = await row(OLD);
    expect(await saleRecipients('cm-filter-other')).not.toContain(OLD); // the fixture's desk is not 4000000001

    migrate(OLD, NEW);
    await until(async () => (await h.database.db.select().from(chats).where(eq(chats.chatId, NEW))).length === 1);
    expect(settingsOf(await row(NEW))).toEqual(settingsOf(before));
    expect(await row(NEW)).toMatchObject({ type: 'supergroup', active: true });
    expect(await row(OLD)).toMatchObject({ active: false, deactivatedReason: `migrated to ${NEW}` });

    const recipients = await saleRecipients('cm-filter-after');
    expect(recipients).not.toContain(NEW);
    expect(recipients).not.toContain(OLD);
    const own = await storeCheck(h, business.id, variant('sale-cash', 'cm-filter-own', (c) => (c.num_fiscal = '4000000001')));
    const ownJobs = await h.database.db.select().from(outbox).where(and(eq(outbox.checkId, own), eq(outbox.kind, 'sale')));
    expect(ownJobs.map((j) => j.chatId)).toContain(NEW);

    // Told again (a send's answer says it too): nothing is copied over what the new chat set since.
    await h.database.db.update(chats).set({ minSaleKop: 100 }).where(eq(chats.chatId, NEW));
    migrate(OLD, NEW);
    await new Promise((r) => setTimeout(r, 300));
    expect((await row(NEW)).minSaleKop).toBe(100);
  });

  it('a supergroup the bot already knows merges with the group: the group\'s settings win, its waiting messages move', async () => {
    const OLD = -1107;
    const NEW = -1001107;
    await joinWithInvite(h, OWNER, OLD, { chatType: 'group', fromId: 1198 });
    await h.database.db.update(chats).set(groupSettings).where(eq(chats.chatId, OLD));
    const before = await row(OLD);
    // The new id was linked meanwhile, with a fresh link's defaults and its own title.
    await joinWithInvite(h, OWNER, NEW, { chatType: 'supergroup', chatTitle: 'Філія (нова)', fromId: 1198 });
    expect(await row(NEW)).toMatchObject({ deskFilter: null, summaryTime: null });
    const [waiting] = await h.database.db
      .insert(outbox)
      .values({ businessId: business.id, chatId: OLD, kind: 'notice', payload: { key: 'topic_closed', args: {} }, runAfter: new Date(Date.now() + 3_600_000) })
      .returning({ id: outbox.id });

    migrate(OLD, NEW);
    await until(async () => !(await row(OLD)).active);
    const merged = await row(NEW);
    expect(settingsOf(merged)).toEqual({ ...settingsOf(before), title: 'Філія (нова)' });
    expect(merged.active).toBe(true);
    const [moved] = await h.database.db.select().from(outbox).where(eq(outbox.id, waiting!.id));
    expect(moved).toMatchObject({ chatId: NEW, status: 'pending' });
  });

  it('the owner blocking the bot switches the owner chat off, and /start brings it back with the same URL', async () => {
    h.tg.myChatMember({ chatId: OWNER, newStatus: 'kicked', oldStatus: 'member' });
    await until(async () => !(await row(OWNER)).active);
    h.tg.myChatMember({ chatId: OWNER, newStatus: 'member', oldStatus: 'kicked' });
    const again = await h.say(OWNER, '/start');
    expect(again.text).toContain(business.webhookToken);
    expect((await row(OWNER)).active).toBe(true);
  });
});
