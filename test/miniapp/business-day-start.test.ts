import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Business } from '../../src/features/shops/businesses.js';
import type { MeResponse, TodayResponse } from '../../src/miniapp/api-contract.js';
import { databaseKinds } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { variant } from '../support/fixtures.js';
import { signInitData } from '../support/init-data.js';
import { registerOwner, startBotHarness, storeCheck, type BotHarness } from '../support/bot-harness.js';

const OWNER = 941;
/** Saturday 28.11.2026 02:00 in Kyiv: with BUSINESS_DAY_START=04:00 still Friday's business day. */
const LATE_NIGHT = new Date('2026-11-28T00:00:00Z');

/** The Mini App's "today" and its hours follow BUSINESS_DAY_START, as the bot's /today does. */
describe.each(databaseKinds)('Mini App with BUSINESS_DAY_START=04:00 (%s)', (kind) => {
  let h: BotHarness;
  let app: TestApp;
  let shop: Business;

  const get = async <T>(path: string): Promise<T> => {
    const initData = signInitData({ user: { id: OWNER, first_name: 'Owner', language_code: 'uk' }, botToken: h.tg.token });
    const res = await fetch(`${app.url}${path}`, { headers: { authorization: `tma ${initData}` } });
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    h = await startBotHarness(kind, { BUSINESS_DAY_START: '04:00' });
    shop = await registerOwner(h, OWNER);
    // Friday 27.11 at 12:00 and Saturday 28.11 at 01:00 (after midnight, before the day's start).
    await storeCheck(h, shop.id, variant('sale-cash', 'bds-noon', (c) => ((c.ORDERDATE = '2026-11-27'), (c.ORDERTIME = '12:00:00'))));
    await storeCheck(h, shop.id, variant('sale-card', 'bds-late', (c) => ((c.ORDERDATE = '2026-11-28'), (c.ORDERTIME = '01:00:00'))));
    app = await startTestApp(h.database, {
      config: { maxBodyBytes: 1024 * 1024, businessTz: h.config.businessTz, businessDayStart: h.config.businessDayStart },
      miniApp: { botToken: h.tg.token, now: () => LATE_NIGHT, webRoots: ['/nonexistent/web/dist'] },
    });
  });
  afterAll(async () => {
    await app?.close();
    await h?.close();
  });

  it('at 02:00 on Saturday, today is still Friday, with the check of 01:00 in it and its hours from 04:00', async () => {
    expect((await get<MeResponse>('/app/api/me')).today).toBe('2026-11-27');
    const today = await get<TodayResponse>('/app/api/today');
    expect(today.date).toBe('2026-11-27');
    expect(today.dayStartMinutes).toBe(240);
    expect(today.figures.sales).toEqual({ count: 2, sumKop: 14_860 + 68_900 });
    // Index 0 is 04:00–05:00: noon is index 8, 01:00 the next night is index 21.
    expect(today.hourly[8]).toBe(14_860);
    expect(today.hourly[21]).toBe(68_900);
    expect(today.hourly.reduce((s, v) => s + v, 0)).toBe(today.figures.netKop);
  });
});
