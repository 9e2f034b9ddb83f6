import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Business } from '../../src/features/shops/businesses.js';
import { databaseKinds } from '../support/databases.js';
import { variant } from '../support/fixtures.js';
import { registerOwner, startBotHarness, storeCheck, type BotHarness } from '../support/bot-harness.js';
import { sendQueuedExports } from '../support/export-jobs.js';
import { documentBytes } from '../support/documents.js';

const OWNER = 831;

/**
 * BUSINESS_DAY_START=04:00 as the owner meets it (NOW is Friday 27.11.2026 12:00 Kyiv): a sale at
 * 01:00 on the 27th is Thursday's, one at 01:30 on the 28th is Friday's, in /today, /report and
 * /export alike.
 */
describe.each(databaseKinds)('BUSINESS_DAY_START in Telegram (%s)', (kind) => {
  let h: BotHarness;
  let business: Business;
  beforeAll(async () => {
    h = await startBotHarness(kind, { BUSINESS_DAY_START: '04:00' });
    business = await registerOwner(h, OWNER);
    // 689,00 ₴ on Thursday's night, 148,60 ₴ each on Friday's day and night.
    await storeCheck(h, business.id, variant('sale-card', 'night-26', (c) => ((c.ORDERDATE = '2026-11-27'), (c.ORDERTIME = '01:00:00'))));
    await storeCheck(h, business.id, variant('sale-cash', 'day-27', (c) => ((c.ORDERDATE = '2026-11-27'), (c.ORDERTIME = '10:15:00'))));
    await storeCheck(h, business.id, variant('sale-cash', 'night-27', (c) => ((c.ORDERDATE = '2026-11-28'), (c.ORDERTIME = '01:30:00'))));
  });
  afterAll(async () => h?.close());

  it('/today counts the night after midnight on the day that is closing, not the night before it', async () => {
    const reply = await h.say(OWNER, '/today');
    expect(reply.text).toContain('Сьогодні, 27.11.2026');
    expect(reply.text).toContain('Продажі: 2 чеки · 297,20 ₴');
  });

  it('/report and /export of Thursday hold the sale at 01:00 on Friday and nothing else', async () => {
    const report = await h.say(OWNER, '/report 26.11.2026 26.11.2026');
    expect(report.caption).toContain('Продажі: 1 чек · 689,00 ₴');
    expect((await h.say(OWNER, '/export 26.11.2026 26.11.2026')).text).toBe('Готую файл CSV: надійде за мить.');
    const [exported] = await sendQueuedExports(h.database.db, OWNER);
    const csv = documentBytes(exported!.document!).toString('utf8');
    expect(csv).toContain('night-26');
    expect(csv).not.toContain('day-27');
    expect(csv).not.toContain('night-27');
  });
});
