import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { businesses } from '../../src/platform/db/schema.js';
import type { Business } from '../../src/features/shops/businesses.js';
import type { MeResponse } from '../../src/miniapp/api-contract.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { signInitData } from '../support/init-data.js';
import { joinWithInvite, NOW, registerOwner, startBotHarness, type BotHarness } from '../support/bot-harness.js';

/**
 * /name: the owner names the shop (up to 64 characters, shown verbatim), and the name heads
 * /today, /members, /invite and the Mini App; until then the shop is "Магазин № N".
 */
const OWNER = 2301;
const MEMBER = 2302;
const HOSTILE = '<b>Кава</b> & "Чай" </a> 🍎';

describe.each(databaseKinds)('the shop name (%s)', (kind) => {
  let h: BotHarness;
  let app: TestApp;
  let business: Business;

  beforeAll(async () => {
    h = await startBotHarness(kind);
    business = await registerOwner(h, OWNER);
    await joinWithInvite(h, OWNER, MEMBER);
    app = await startTestApp(h.database, {
      config: { maxBodyBytes: 1024 * 1024, businessTz: h.config.businessTz },
      miniApp: { botToken: h.tg.token, now: () => NOW, webRoots: ['/nonexistent/web/dist'] },
    });
  });
  afterAll(async () => {
    await app?.close();
    await h?.close();
  });

  const me = async (userId: number): Promise<MeResponse> => {
    const initData = signInitData({ user: { id: userId, first_name: 'Тест', language_code: 'uk' }, botToken: h.tg.token });
    const res = await fetch(`${app.url}/app/api/me`, { headers: { authorization: `tma ${initData}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as MeResponse;
  };
  const storedName = async () => (await h.database.db.select({ name: businesses.name }).from(businesses).where(eq(businesses.id, business.id)))[0]!.name;

  it('is "Магазин № N" until the owner names it', async () => {
    expect((await h.say(OWNER, '/today')).text.split('\n')[0]).toBe(`📊 Магазин № ${business.id} · Сьогодні, 27.11.2026`);
    expect((await me(OWNER)).business.title).toBe(`Магазин № ${business.id}`);
    expect((await h.say(OWNER, '/name')).text).toContain(`Магазин № ${business.id}`);
  });

  it('only the owner names it; a member is told so and nothing changes', async () => {
    expect((await h.say(MEMBER, '/name Чужа назва')).text).toContain('лише власник');
    expect(await storedName()).toBeNull();
  });

  it('refuses a name over 64 characters or of more than one line, with the reason, and keeps the old one', async () => {
    expect((await h.say(OWNER, `/name ${'я'.repeat(65)}`)).text).toContain('до 64 символів');
    expect((await h.say(OWNER, '/name Перший\nДругий')).text).toContain('в один рядок');
    expect(await storedName()).toBeNull();
  });

  it('takes any one-line text of up to 64 characters and shows it verbatim in /today, /members, /invite and the Mini App', async () => {
    const exactly64 = `${HOSTILE} ${'ж'.repeat(64 - [...HOSTILE].length - 1)}`;
    expect([...exactly64]).toHaveLength(64);
    expect((await h.say(OWNER, `/name ${exactly64}`)).text).toContain(exactly64);
    expect(await storedName()).toBe(exactly64);

    expect((await h.say(OWNER, `/name   ${HOSTILE}  `)).text).toContain(HOSTILE);
    expect(await storedName()).toBe(HOSTILE);
    expect((await h.say(OWNER, '/today')).text.split('\n')[0]).toBe(`📊 ${HOSTILE} · Сьогодні, 27.11.2026`);
    expect((await h.say(MEMBER, '/today')).text.split('\n')[0]).toBe(`📊 ${HOSTILE} · Сьогодні, 27.11.2026`);
    expect((await h.say(OWNER, '/members')).text.split('\n')[0]).toBe(`🏪 ${HOSTILE}`);
    expect((await h.say(OWNER, '/invite')).text.split('\n')[0]).toBe(`🏪 ${HOSTILE}`);
    expect((await me(MEMBER)).business.title).toBe(HOSTILE);
  });
});
