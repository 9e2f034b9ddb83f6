import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';
import { createBusiness } from '../../support/app.js';
import { createTokenLookup, type Business } from '../../../src/features/shops/businesses.js';

/** The webhook's token lookups: a found token remembered, unknown ones coalesced (concurrent ones share one query). */
describe.each(databaseKinds)('coalesced token lookup (%s)', (kind) => {
  let database: TestDatabase;
  let a: Business;
  let b: Business;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    a = await createBusiness(database);
    b = await createBusiness(database);
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it('twelve lookups at once: two queries, each token its own business or none', async () => {
    const lookup = createTokenLookup(database.db);
    const unknown = 'x'.repeat(32);
    const tokens = [a.webhookToken, b.webhookToken, unknown, 'short', a.webhookToken, b.webhookToken, unknown, a.webhookToken, b.webhookToken, a.webhookToken, unknown, b.webhookToken];
    database.statements.reset();
    const found = await Promise.all(tokens.map((t) => lookup.find(t)));
    // The first goes alone; the rest wait for it and go together ('short' never reaches the database).
    expect(database.statements.count).toBe(2);
    expect(found.map((f) => f?.id ?? null)).toEqual(
      tokens.map((t) => (t === a.webhookToken ? a.id : t === b.webhookToken ? b.id : null)),
    );
  });

  it('a found token is remembered; fresh asks again; forget and unknown tokens always ask', async () => {
    const lookup = createTokenLookup(database.db);
    const unknown = 'y'.repeat(32);
    database.statements.reset();
    expect((await lookup.find(a.webhookToken))?.id).toBe(a.id);
    expect((await lookup.find(a.webhookToken))?.id).toBe(a.id);
    expect(database.statements.count).toBe(1);
    expect((await lookup.find(a.webhookToken, { fresh: true }))?.id).toBe(a.id);
    expect(database.statements.count).toBe(2);
    lookup.forget(a.webhookToken);
    expect((await lookup.find(a.webhookToken))?.id).toBe(a.id);
    expect(database.statements.count).toBe(3);
    expect(await lookup.find(unknown)).toBeUndefined();
    expect(await lookup.find(unknown)).toBeUndefined();
    expect(database.statements.count).toBe(5);
  });
});
