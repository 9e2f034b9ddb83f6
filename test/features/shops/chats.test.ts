import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { chatLeases, invites, outbox } from '../../../src/platform/db/schema.js';
import { createInvite, joinByInvite } from '../../../src/features/shops/invites.js';
import { findChat, listBusinessChats, removeChat } from '../../../src/features/shops/chats.js';
import { deactivateChat, migrateChat } from '../../../src/features/shops/chat-lifecycle.js';
import { markInFlight } from '../../../src/platform/outbox/outbox.js';
import { createBusiness } from '../../support/app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';

describe.each(databaseKinds)('linked chats (%s)', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => database?.destroy());

  const join = async (businessId: number, chatId: number, type = 'private', title: string | null = null) => {
    const { code } = await createInvite(database.db, { businessId, createdBy: 1 });
    const result = await joinByInvite(database.db, code, { chatId, type, title, lang: null });
    expect(result.status).toBe('joined');
  };
  const notice = async (businessId: number, chatId: number) => {
    const [row] = await database.db.insert(outbox).values({ businessId, chatId, kind: 'notice', payload: { key: 'member_joined', args: { title: 'x' } } }).returning();
    return row!;
  };

  it('removeChat takes a member chat out with its waiting messages; never the owner\'s, never another shop\'s', async () => {
    const a = await createBusiness(database);
    const b = await createBusiness(database);
    await join(a.id, 9101);
    await join(a.id, -1009102, 'supergroup', 'Склад');
    const waiting = await notice(a.id, 9101);

    expect(await removeChat(database.db, b.id, 9101)).toBeUndefined();
    expect(await removeChat(database.db, a.id, a.ownerUserId)).toBeUndefined();
    expect(await findChat(database.db, 9101)).toBeDefined();

    expect(await removeChat(database.db, a.id, 9101)).toMatchObject({ chatId: 9101, businessId: a.id });
    expect(await findChat(database.db, 9101)).toBeUndefined();
    const [dropped] = await database.db.select().from(outbox).where(eq(outbox.id, waiting.id));
    expect(dropped!.status).toBe('dropped');
    expect(await removeChat(database.db, a.id, 9101)).toBeUndefined();
    expect((await listBusinessChats(database.db, a.id)).map((c) => c.chatId)).toEqual([a.ownerUserId, -1009102]);
  });

  it('the list leaves out the old id of a group that became a supergroup (in the group\'s place), and keeps switched-off chats', async () => {
    const a = await createBusiness(database);
    await join(a.id, -9201, 'group', 'Каса');
    await join(a.id, 9202);
    await migrateChat(database.db, -9201, -1009201);
    await deactivateChat(database.db, 9202, 'blocked');
    const listed = await listBusinessChats(database.db, a.id);
    // The supergroup keeps the group's place: it joined when the group did.
    expect(listed.map((c) => [c.chatId, c.active])).toEqual([
      [a.ownerUserId, true],
      [-1009201, true],
      [9202, false],
    ]);
  });

  it('a message queued for a chat after it was removed is never marked for sending', async () => {
    const a = await createBusiness(database);
    await join(a.id, 9301);
    await database.db.insert(chatLeases).values({ chatId: 9301, leasedBy: 'w1', leaseUntil: new Date(Date.now() + 60_000) });
    const before = await notice(a.id, 9301);
    expect(await markInFlight(database.db, 9301, [before.id], 'w1', 5_000)).not.toBeNull();
    await removeChat(database.db, a.id, 9301);
    // A check stored while the removal ran wrote one more (it read the chat before the removal).
    const late = await notice(a.id, 9301);
    expect(await markInFlight(database.db, 9301, [late.id], 'w1', 5_000)).toBeNull();
    const [row] = await database.db.select().from(outbox).where(eq(outbox.id, late.id));
    expect(row!.attempts).toBe(0);
  });

  it('a code a group cannot use is spent; in a private chat it is kept', async () => {
    const a = await createBusiness(database);
    const b = await createBusiness(database);
    await join(a.id, -1009401, 'supergroup', 'A');
    const forGroup = await createInvite(database.db, { businessId: b.id, createdBy: 1 });
    expect(await joinByInvite(database.db, forGroup.code, { chatId: -1009401, type: 'supergroup', title: 'A', lang: null })).toEqual({ status: 'other_business', spent: true });
    const sameShop = await createInvite(database.db, { businessId: a.id, createdBy: 1 });
    expect(await joinByInvite(database.db, sameShop.code, { chatId: -1009401, type: 'supergroup', title: 'A', lang: null })).toMatchObject({ status: 'already_member', spent: true });
    const forPerson = await createInvite(database.db, { businessId: b.id, createdBy: 1 });
    expect(await joinByInvite(database.db, forPerson.code, { chatId: a.ownerUserId, type: 'private', title: null, lang: null })).toEqual({ status: 'other_business', spent: false });
    const rows = await database.db.select().from(invites).where(eq(invites.businessId, b.id));
    expect(rows.filter((r) => r.usedAt !== null).map((r) => r.usedByChat)).toEqual([-1009401]);
  });
});
