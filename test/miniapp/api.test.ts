import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Business } from '../../src/features/shops/businesses.js';
import { chats, outbox } from '../../src/platform/db/schema.js';
import { catalogue } from '../../src/platform/i18n/lang.js';
import { createServiceRenderer } from '../../src/service.js';
import { figureLines, renderToday } from '../../src/features/reports/messages/today.js';
import type { PeriodFigures } from '../../src/features/reports/figures-types.js';
import type {
  CheckDetailResponse,
  ChecksResponse,
  FiguresDto,
  MeResponse,
  PeriodResponse,
  TodayResponse,
} from '../../src/miniapp/api-contract.js';
import ExcelJS from 'exceljs';
import { databaseKinds } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { fixture, variant } from '../support/fixtures.js';
import { signInitData, type InitDataUser } from '../support/init-data.js';
import { joinWithInvite, NOW, registerOwner, startBotHarness, storeCheck, type BotHarness } from '../support/bot-harness.js';
import { sendQueuedExports } from '../support/export-jobs.js';
import { EXPORTS_PER_DAY } from '../../src/features/exports/export-requests.js';
import { documentBytes, readDocument } from '../support/documents.js';

const OWNER_A = 911;
const MEMBER_A = 912;
const OWNER_B = 921;
const STRANGER = 930;

const kop = (uah: number) => Math.round(uah * 100);

/** A CSV field as written by csv-stringify (no field here holds the separator). */
const unquote = (field: string) => (/^".*"$/.test(field) ? field.slice(1, -1).replace(/""/g, '"') : field);

const user = (id: number, language_code = 'uk'): InitDataUser => ({ id, first_name: `User ${id}`, language_code });

/** The API's figures back in the domain's shape, to render them with the bot's own renderer. */
function asPeriodFigures(f: FiguresDto, businessId: number, desks: TodayResponse['cashDesks'] = []): PeriodFigures {
  return {
    businessId,
    from: f.from,
    to: f.to,
    sales: f.sales,
    returns: f.returns,
    netKop: f.netKop,
    cashKop: f.cashKop,
    cashlessKop: f.cashlessKop,
    averageCheckKop: f.averageCheckKop,
    roundingKop: f.roundingKop,
    serviceIn: f.serviceIn,
    serviceOut: f.serviceOut,
    cashDesks: desks.map((d) => ({ cashDeskId: d.id, numFiscal: d.numFiscal, sales: d.sales, returns: d.returns, cashInBoxKop: d.cashInBoxKop })),
  };
}

describe.each(databaseKinds)('Mini App API (%s)', (kind) => {
  let h: BotHarness;
  let app: TestApp;
  let a: Business;
  let b: Business;
  const ids: Record<string, number> = {};

  const call = (path: string, init: RequestInit & { as?: number; initData?: string } = {}) => {
    const { as, initData, ...rest } = init;
    const raw = initData ?? (as === undefined ? undefined : signInitData({ user: user(as), botToken: h.tg.token }));
    return fetch(`${app.url}${path}`, {
      ...rest,
      headers: { ...(raw === undefined ? {} : { authorization: `tma ${raw}` }), ...(rest.headers as Record<string, string> | undefined) },
    });
  };
  const json = async <T>(path: string, as: number): Promise<T> => {
    const res = await call(path, { as });
    expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    h = await startBotHarness(kind);
    a = await registerOwner(h, OWNER_A);
    await joinWithInvite(h, OWNER_A, MEMBER_A);
    b = await registerOwner(h, OWNER_B);
    for (const name of ['sale-cash', 'sale-card', 'return', 'offline-lenient']) ids[name] = await storeCheck(h, a.id, fixture(name));
    // Friday a week before (the chart's comparison) and Monday of this week.
    ids.weekBefore = await storeCheck(h, a.id, variant('sale-card', 'week-before-1', (c) => ((c.ORDERDATE = '2026-11-20'), (c.ORDERNUM = 'WB-1'))));
    ids.monday = await storeCheck(h, a.id, variant('sale-cash', 'monday-1', (c) => ((c.ORDERDATE = '2026-11-23'), (c.ORDERNUM = 'MON-1'))));
    // Business B: a product and an amount nobody in A has.
    ids.b = await storeCheck(
      h,
      b.id,
      variant('sale-card', 'b-secret-1', (c) => {
        c.ORDERNUM = 'DEV_B0001';
        c.check_data.products[0].name = 'Секретний товар Б';
        c.check_data.total_sum = 777.77;
        c.check_data.payments[0].sum = 777.77;
      }),
    );
    app = await startTestApp(h.database, {
      config: { maxBodyBytes: 1024 * 1024, businessTz: h.config.businessTz },
      // These tests ask quickly one after another; the limits have their own tests (limits.test.ts).
      // The bot's @username as the service gives it: from the bot's getMe.
      miniApp: { botToken: h.tg.token, botUsername: () => (h.bot.isInited() ? h.bot.botInfo.username : undefined), now: () => NOW, webRoots: ['/nonexistent/web/dist'], limits: { user: { perSecond: 1000, burst: 1000, maxInFlight: 2 } } },
    });
  });
  afterAll(async () => {
    await app?.close();
    await h?.close();
  });

  describe('initData', () => {
    it('no header, a foreign scheme, a forged signature or a changed user: 401', async () => {
      expect((await call('/app/api/me')).status).toBe(401);
      expect((await call('/app/api/me', { headers: { authorization: 'Bearer x' } })).status).toBe(401);
      const forged = signInitData({ user: user(OWNER_A), botToken: '123456:not-this-bots-token' });
      const res = await call('/app/api/me', { initData: forged });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
      // Signed for the member, then the user swapped for the owner's: the signature no longer holds.
      const signed = new URLSearchParams(signInitData({ user: user(MEMBER_A), botToken: h.tg.token }));
      signed.set('user', JSON.stringify(user(OWNER_A)));
      expect((await call('/app/api/me', { initData: signed.toString() })).status).toBe(401);
      // Without a hash at all.
      signed.delete('hash');
      expect((await call('/app/api/me', { initData: signed.toString() })).status).toBe(401);
    });

    it('older than 24 hours: 401 "expired"; 23 hours old still works', async () => {
      const old = signInitData({ user: user(OWNER_A), botToken: h.tg.token, authDate: Math.floor(Date.now() / 1000) - 24 * 3600 - 60 });
      const res = await call('/app/api/me', { initData: old });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('expired');
      const recent = signInitData({ user: user(OWNER_A), botToken: h.tg.token, authDate: Math.floor(Date.now() / 1000) - 23 * 3600 });
      expect((await call('/app/api/me', { initData: recent })).status).toBe(200);
    });

    it('a valid user linked to no business: 403 on every endpoint', async () => {
      for (const path of ['/app/api/me', '/app/api/today', '/app/api/checks', `/app/api/checks/${ids['sale-cash']}`, '/app/api/period?kind=week']) {
        const res = await call(path, { as: STRANGER });
        expect(res.status, path).toBe(403);
        // It names the bot, so the app can offer its chat (where /start or an invite links the account).
        expect(await res.json(), path).toEqual({ error: { code: 'not_linked', message: expect.any(String) }, bot: h.tg.botInfo.username });
      }
    });

    it('owner and member see their business with their role; another business by ?business= is 404', async () => {
      const owner = await json<MeResponse>('/app/api/me', OWNER_A);
      expect(owner).toMatchObject({ user: { id: OWNER_A }, business: { id: a.id }, role: 'owner', lang: 'uk', today: '2026-11-27', tz: 'Europe/Kyiv' });
      expect(owner.cashDesks.map((d) => d.numFiscal)).toEqual(['50037129', '50037130']);
      const member = await json<MeResponse>('/app/api/me', MEMBER_A);
      expect(member).toMatchObject({ business: { id: a.id }, role: 'member' });
      expect((await json<MeResponse>(`/app/api/me?business=${a.id}`, MEMBER_A)).business.id).toBe(a.id);
      expect((await call(`/app/api/me?business=${b.id}`, { as: MEMBER_A })).status).toBe(404);
      expect((await call('/app/api/me?business=abc', { as: MEMBER_A })).status).toBe(400);
    });
  });

  describe('today', () => {
    it("equals the bot's /today, to the character, for a member", async () => {
      const today = await json<TodayResponse>('/app/api/today', MEMBER_A);
      const reply = await h.say(MEMBER_A, '/today');
      expect(renderToday(asPeriodFigures(today.figures, a.id, today.cashDesks), catalogue('uk'), `Магазин № ${a.id}`).text).toBe(reply.rawText);
    });

    it('adds up to the stored checks: counts, totals, cash split, per desk with its last check; hourly against a week before', async () => {
      const today = await json<TodayResponse>('/app/api/today', OWNER_A);
      const [cash, card, ret] = [fixture('sale-cash'), fixture('sale-card'), fixture('return')];
      expect(today.date).toBe('2026-11-27');
      expect(today.figures.sales).toEqual({ count: 2, sumKop: kop(cash.check_data.total_sum) + kop(card.check_data.total_sum) });
      expect(today.figures.returns).toEqual({ count: 1, sumKop: kop(ret.check_data.total_sum) });
      expect(today.figures.netKop).toBe(kop(148.6) + kop(689) - kop(28.9));
      expect(today.figures.cashKop).toBe(kop(148.6) - kop(28.9));
      expect(today.figures.cashlessKop).toBe(kop(689));
      expect(today.figures.checksCount).toBe(3);
      expect(today.figures.averageCheckKop).toBe(Math.round((kop(148.6) + kop(689)) / 2));
      const desk = today.cashDesks.find((d) => d.numFiscal === '50037129')!;
      // The newest check by its own time on that desk is the return at 12:30 Kyiv (10:30 UTC).
      expect(desk.lastCheckAt).toBe('2026-11-27T10:30:00.000Z');
      expect(today.cashDesks.find((d) => d.numFiscal === '50037130')!.lastCheckAt).toBe('2026-11-26T21:58:10.000Z');
      expect(today.hourly).toHaveLength(24);
      expect(today.hourly[10]).toBe(kop(148.6));
      expect(today.hourly[11]).toBe(kop(689));
      expect(today.hourly[12]).toBe(-kop(28.9));
      expect(today.hourly.reduce((s, v) => s + v, 0)).toBe(today.figures.netKop);
      expect(today.hourlyWeekBefore[11]).toBe(kop(689));
      expect(today.hourlyWeekBefore.reduce((s, v) => s + v, 0)).toBe(kop(689));
    });

    it("business B's owner sees only B's", async () => {
      const today = await json<TodayResponse>('/app/api/today', OWNER_B);
      expect(today.figures.sales).toEqual({ count: 1, sumKop: kop(777.77) });
      expect(today.cashDesks.map((d) => d.id).sort()).not.toContain(
        (await json<TodayResponse>('/app/api/today', OWNER_A)).cashDesks[0]!.id,
      );
    });
  });

  describe('checks', () => {
    const list = (q: string, as = MEMBER_A) => json<ChecksResponse>(`/app/api/checks${q}`, as);

    it('newest first by their own time; pages with a cursor walk every check of the business once', async () => {
      const all = await list('?limit=100');
      expect(all.items.map((c) => c.id)).toEqual([ids.return, ids['sale-card'], ids['sale-cash'], ids['offline-lenient'], ids.monday, ids.weekBefore]);
      expect(all.nextCursor).toBeNull();
      const seen: number[] = [];
      let cursor: string | null = '';
      let pages = 0;
      while (cursor !== null) {
        const page: ChecksResponse = await list(`?limit=2${cursor ? `&before=${encodeURIComponent(cursor)}` : ''}`);
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor;
        pages++;
      }
      expect(pages).toBe(3);
      expect(seen).toEqual(all.items.map((c) => c.id));
      const first = all.items[0]!;
      expect(first).toMatchObject({ uuid: '0b6f3c1e-6a53-4a8e-9c1e-1f2a3b4c5d03', number: 'DEV_00000328ebcff', kind: 'return', rawType: 'RETURN', cashDesk: { numFiscal: '50037129' }, businessDate: '2026-11-27', totalKop: kop(28.9), itemsCount: 1 });
      expect(first.at).toBe('2026-11-27T10:30:00.000Z');
    });

    it('search by number prefix, by amount (comma or point), by product name (any case), by uuid', async () => {
      expect((await list('?q=DEV_000002')).items.map((c) => c.id)).toEqual([ids['sale-card']]);
      expect((await list('?q=MON')).items.map((c) => c.id)).toEqual([ids.monday]);
      expect((await list(`?q=${encodeURIComponent('148,60')}`)).items.map((c) => c.id)).toEqual([ids['sale-cash'], ids.monday]);
      expect((await list('?q=148.6')).items.map((c) => c.id)).toEqual([ids['sale-cash'], ids.monday]);
      expect((await list('?q=689')).items.map((c) => c.id)).toEqual([ids['sale-card'], ids.weekBefore]);
      expect((await list(`?q=${encodeURIComponent('хліб')}`)).items.map((c) => c.id)).toEqual([ids.return, ids['sale-cash'], ids.monday]);
      expect((await list(`?q=${encodeURIComponent('КАВА ЗЕРН')}`)).items.map((c) => c.id)).toEqual([ids['sale-card'], ids.weekBefore]);
      expect((await list(`?q=${encodeURIComponent('"Моршинська" <0,5')}`)).items.map((c) => c.id)).toEqual([ids['offline-lenient']]);
      expect((await list('?q=0b6f3c1e-6a53-4a8e-9c1e-1f2a3b4c5d02')).items.map((c) => c.id)).toEqual([ids['sale-card']]);
      // LIKE's wildcards are taken literally.
      expect((await list(`?q=${encodeURIComponent('%%%')}`)).items).toEqual([]);
      expect((await list(`?q=${encodeURIComponent('___')}`)).items).toEqual([]);
    });

    it('filters by cash desk and kind, also with a search', async () => {
      const me = await json<MeResponse>('/app/api/me', MEMBER_A);
      const second = me.cashDesks.find((d) => d.numFiscal === '50037130')!;
      expect((await list(`?cashDesk=${second.id}`)).items.map((c) => c.id)).toEqual([ids['offline-lenient']]);
      expect((await list('?kind=return')).items.map((c) => c.id)).toEqual([ids.return]);
      expect((await list(`?kind=sale&q=${encodeURIComponent('хліб')}`)).items.map((c) => c.id)).toEqual([ids['sale-cash'], ids.monday]);
      expect((await list('?kind=service_in')).items).toEqual([]);
    });

    it("never shows another business's checks: not in lists, not by search, not by desk", async () => {
      expect((await list(`?q=${encodeURIComponent('Секретний')}`)).items).toEqual([]);
      expect((await list('?q=777.77')).items).toEqual([]);
      expect((await list('?q=DEV_B')).items).toEqual([]);
      const bDesk = (await json<MeResponse>('/app/api/me', OWNER_B)).cashDesks[0]!;
      expect((await list(`?cashDesk=${bDesk.id}`)).items).toEqual([]);
      expect((await list(`?q=${encodeURIComponent('Секретний')}`, OWNER_B)).items.map((c) => c.id)).toEqual([ids.b]);
    });

    it('bad queries are 400 naming the field', async () => {
      for (const [q, field] of [
        ['?limit=0', 'limit'],
        ['?limit=101', 'limit'],
        ['?kind=refund', 'kind'],
        ['?cashDesk=x', 'cashDesk'],
        ['?before=yesterday', 'before'],
        [`?q=${'x'.repeat(101)}`, 'q'],
      ] as const) {
        const res = await call(`/app/api/checks${q}`, { as: MEMBER_A });
        expect(res.status, q).toBe(400);
        expect(((await res.json()) as { error: { message: string } }).error.message, q).toContain(field);
      }
    });
  });

  describe('a check', () => {
    it('opens with its items, payments, e-receipt link and PDF', async () => {
      const check = await json<CheckDetailResponse>(`/app/api/checks/${ids['sale-cash']}`, MEMBER_A);
      const raw = fixture('sale-cash');
      expect(check).toMatchObject({
        id: ids['sale-cash'],
        uuid: raw.uuid,
        number: raw.ORDERNUM,
        kind: 'sale',
        totalKop: kop(148.6),
        receiptUrl: raw.link,
        hasPdf: true,
        cashInBoxKop: kop(raw.cash_in_box),
        isOffline: false,
        itemsCount: 3,
      });
      expect(check.items.map((i) => i.name)).toEqual(raw.check_data.products.map((p: { name: string }) => p.name));
      expect(check.items[0]).toMatchObject({ priceKop: kop(raw.check_data.products[0].price), costKop: kop(raw.check_data.products[0].cost) });
      expect(check.payments).toEqual([{ kind: 'cash', name: raw.check_data.payments[0].name, sumKop: kop(148.6) }]);
      const card = await json<CheckDetailResponse>(`/app/api/checks/${ids['sale-card']}`, MEMBER_A);
      expect(card.payments.map((p) => p.kind)).toEqual(['cashless']);
    });

    it('the PDF is the bytes CashDesk sent, as application/pdf', async () => {
      const res = await call(`/app/api/checks/${ids['sale-cash']}/pdf`, { as: MEMBER_A });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(fixture('sale-cash').pdf, 'base64'))).toBe(true);
    });

    it("another business's check answers exactly as a check that does not exist: 404", async () => {
      const foreign = await call(`/app/api/checks/${ids.b}`, { as: MEMBER_A });
      const none = await call('/app/api/checks/999999999', { as: MEMBER_A });
      expect(foreign.status).toBe(404);
      expect(none.status).toBe(404);
      expect(await foreign.text()).toBe(await none.text());
      const foreignPdf = await call(`/app/api/checks/${ids.b}/pdf`, { as: MEMBER_A });
      const nonePdf = await call('/app/api/checks/999999999/pdf', { as: MEMBER_A });
      expect(foreignPdf.status).toBe(404);
      expect(await foreignPdf.text()).toBe(await nonePdf.text());
      expect((await call('/app/api/checks/abc', { as: MEMBER_A })).status).toBe(400);
    });
  });

  describe('periods', () => {
    it("week: the bot's /week figures, against the same days of last week, with the days", async () => {
      const week = await json<PeriodResponse>('/app/api/period?kind=week', MEMBER_A);
      expect(week.figures).toMatchObject({ from: '2026-11-23', to: '2026-11-27' });
      expect(week.previous).toMatchObject({ from: '2026-11-16', to: '2026-11-20' });
      const reply = await h.say(MEMBER_A, '/week');
      for (const line of figureLines(asPeriodFigures(week.figures, a.id), catalogue('uk'))) expect(reply.rawText).toContain(line);
      expect(week.figures.sales.count).toBe(4); // Monday + 2 today + the offline check of the 26th
      expect(week.figures.checksCount).toBe(5);
      expect(week.previous.sales).toEqual({ count: 1, sumKop: kop(689) });
      expect(week.daily.map((d) => d.date)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']);
      expect(week.daily.reduce((s, d) => s + d.netKop, 0)).toBe(week.figures.netKop);
      expect(week.previousDaily.reduce((s, d) => s + d.netKop, 0)).toBe(week.previous.netKop);
      expect(week.topByRevenue[0]).toMatchObject({ name: 'Кава зернова 1 кг' });
    });

    it("month and a range equal the bot's /month and /report", async () => {
      const month = await json<PeriodResponse>('/app/api/period?kind=month', MEMBER_A);
      const monthReply = await h.say(MEMBER_A, '/month');
      for (const line of figureLines(asPeriodFigures(month.figures, a.id), catalogue('uk'))) expect(monthReply.rawText).toContain(line);
      const range = await json<PeriodResponse>('/app/api/period?kind=range&from=2026-11-16&to=2026-11-27', MEMBER_A);
      const rangeReply = await h.say(MEMBER_A, '/report 16.11.2026 27.11.2026');
      for (const line of figureLines(asPeriodFigures(range.figures, a.id), catalogue('uk'))) expect(rangeReply.rawText).toContain(line);
      expect(range.previous).toMatchObject({ from: '2026-11-04', to: '2026-11-15' });
      const day = await json<PeriodResponse>('/app/api/period?kind=day', MEMBER_A);
      expect(day.figures.netKop).toBe((await json<TodayResponse>('/app/api/today', MEMBER_A)).figures.netKop);
      expect(day.previous).toMatchObject({ from: '2026-11-26', to: '2026-11-26' });
    });

    it('a one-day period comes by hour, as /today does; a longer one by day only', async () => {
      const day = await json<PeriodResponse>('/app/api/period?kind=day', MEMBER_A);
      const today = await json<TodayResponse>('/app/api/today', MEMBER_A);
      expect(day.hourly).not.toBeNull();
      expect(day.hourly!.values).toEqual(today.hourly);
      expect(day.hourly!.dayStartMinutes).toBe(today.dayStartMinutes);
      expect(day.hourly!.values.reduce((s, v) => s + v, 0)).toBe(day.figures.netKop);
      // Compared with the day before (the period before a one-day period).
      expect(day.hourly!.compare).toHaveLength(24);
      expect(day.hourly!.compare.reduce((s, v) => s + v, 0)).toBe(day.previous.netKop);
      const oneDayRange = await json<PeriodResponse>('/app/api/period?kind=range&from=2026-11-23&to=2026-11-23', MEMBER_A);
      expect(oneDayRange.hourly!.values.reduce((s, v) => s + v, 0)).toBe(oneDayRange.figures.netKop);
      expect((await json<PeriodResponse>('/app/api/period?kind=week', MEMBER_A)).hourly).toBeNull();
    });

    it('bad periods are 400', async () => {
      for (const q of ['', '?kind=year', '?kind=range', '?kind=range&from=2026-11-27&to=2026-11-01', '?kind=range&from=2025-01-01&to=2026-11-27', '?kind=range&from=27.11.2026&to=2026-11-27']) {
        expect((await call(`/app/api/period${q}`, { as: MEMBER_A })).status, q).toBe(400);
      }
    });
  });

  describe('export', () => {
    const post = (body: unknown, as = MEMBER_A) =>
      call('/app/api/export', { as, method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

    it("queues the CSV to the user's private chat through the outbox: the same file /export sends", async () => {
      const res = await post({ from: '2026-11-01', to: '2026-11-27', format: 'csv' });
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({ queued: true });
      const jobs = await h.database.db.select().from(outbox).where(and(eq(outbox.chatId, MEMBER_A), eq(outbox.kind, 'export')));
      expect(jobs).toHaveLength(1);
      expect(jobs[0]).toMatchObject({ businessId: a.id, status: 'pending', payload: { from: '2026-11-01', to: '2026-11-27', format: 'csv', lang: 'uk', requestedBy: MEMBER_A } });
      const [message] = await sendQueuedExports(h.database.db, MEMBER_A, h.config.businessTz);
      expect((await h.say(MEMBER_A, '/export 01.11.2026 27.11.2026')).text).toBe('Готую файл CSV: надійде за мить.');
      const [reply] = await sendQueuedExports(h.database.db, MEMBER_A, h.config.businessTz);
      expect(message!.document!.filename).toBe(reply!.document!.filename);
      expect(documentBytes(message!.document!).equals(documentBytes(reply!.document!))).toBe(true);
      expect(message!.text).toBe(reply!.text);
    });

    it('the file speaks the language the Mini App showed (English for an English Telegram, no /lang choice)', async () => {
      // No language stored for the chat: the worker alone would write Ukrainian.
      await h.database.db.update(chats).set({ lang: null }).where(eq(chats.chatId, OWNER_B));
      const initData = signInitData({ user: user(OWNER_B, 'en'), botToken: h.tg.token });
      const res = await call('/app/api/export', { initData, method: 'POST', body: JSON.stringify({ from: '2026-11-27', to: '2026-11-27', format: 'csv' }) });
      expect(res.status).toBe(202);
      const [job] = await h.database.db.select().from(outbox).where(and(eq(outbox.chatId, OWNER_B), eq(outbox.kind, 'export')));
      expect(job!.payload).toMatchObject({ lang: 'en' });
      const renderer = createServiceRenderer({ db: h.database.db, config: { businessTz: h.config.businessTz } });
      const message = await renderer.render({ ...job!, kind: job!.kind, payload: job!.payload as Record<string, unknown> });
      expect(message!.text).toMatch(/^Checks of 27\.11\.2026 – 27\.11\.2026: 1 check\b/);
      await message!.release?.();
    });

    it('a body that is not a JSON object, or is over 4 KiB, is 400 and queues nothing', async () => {
      const exportJobs = async () => (await h.database.db.select().from(outbox).where(and(eq(outbox.chatId, MEMBER_A), eq(outbox.kind, 'export')))).length;
      const before = await exportJobs();
      const valid = { from: '2026-11-27', to: '2026-11-27', format: 'csv' };
      for (const body of ['{"from":', '[]', 'null', JSON.stringify({ ...valid, padding: 'x'.repeat(4096) })]) {
        const res = await call('/app/api/export', { as: MEMBER_A, method: 'POST', body, headers: { 'content-type': 'application/json' } });
        expect(res.status, body.slice(0, 20)).toBe(400);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_request');
      }
      expect(await exportJobs()).toBe(before);
    });

    it('one export waiting per person: another (any period or format, the bot\'s /export too) is 429 until it is sent', async () => {
      const first = await post({ from: '2026-11-27', to: '2026-11-27', format: 'csv' }, OWNER_A);
      expect(first.status).toBe(202);
      for (const body of [
        { from: '2026-11-27', to: '2026-11-27', format: 'csv' },
        { from: '2026-11-26', to: '2026-11-27', format: 'csv' },
        { from: '2026-11-27', to: '2026-11-27', format: 'xlsx' },
      ]) {
        const again = await post(body, OWNER_A);
        expect(again.status).toBe(429);
        expect(((await again.json()) as { error: { code: string } }).error.code).toBe('export_pending');
      }
      expect((await h.say(OWNER_A, '/export 01.11.2026 27.11.2026 xlsx')).text).toBe(catalogue('uk').exports.waiting);
      expect(await h.database.db.select().from(outbox).where(and(eq(outbox.chatId, OWNER_A), eq(outbox.kind, 'export')))).toHaveLength(1);
      // Once sent, the next one is taken.
      await sendQueuedExports(h.database.db, OWNER_A);
      expect((await post({ from: '2026-11-27', to: '2026-11-27', format: 'xlsx' }, OWNER_A)).status).toBe(202);
      await sendQueuedExports(h.database.db, OWNER_A);
    });

    it(`at most ${EXPORTS_PER_DAY} exports a day per person, the bot's /export counted too; 429 export_quota past them`, async () => {
      // OWNER_A has had 2 (the test before); the bot's /export takes one more.
      expect((await h.say(OWNER_A, '/export 27.11.2026 27.11.2026')).text).toBe('Готую файл CSV: надійде за мить.');
      await sendQueuedExports(h.database.db, OWNER_A);
      for (let i = 3; i < EXPORTS_PER_DAY; i++) {
        expect((await post({ from: '2026-11-27', to: '2026-11-27', format: 'csv' }, OWNER_A)).status, `export ${i + 1}`).toBe(202);
        await sendQueuedExports(h.database.db, OWNER_A);
      }
      const over = await post({ from: '2026-11-27', to: '2026-11-27', format: 'csv' }, OWNER_A);
      expect(over.status).toBe(429);
      expect(((await over.json()) as { error: { code: string } }).error.code).toBe('export_quota');
      expect((await h.say(OWNER_A, '/export')).text).toBe(catalogue('uk').exports.dailyLimit(EXPORTS_PER_DAY));
      // Another person is not held back by it.
      expect((await post({ from: '2026-11-27', to: '2026-11-27', format: 'csv' }, MEMBER_A)).status).toBe(202);
      await sendQueuedExports(h.database.db, MEMBER_A);
    });

    it('XLSX: the CSV\'s checks and items in two sheets, numbers as numbers; the bot\'s /export … xlsx queues the same', async () => {
      const res = await post({ from: '2026-11-01', to: '2026-11-27', format: 'xlsx' });
      expect(res.status).toBe(202);
      const jobs = await h.database.db.select().from(outbox).where(and(eq(outbox.chatId, MEMBER_A), eq(outbox.kind, 'export')));
      const job = jobs.find((j) => j.status === 'pending' && (j.payload as { format: string }).format === 'xlsx')!;
      // One file for this small period, named by the period asked for.
      expect(job.payload).toMatchObject({ from: '2026-11-01', to: '2026-11-27', format: 'xlsx', period: { from: '2026-11-01', to: '2026-11-27' } });
      const renderer = createServiceRenderer({ db: h.database.db, config: { businessTz: h.config.businessTz } });
      const message = await renderer.render({ ...job, kind: job.kind, payload: job.payload as Record<string, unknown> });
      expect(message!.document!.filename).toBe('checks-2026-11-01-2026-11-27.xlsx');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await readDocument(message!)) as unknown as ArrayBuffer);
      const [checks, items] = workbook.worksheets.map((sheet) => {
        const rows: unknown[][] = [];
        sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
        return rows;
      }) as [unknown[][], unknown[][]];
      // The CSV of the same period: one row per item (a check without items is one row too).
      const csv = (await readDocument((await renderer.render({ ...job, kind: job.kind, payload: { ...(job.payload as Record<string, unknown>), format: 'csv' } }))!))
        .toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n').map((line) => line.split(';').map(unquote));
      const c = catalogue('uk').exports.columns;
      const [uuid, item, cost, total] = [c.uuid, c.item, c.cost, c.total].map((name) => csv[0]!.indexOf(name)) as [number, number, number, number];
      const csvItems = csv.slice(1).filter((r) => r[item] !== '');
      expect(items.length - 1).toBe(csvItems.length);
      expect(items.slice(1).map((r) => r[6])).toEqual(csvItems.map((r) => r[item]!.replace(/^'/, '')));
      expect(items.slice(1).map((r) => r[11])).toEqual(csvItems.map((r) => Number(r[cost]!.replace(',', '.'))));
      const csvChecks = new Map(csv.slice(1).map((r) => [r[uuid], Number(r[total]!.replace(',', '.'))]));
      expect(new Map(checks.slice(1).map((r) => [r[4], r[6]]))).toEqual(csvChecks);

      await sendQueuedExports(h.database.db, MEMBER_A);
      const reply = await h.say(MEMBER_A, '/export 01.11.2026 27.11.2026 xlsx');
      expect(reply.text).toBe('Готую файл Excel: надійде за мить.');
      expect(reply.text).toBe(catalogue('uk').exports.preparing(1, 'xlsx'));
      const queued = await h.database.db.select().from(outbox).where(and(eq(outbox.chatId, MEMBER_A), eq(outbox.kind, 'export')));
      expect(queued).toHaveLength(jobs.length + 1);
      const fromBot = queued.find((j) => !jobs.some((k) => k.id === j.id))!;
      expect(fromBot.payload).toEqual(job.payload);
    });

    it('bad bodies are 400; strangers 403', async () => {
      for (const body of [{}, { from: '2026-11-27', to: '2026-11-01', format: 'csv' }, { from: '2025-01-01', to: '2026-11-27', format: 'csv' }, 'not json']) {
        expect((await post(body)).status, JSON.stringify(body)).toBe(400);
      }
      expect((await post({ from: '2026-11-01', to: '2026-11-27', format: 'csv' }, STRANGER)).status).toBe(403);
    });
  });
});
