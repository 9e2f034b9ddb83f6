import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/databases.js';
import { createBusiness } from '../support/app.js';
import { createTokenLookup, type Business } from '../../src/access/businesses.js';

/** The webhook's token lookups, coalesced: concurrent ones share one query, answers stay exact. */
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
    const found = await Promise.all(tokens.map((t) => lookup(t)));
    // The first goes alone; the rest wait for it and go together ('short' never reaches the database).
    expect(database.statements.count).toBe(2);
    expect(found.map((f) => f?.id ?? null)).toEqual(
      tokens.map((t) => (t === a.webhookToken ? a.id : t === b.webhookToken ? b.id : null)),
    );
  });

  it('a lookup after another ends queries again (nothing is cached)', async () => {
    const lookup = createTokenLookup(database.db);
    database.statements.reset();
    expect((await lookup(a.webhookToken))?.id).toBe(a.id);
    expect((await lookup(a.webhookToken))?.id).toBe(a.id);
    expect(database.statements.count).toBe(2);
  });
});
