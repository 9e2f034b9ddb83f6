import { existsSync, mkdirSync, mkdtempSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { PeriodResponse, TodayResponse } from '../../src/miniapp/api-contract.js';
import { linkChat } from '../../src/features/shops/chats.js';
import { setShopName } from '../../src/features/shops/shop-name.js';
import { and, eq } from 'drizzle-orm';
import { outbox } from '../../src/platform/db/schema.js';
import { formatMoney, formatMoneyShort, formatMoneyWhole } from '../../src/platform/money/format.js';
import { strings } from '../../web/src/i18n.js';
import { buildWeb, isStale, WEB_DIST } from '../../scripts/web-build.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/databases.js';
import { createBusiness, postCheck, startTestApp, type TestApp } from '../support/app.js';
import { variant } from '../support/fixtures.js';
import { launchHash, signInitData } from '../support/init-data.js';

/**
 * The Mini App in a real browser: Debian's chromium driven by playwright-core opens /app/ with
 * signed launch parameters for a member of a shop, and finds today's totals, a search result and
 * a check's detail. Screenshots of every screen, light and dark, go to test/artifacts/ (and to
 * docs/screenshots/ with UPDATE_SCREENSHOTS=1). Skipped, saying so, where /usr/bin/chromium is
 * missing; CI (.ci/run) installs it.
 */
const CHROMIUM = '/usr/bin/chromium';
const here = path.dirname(fileURLToPath(import.meta.url));
const ARTIFACTS = path.resolve(here, '../artifacts');
const DOCS = path.resolve(here, '../../docs/screenshots');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`[mini-app browser test] skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

const BOT_TOKEN = '123456:browser-test-token';
/** The bot's @username, as the service knows it from getMe. */
const BOT_USERNAME = 'cashdesk_shop_bot';
const TZ = 'Europe/Kyiv';
const DAY = '2026-11-27'; // a Friday
const WEEK_BEFORE = '2026-11-20';
/** The service's clock: 19:00 in Kyiv on DAY. */
const NOW = new Date('2026-11-27T17:00:00Z');

const LIGHT = {
  bg_color: '#ffffff',
  secondary_bg_color: '#f0f2f5',
  section_bg_color: '#ffffff',
  text_color: '#000000',
  hint_color: '#8a8f98',
  link_color: '#2481cc',
  button_color: '#2481cc',
  button_text_color: '#ffffff',
  accent_text_color: '#2481cc',
  destructive_text_color: '#e53935',
  section_separator_color: '#e7e8ea',
};
const DARK = {
  bg_color: '#17212b',
  secondary_bg_color: '#0e1621',
  section_bg_color: '#17212b',
  text_color: '#f5f5f5',
  hint_color: '#708499',
  link_color: '#6ab3f3',
  button_color: '#5288c1',
  button_text_color: '#ffffff',
  accent_text_color: '#6ab3f3',
  destructive_text_color: '#ec3942',
  section_separator_color: '#0e1621',
};

/** The day's checks: [fixture, desk, date, time]. Two desks, sales by cash and card, a return. */
const CHECKS: Array<[string, string, string, string]> = [
  ['sale-cash', '50037129', DAY, '08:12:10'],
  ['sale-card', '50037129', DAY, '09:41:00'],
  ['sale-cash', '50037130', DAY, '10:05:33'],
  ['sale-card', '50037130', DAY, '11:20:00'],
  ['sale-cash', '50037129', DAY, '12:02:45'],
  ['return', '50037129', DAY, '12:30:00'],
  ['sale-card', '50037129', DAY, '13:48:19'],
  ['sale-cash', '50037130', DAY, '15:10:00'],
  ['sale-card', '50037130', DAY, '16:33:12'],
  ['sale-cash', '50037129', DAY, '18:05:00'],
  ['sale-cash', '50037129', WEEK_BEFORE, '09:15:00'],
  ['sale-card', '50037130', WEEK_BEFORE, '11:40:00'],
  ['sale-card', '50037129', WEEK_BEFORE, '14:05:00'],
  ['sale-cash', '50037130', WEEK_BEFORE, '17:25:00'],
];

/** Checks two weeks before DAY, beyond the periods shown. */
const OLDER_CHECKS = 22;

const kop = (hryvnias: number) => Math.round(hryvnias * 100);
/** The shop's name, as /name stores it: text a page must show, not interpret. */
const SHOP_NAME = 'Кав’ярня «Ранок» <&>';

describe.skipIf(!hasChromium).each(databaseKinds)('Mini App in Chromium (%s)', (kind) => {
  let database: TestDatabase;
  let app: TestApp;
  let context: BrowserContext;
  let profile: string;
  let initData: string;
  let signedData: string;
  let webhookToken: string;
  let memberId: number;
  let salesKop = 0;
  /** Sales posted while the page was open. */
  let latePosted = 0;
  let returnsKop = 0;
  const origins = new Set<string>();
  /** What the browser refused under the page's Content-Security-Policy (its console says so). */
  const cspViolations: string[] = [];

  beforeAll(async () => {
    if (isStale()) await buildWeb({ quiet: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    database = await createTestDatabase(kind);
    app = await startTestApp(database, { miniApp: { botToken: BOT_TOKEN, botUsername: () => BOT_USERNAME, webRoots: [WEB_DIST], now: () => NOW } });
    const business = await createBusiness(database);
    await setShopName(database.db, business.id, SHOP_NAME);
    webhookToken = business.webhookToken;
    memberId = 7_000_000 + Math.floor(Math.random() * 1_000_000);
    await linkChat(database.db, { chatId: memberId, businessId: business.id, type: 'private', title: null, role: 'member', lang: null });
    let n = 0;
    for (const [name, desk, date, time] of CHECKS) {
      n += 1;
      const body = variant(name, `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, (c) => {
        c.num_fiscal = desk;
        c.ORDERDATE = date;
        c.ORDERTIME = time;
        c.ORDERNUM = `K${desk.slice(-2)}-${String(100 + n)}`;
      });
      const res = await postCheck(app.url, business.webhookToken, body);
      expect(res.status, `check ${n}`).toBeLessThan(300);
      if (date === DAY) {
        if (name === 'return') returnsKop += kop(body.check_data.total_sum);
        else salesKop += kop(body.check_data.total_sum);
      }
    }
    // Older checks, so the list has more than one page (30) to scroll through.
    const older = Array.from({ length: OLDER_CHECKS }, (_, i) =>
      variant('sale-cash', `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`, (c) => {
        c.num_fiscal = i % 2 ? '50037129' : '50037130';
        c.ORDERDATE = '2026-11-13';
        c.ORDERTIME = `${String(8 + Math.floor(i / 3)).padStart(2, '0')}:${String((i % 3) * 20).padStart(2, '0')}:00`;
        c.ORDERNUM = `K-${500 + i}`;
      }),
    );
    for (let i = 0; i < older.length; i += 4) {
      const statuses = await Promise.all(older.slice(i, i + 4).map(async (c) => (await postCheck(app.url, business.webhookToken, c)).status));
      for (const status of statuses) expect(status).toBeLessThan(300);
    }
    initData = signInitData({
      botToken: BOT_TOKEN,
      user: { id: memberId, first_name: 'Oksana', language_code: 'en' },
    });
    signedData = signInitData({
      botToken: BOT_TOKEN,
      user: { id: memberId, first_name: 'Оксана', language_code: 'uk' },
      extra: { signature: Buffer.from('not checked by the service, carried as Telegram sends it').toString('base64url') },
    });
    profile = mkdtempSync(path.join(tmpdir(), 'mini-app-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      locale: 'uk-UA',
      timezoneId: TZ,
    });
    context.on('request', (request) => {
      const url = new URL(request.url());
      if (url.protocol === 'http:' || url.protocol === 'https:') origins.add(url.origin);
    });
  });

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await app?.close();
    await database?.destroy();
  });

  /**
   * Telegram's current clients add an Ed25519 `signature` to initData (the SDK insists on it);
   * older ones do not. The light run opens with it (a Ukrainian user), the dark run without (an
   * English one).
   */
  async function open(theme: Record<string, string>, withSignature: boolean): Promise<Page> {
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    // Stands in for the mobile clients' bridge: records the methods the app calls on Telegram.
    await page.addInitScript(`window.__telegramCalls = [];
      window.TelegramWebviewProxy = { postEvent: (name, data) => window.__telegramCalls.push([name, data ? JSON.parse(data) : null]) };`);
    page.on('pageerror', (error) => console.error(`[mini-app page] ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) console.error(`[mini-app] ${response.status()} ${new URL(response.url()).pathname}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') console.error(`[mini-app console] ${message.text()}`);
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    const data = withSignature ? signedData : initData;
    const response = await page.goto(`${app.url}/app/${launchHash(data, { themeParams: theme, platform: 'tdesktop', version: '8.0' })}`);
    // The page runs under the service's policy (static-files.ts), and works under it.
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'.*frame-ancestors/);
    return page;
  }

  async function shoot(page: Page, name: string): Promise<void> {
    const file = path.join(ARTIFACTS, `mini-app-${name}-${kind}.png`);
    await page.screenshot({ path: file, fullPage: false });
    if (process.env.UPDATE_SCREENSHOTS && kind === 'postgres') {
      mkdirSync(DOCS, { recursive: true });
      copyFileSync(file, path.join(DOCS, `${name}.png`));
    }
  }

  it('tells a visitor who is not linked, or whose launch data is forged, what to do', async () => {
    const stranger = signInitData({ botToken: BOT_TOKEN, user: { id: 6_000_001, first_name: 'Guest', language_code: 'en' } });
    const forged = signInitData({ botToken: '123456:another-bot', user: { id: memberId, first_name: 'Oksana', language_code: 'en' } });
    for (const [data, text] of [
      [stranger, strings('en').app.errors.forbidden],
      [forged, strings('en').app.errors.unauthorized],
      ['', strings('uk').app.errors.noLaunch],
    ] as const) {
      const page = await context.newPage();
      await page.goto(`${app.url}/app/${data ? launchHash(data) : ''}`);
      await expect.poll(() => page.locator('[role="alert"] p').textContent().catch(() => null)).toBe(text);
      // Only the visitor who is not linked gets the button to the bot's chat.
      expect(await page.locator('[data-open-bot]').count()).toBe(data === stranger ? 1 : 0);
      await page.close();
    }
  });

  it("a visitor who is not linked gets a button that opens the bot's chat in Telegram", async () => {
    const stranger = signInitData({ botToken: BOT_TOKEN, user: { id: 6_000_002, first_name: 'Гість', language_code: 'uk' } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.addInitScript(`window.__telegramCalls = [];
      window.TelegramWebviewProxy = { postEvent: (name, data) => window.__telegramCalls.push([name, data ? JSON.parse(data) : null]) };`);
    await page.goto(`${app.url}/app/${launchHash(stranger, { themeParams: LIGHT, platform: 'ios', version: '8.0' })}`);
    const button = page.locator('[data-open-bot]');
    await expect.poll(() => button.textContent().catch(() => null)).toBe(strings('uk').bot.miniApp.privateButton);
    expect(await button.getAttribute('href')).toBe(`https://t.me/${BOT_USERNAME}`);
    // "Try again" is still there, beside it.
    expect(await page.locator('[role="alert"] button').textContent()).toBe(strings('uk').app.retry);
    await shoot(page, 'not-linked');
    await button.click();
    const opened = async () =>
      (await page.evaluate<Array<[string, unknown]>>('window.__telegramCalls')).filter(([name]) => name === 'web_app_open_tg_link');
    await expect.poll(opened).toEqual([['web_app_open_tg_link', { path_full: `/${BOT_USERNAME}` }]]);
    // Telegram opens the chat itself: the page stays where it is.
    expect(new URL(page.url()).pathname).toBe('/app/');
    await page.close();
  });

  for (const [scheme, theme] of [
    ['light', LIGHT],
    ['dark', DARK],
  ] as const) {
    it(`shows today's totals (live), scrolls and searches the checks, opens one with its PDF, exports (${scheme})`, async () => {
      const res = await fetch(`${app.url}/app/api/today`, { headers: { authorization: `tma ${initData}` } });
      expect(res.status, await res.clone().text()).toBe(200);
      const api = (await res.json()) as TodayResponse;
      // The API's figures are the posted checks' sums; the page shows exactly those.
      expect(api.date).toBe(DAY);
      expect(api.figures.sales.sumKop).toBe(salesKop);
      expect(api.figures.returns.sumKop).toBe(returnsKop);

      const started = Date.now();
      const page = await open(theme, scheme === 'light');
      const net = page.getByTestId('today-net');
      await net.waitFor().catch(async (error: unknown) => {
        console.error(`[mini-app] page body: ${(await page.locator('body').innerText()).slice(0, 500)}`);
        throw error;
      });
      const shownMs = Date.now() - started;
      await expect.poll(() => net.textContent()).toBe(formatMoney(api.figures.netKop));
      expect(await page.getByTestId('fig-sales').textContent()).toContain(formatMoney(salesKop));
      expect(await page.getByTestId('fig-returns').textContent()).toContain(formatMoney(returnsKop));
      expect(await page.getByTestId('desk').count()).toBe(2);
      // The header names the shop as the owner wrote it (/name), verbatim.
      expect(await page.locator('header.top .shop strong').textContent()).toBe(SHOP_NAME);
      const paint = await page.evaluate(
        () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? performance.getEntriesByName('first-paint')[0]?.startTime ?? -1,
      );
      console.log(`[mini-app ${kind} ${scheme}] first paint ${paint.toFixed(0)} ms, today's figures shown after ${shownMs} ms`);
      expect(paint).toBeGreaterThan(0);
      expect(paint).toBeLessThan(1000);
      expect(await page.evaluate('document.documentElement.dataset.scheme')).toBe(scheme);
      expect(await page.evaluate('document.documentElement.dataset.launch')).toBe(scheme === 'light' ? 'sdk' : 'hash');
      // Telegram's colours, as CSS variables (read through the SDK in the light run, the fallback in the dark one).
      expect(await page.evaluate(`getComputedStyle(document.documentElement).getPropertyValue('--tg-bg-color').trim()`)).toBe(theme.bg_color);
      expect(await page.evaluate(`getComputedStyle(document.documentElement).getPropertyValue('--tg-button-color').trim()`)).toBe(theme.button_color);
      expect(await page.evaluate('document.documentElement.lang')).toBe(scheme === 'light' ? 'uk' : 'en');
      expect(await page.locator('[data-tab="today"]').textContent()).toBe(scheme === 'light' ? 'Сьогодні' : 'Today');
      // The bars carry their values where there is room: each value written is one of the hours' own.
      const values = await page.getByTestId('bar-value').allTextContents();
      expect(values.length).toBeGreaterThan(0);
      const shortUnits = strings(scheme === 'light' ? 'uk' : 'en').bot.charts;
      const hourTexts = api.hourly.filter((v) => v !== 0).flatMap((v) => [formatMoneyWhole(v), formatMoneyShort(v, shortUnits)]);
      for (const text of values) expect(hourTexts).toContain(text);
      await shoot(page, `today-${scheme}`);

      if (scheme === 'light') {
        // Today refreshes itself while open: a new sale shows without a reload.
        const late = variant('sale-cash', '00000000-0000-4000-8000-0000000000ff', (c) => {
          c.num_fiscal = '50037129';
          c.ORDERDATE = DAY;
          c.ORDERTIME = '18:40:00';
          c.ORDERNUM = 'K29-199';
        });
        expect((await postCheck(app.url, webhookToken, late)).status).toBeLessThan(300);
        salesKop += kop(late.check_data.total_sum);
        latePosted += 1;
        const netAfter = api.figures.netKop + kop(late.check_data.total_sum);
        await expect.poll(() => net.textContent(), { timeout: 15_000, interval: 250 }).toBe(formatMoney(netAfter));
      }

      // Checks: the newest first; a search by product name finds the card sales only.
      await page.locator('[data-tab="checks"]').click();
      const rows = page.getByTestId('check-row');
      await rows.first().waitFor();
      // Infinite scroll: the first page, then the rest as the end of the list comes into view.
      await expect.poll(() => rows.count()).toBe(30);
      const total = CHECKS.length + OLDER_CHECKS + latePosted;
      await rows.last().scrollIntoViewIfNeeded();
      await expect.poll(() => rows.count()).toBe(total);
      // A check opened from far down the list, and back: the same place in the list.
      await rows.last().click();
      await page.getByTestId('check-detail').waitFor();
      await page.getByTestId('back').click();
      await rows.last().waitFor();
      expect(await page.evaluate('window.scrollY')).toBeGreaterThan(0);
      const box = await rows.last().boundingBox();
      expect(box && box.y >= 0 && box.y + box.height <= 844, JSON.stringify(box)).toBe(true);
      await page.getByTestId('search').fill('Кава');
      const cardSalesToday = CHECKS.filter(([name]) => name === 'sale-card').length;
      await expect.poll(() => rows.count()).toBe(cardSalesToday);
      await shoot(page, `checks-${scheme}`);

      await rows.first().click();
      const detail = page.getByTestId('check-detail');
      await detail.waitFor();
      expect(await detail.textContent()).toContain('Кава зернова 1 кг');
      expect(await page.getByTestId('detail-total').textContent()).toBe(formatMoney(kop(variant('sale-card', 'x').check_data.total_sum)));
      await shoot(page, `check-${scheme}`);
      // Its PDF, fetched with the initData header as a blob: shown inline where the browser has a
      // PDF viewer, always offered as a download.
      // (CashDesk's fixture carries the PDF inline, so the service has it.)
      await page.getByTestId('pdf').click();
      const download = page.locator('.pdf a[download]');
      await download.waitFor();
      const href = await download.getAttribute('href');
      expect(href).toMatch(/^blob:/);
      const head = await page.evaluate(`fetch(${JSON.stringify(href)}).then((r) => r.blob()).then((b) => b.slice(0, 5).text())`);
      expect(head).toBe('%PDF-');
      if (scheme === 'light') {
        // Telegram's back button closes the check, as the page's own does.
        const calls = async () => await page.evaluate<Array<[string, unknown]>>('window.__telegramCalls');
        expect((await calls()).map(([name]) => name)).toEqual(expect.arrayContaining(['web_app_ready', 'web_app_expand']));
        expect((await calls()).filter(([name]) => name === 'web_app_setup_back_button').at(-1)?.[1]).toEqual({ is_visible: true });
        await page.evaluate(`window.Telegram.WebView.receiveEvent('back_button_pressed')`);
        await detail.waitFor({ state: 'detached' });
        expect((await calls()).filter(([name]) => name === 'web_app_setup_back_button').at(-1)?.[1]).toEqual({ is_visible: false });
      } else {
        await page.getByTestId('back').click();
      }
      await rows.first().waitFor();

      // The kind filter: only the day's return.
      await page.getByTestId('search').fill('');
      await page.getByTestId('kind-filter').selectOption('return');
      await expect.poll(() => rows.count()).toBe(CHECKS.filter(([name]) => name === 'return').length);
      expect(await rows.first().textContent()).toContain(formatMoney(returnsKop));

      await page.locator('[data-tab="periods"]').click();
      await page.getByTestId('period-net').waitFor();
      await shoot(page, `periods-${scheme}`);
      // One day is drawn by hour, not as one bar.
      await page.locator('.segmented button').nth(0).click();
      const byHour = strings(scheme === 'light' ? 'uk' : 'en').app.periods.byHour;
      await expect.poll(() => page.locator('.chart figcaption > span').first().textContent()).toBe(byHour);
      expect(await page.locator('.chart .bar').count()).toBeGreaterThanOrEqual(8);
      await shoot(page, `period-day-${scheme}`);
      await page.locator('.segmented button').nth(1).click();
      await page.locator('.chart').first().waitFor();
      // Telegram switches its theme while the app is open: the colours follow.
      const other = scheme === 'light' ? DARK : LIGHT;
      await page.evaluate(`window.Telegram.WebView.receiveEvent('theme_changed', { theme_params: ${JSON.stringify(other)} })`);
      await expect.poll(() => page.evaluate('document.documentElement.dataset.scheme')).toBe(scheme === 'light' ? 'dark' : 'light');
      expect(await page.evaluate(`getComputedStyle(document.documentElement).getPropertyValue('--tg-bg-color').trim()`)).toBe(other.bg_color);
      if (scheme === 'dark') {
        // A chosen range: the figures the API gives for it.
        const res = await fetch(`${app.url}/app/api/period?kind=range&from=${WEEK_BEFORE}&to=${WEEK_BEFORE}`, {
          headers: { authorization: `tma ${initData}` },
        });
        expect(res.status).toBe(200);
        const range = (await res.json()) as PeriodResponse;
        expect(range.figures.netKop).toBeGreaterThan(0);
        await page.locator('.segmented button').nth(3).click();
        await page.locator('.range input').nth(0).fill(WEEK_BEFORE);
        await page.locator('.range input').nth(1).fill(WEEK_BEFORE);
        await page.locator('.range button').click();
        await expect.poll(() => page.getByTestId('period-net').textContent()).toBe(formatMoney(range.figures.netKop));
      }
      if (scheme === 'light') {
        // The export goes to the user's private chat through the outbox, for the period shown.
        await page.getByTestId('export-csv').click();
        await expect.poll(() => page.locator('[data-testid="export-status"][data-format="csv"]').textContent()).toBe(strings('uk').app.periods.sent);
        const jobs = await database.db
          .select({ payload: outbox.payload })
          .from(outbox)
          .where(and(eq(outbox.chatId, memberId), eq(outbox.kind, 'export')));
        expect(jobs).toHaveLength(1);
        expect(jobs[0]!.payload).toMatchObject({ format: 'csv', to: DAY });
        // A second export while the first waits in the outbox (XLSX this time): one waiting per
        // person, so it is said so and nothing more is queued.
        await page.getByTestId('export-xlsx').click();
        const uk = strings('uk').app.periods;
        await expect.poll(() => page.locator('[data-testid="export-status"][data-format="xlsx"]').textContent()).toBe(uk.pending);
        expect(
          await database.db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.chatId, memberId), eq(outbox.kind, 'export'))),
        ).toHaveLength(1);
      }
      await page.close();

      // Nothing was asked of any origin but the service's own.
      expect([...origins]).toEqual([app.url]);
      expect(cspViolations).toEqual([]);
    });
  }
});
