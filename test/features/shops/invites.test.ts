import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { invites } from '../../../src/platform/db/schema.js';
import { createInvite, joinByInvite, redeemInvite, INVITE_TTL_MS } from '../../../src/features/shops/invites.js';
import { findChat } from '../../../src/features/shops/chats.js';
import { deactivateChat } from '../../../src/features/shops/chat-lifecycle.js';
import { hashSecret } from '../../../src/features/shops/secrets.js';
import { createBusiness } from '../../support/app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';

describe.each(databaseKinds)('invites (%s)', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => database?.destroy());

  it('codes are unguessable, stored only as sha256, and expire after 7 days', async () => {
    const business = await createBusiness(database);
    const now = new Date('2026-11-27T10:00:00Z');
    const a = await createInvite(database.db, { businessId: business.id, createdBy: 1, now });
    const b = await createInvite(database.db, { businessId: business.id, createdBy: 1, now });
    expect(a.code).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(a.code).not.toBe(b.code);
    expect(a.expiresAt.getTime() - now.getTime()).toBe(INVITE_TTL_MS);
    const rows = await database.db.select().from(invites).where(eq(invites.businessId, business.id));
    expect(rows.map((r) => r.codeHash).sort()).toEqual([hashSecret(a.code), hashSecret(b.code)].sort());
    expect(JSON.stringify(rows)).not.toContain(a.code);

    expect(await redeemInvite(database.db, a.code, 11, new Date(a.expiresAt.getTime() + 1))).toBeUndefined();
    expect(await redeemInvite(database.db, a.code, 11, new Date(a.expiresAt.getTime() - 1))).toBe(business.id);
    expect(await redeemInvite(database.db, a.code, 12, now)).toBeUndefined();
    expect(await redeemInvite(database.db, 'not a code', 12, now)).toBeUndefined();
  });

  it('two chats racing for one code: exactly one gets in', async () => {
    const business = await createBusiness(database);
    const { code } = await createInvite(database.db, { businessId: business.id, createdBy: 1 });
    const results = await Promise.all(
      [21, 22, 23, 24].map((chatId) => joinByInvite(database.db, code, { chatId, type: 'private', title: null, lang: 'uk' })),
    );
    expect(results.filter((r) => r.status === 'joined')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'invalid')).toHaveLength(3);
  });

  it("a member chat that was switched off may join another business; an owner's chat never moves", async () => {
    const a = await createBusiness(database);
    const b = await createBusiness(database);
    const first = await createInvite(database.db, { businessId: a.id, createdBy: 1 });
    expect((await joinByInvite(database.db, first.code, { chatId: 31, type: 'private', title: null, lang: null })).status).toBe('joined');
    await deactivateChat(database.db, 31, 'blocked');
    const second = await createInvite(database.db, { businessId: b.id, createdBy: 1 });
    expect((await joinByInvite(database.db, second.code, { chatId: 31, type: 'private', title: null, lang: null })).status).toBe('joined');
    expect(await findChat(database.db, 31)).toMatchObject({ businessId: b.id, active: true, role: 'member' });

    await deactivateChat(database.db, a.ownerUserId, 'blocked');
    const third = await createInvite(database.db, { businessId: b.id, createdBy: 1 });
    expect((await joinByInvite(database.db, third.code, { chatId: a.ownerUserId, type: 'private', title: null, lang: null })).status).toBe('other_business');
    expect(await findChat(database.db, a.ownerUserId)).toMatchObject({ businessId: a.id, role: 'owner' });
  });
});
