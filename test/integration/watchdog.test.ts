import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { and, eq, sql } from 'drizzle-orm';
import { loadConfig } from '../../src/platform/config/config.js';
import { startService, type Service } from '../../src/service.js';
import { createLogger } from '../../src/platform/observability/logger.js';
import { chats, checks, outbox } from '../../src/platform/db/schema.js';
import { pdfCallbackData } from '../../src/features/sales/callback-data.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/databases.js';
import { startFakeTelegram, type FakeTelegram, type SentMessage } from '../support/fake-telegram.js';
import { variant } from '../support/fixtures.js';

/**
 * The watchdog end to end (issue 14): checks posted to the webhook of the whole service (Koa
 * app, grammY bot, outbox worker) over a real database, its alerts as the owner gets them from
 * the strict fake Telegram, its thresholds and switches through the bot.
 */
const PUBLIC_URL = 'https://shop.example.com';
const FAST = { worker: { pollIntervalMs: 50, holdMs: 0 } };
const today = () => DateTime.now().setZone('Europe/Kyiv');

let seq = 0;
const uuid = () => `0d0d0000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;

/** A fixture made `minutesAgo` before now (in Kyiv), at cash desk `desk`. */
function at(name: string, desk: string, minutesAgo: number, patch: (c: Record<string, any>) => void = () => {}) {
  const when = today().minus({ minutes: minutesAgo });
  return variant(name, uuid(), (c) => {
    c.num_fiscal = desk;
    c.ORDERDATE = when.toISODate();
    c.ORDERTIME = when.toFormat('HH:mm:ss');
    patch(c);
  });
}

type Button = { text: string; url?: string; callback_data?: string };
const buttonsOf = (m: SentMessage) => ((m.replyMarkup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard ?? []).flat();

describe.each(databaseKinds)('the watchdog end to end on %s', (kind) => {
  let database: TestDatabase;
  let tg: FakeTelegram;
  let service: Service;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    tg = await startFakeTelegram();
    // Several shops register here.
    // The checks are dated up to 40 minutes back and "today" is asked of: a business day that
    // begins 12 hours from now keeps them in today's whatever the hour the suite runs at
    // (a calendar day would lose them in the first 40 minutes after midnight).
    const dayStart = `${String((today().hour + 12) % 24).padStart(2, '0')}:00`;
    const config = loadConfig({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.url, PUBLIC_URL, HOST: '127.0.0.1', PORT: '0', SIGNUP: 'open', BUSINESS_DAY_START: dayStart });
    service = await startService(config, { database, logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), delivery: FAST });
  });
  afterAll(async () => {
    await service?.stop();
    await tg?.close();
    await database?.destroy();
  });

  const say = async (chatId: number, text: string) => {
    const reply = tg.waitForReply(chatId, 15_000);
    tg.userMessage({ chatId, fromId: chatId, text, languageCode: 'uk' });
    return reply;
  };
  const post = async (url: string, body: unknown) => {
    const res = await fetch(url.replace(PUBLIC_URL, service.address), { method: 'POST', body: JSON.stringify(body) });
    expect(res.status).toBe(200);
  };
  const jobsOf = (chatId: number, jobKind: string) =>
    database.db.select().from(outbox).where(and(eq(outbox.chatId, chatId), eq(outbox.kind, jobKind)));

  let nextOwner = 6_660_001;
  async function openShop(): Promise<{ owner: number; url: string }> {
    const owner = nextOwner++;
    const url = new RegExp(`${PUBLIC_URL}/webhooks/cashdesk/[A-Za-z0-9_-]{22,}`).exec((await say(owner, '/start')).text)?.[0];
    if (!url) throw new Error('no webhook URL');
    return { owner, url };
  }

  it('a large return: /returnalert answers with today\'s returns past it; the alert has the items, the check number and the check\'s buttons', async () => {
    const { owner, url } = await openShop();
    const set = await say(owner, '/returnalert 20');
    expect(set.text).toContain('Поріг «велике повернення»: 20,00 ₴.');
    expect(set.text).toContain('Сьогодні понад поріг ще нічого.');

    const ret = at('return', 'R1', 5);
    await post(url, ret);
    const alert = await tg.waitFor((m) => m.chatId === owner && m.text.includes('Велике повернення'), 15_000);
    expect(alert.text).toContain('Повернення: 28,90 ₴ (поріг 20,00 ₴)');
    expect(alert.text).toContain(`чек № ${ret.ORDERNUM}`);
    expect(alert.text).toContain(ret.check_data.products[0].name);
    const buttons = buttonsOf(alert);
    expect(buttons.map((b) => b.url ?? b.callback_data)).toContain(ret.link);
    expect(buttons.some((b) => b.callback_data?.startsWith('pdf:'))).toBe(true);

    const again = await say(owner, '/returnalert 20');
    expect(again.text).toContain('Сьогодні вже понад поріг:');
    expect(again.text).toContain('R1');
    expect(again.text).toContain('28,90 ₴');

    const metrics = await (await fetch(`${service.address}/metrics`)).text();
    expect(metrics).toMatch(/cashdesk_watchdog_alerts_total\{kind="large_return"\} [1-9]/);
  });

  it('a return the till sent with negative sums is the same large return, its items shown as returned', async () => {
    const { owner, url } = await openShop();
    await say(owner, '/returnalert 20');
    const ret = at('return', 'R2', 5, (c) => {
      c.check_data.total_sum = -28.9;
      for (const p of c.check_data.payments) {
        p.sum = -p.sum;
        p.sum_provided = -p.sum_provided;
      }
      for (const p of c.check_data.products) {
        p.price = -p.price;
        p.cost = -p.cost;
      }
    });
    await post(url, ret);
    const alert = await tg.waitFor((m) => m.chatId === owner && m.text.includes('Велике повернення'), 15_000);
    expect(alert.text).toContain('Повернення: 28,90 ₴ (поріг 20,00 ₴)');
    expect(alert.text).toContain('1 шт × 28,90 ₴ = 28,90 ₴');
    expect(alert.text).not.toContain('-28,90');
  });

  it('a large discount, then switched off in /settings: no more of them in that chat', async () => {
    const { owner, url } = await openShop();
    expect((await say(owner, '/discountalert 20')).text).toContain('Поріг «велика знижка»: 20 %.');
    await post(url, at('sale-cash', 'D1', 5, (c) => (c.check_data.global_discount = 60)));
    const alert = await tg.waitFor((m) => m.chatId === owner && m.text.includes('Велика знижка'), 15_000);
    expect(alert.text).toContain('Знижка: 60,00 ₴ — 28,7 % від ціни без знижки (208,60 ₴)');

    const menu = await say(owner, '/settings');
    expect(menu.text).toContain('Сторож: усе ввімкнено');
    const before = new Set(tg.sent);
    // The section's screen: the menu redrawn, or, when this chat's send budget has no slot within
    // a second (its alerts just went), the same screen as a fresh message.
    const section = tg.waitFor((m) => !before.has(m) && m.chatId === owner && m.text.startsWith('🛡 Сторож'), 15_000);
    tg.pressButton({ chatId: owner, fromId: owner, button: '🛡 Сторож', messageId: menu.messageId });
    const screen = await section;
    tg.pressButton({ chatId: owner, fromId: owner, button: /Велика знижка/, messageId: screen.messageId });
    await expect.poll(async () => (await database.db.select({ off: chats.watchdogOff }).from(chats).where(eq(chats.chatId, owner)))[0]?.off, { timeout: 10_000 }).toEqual(['large_discount']);

    await post(url, at('sale-cash', 'D1', 4, (c) => {
      c.check_data.global_discount = 60;
      c.cash_in_box = 1679; // 1530,40 + 148,60: the drawer adds up
    }));
    // Its sale alert comes; its large-discount alert does not.
    await expect.poll(() => tg.messagesTo(owner).filter((m) => m.text.includes('Продаж · Каса D1')).length, { timeout: 15_000 }).toBe(2);
    expect(await jobsOf(owner, 'large_discount')).toHaveLength(1);
    expect(tg.messagesTo(owner).filter((m) => m.text.includes('Велика знижка · Каса'))).toHaveLength(1);
  });

  it('a withdrawal: every one by default, with the drawer after it; a drawer that adds up says nothing more', async () => {
    const { owner, url } = await openShop();
    await post(url, at('sale-cash', 'W1', 10));
    await post(url, at('sale-cash', 'W1', 9, (c) => {
      c.check_type = 'SERVICE_OUT';
      c.check_data.products = [];
      c.check_data.total_sum = 500;
      c.check_data.round_sum = 0;
      c.check_data.payments = [{ code: 0, name: 'ГОТІВКА', sum: 500 }];
      c.cash_in_box = 1030.4;
    }));
    const alert = await tg.waitFor((m) => m.chatId === owner && m.text.includes('Вилучення готівки'), 15_000);
    expect(alert.text).toContain('Вилучено: 500,00 ₴');
    expect(alert.text).toContain('У шухляді після: 1 030,40 ₴');
    expect(await jobsOf(owner, 'drawer_mismatch')).toHaveLength(0);
  });

  it('a drawer that does not add up: one alert per desk per day with expected, found, difference; /lowcash answers with the desks below', async () => {
    const { owner, url } = await openShop();
    await post(url, at('sale-cash', 'M1', 10, (c) => (c.cash_in_box = 1000)));
    await post(url, at('sale-cash', 'M1', 9, (c) => (c.cash_in_box = 1000)));
    const alert = await tg.waitFor((m) => m.chatId === owner && m.text.includes('Готівка не сходиться'), 15_000);
    expect(alert.text).toContain('Мало бути: 1 148,60 ₴ (було 1 000,00 ₴, за чеком +148,60 ₴)');
    expect(alert.text).toContain('У касі: 1 000,00 ₴');
    expect(alert.text).toContain('Різниця: -148,60 ₴');
    await post(url, at('sale-cash', 'M1', 8, (c) => (c.cash_in_box = 900)));
    expect(await jobsOf(owner, 'drawer_mismatch')).toHaveLength(1);
    await expect.poll(() => tg.messagesTo(owner).filter((m) => m.text.includes('Продаж · Каса M1')).length, { timeout: 15_000 }).toBe(3);

    const low = await say(owner, '/lowcash 950');
    expect(low.text).toContain('Уже нижче порогу:');
    expect(low.text).toContain('M1: 900,00 ₴');
  });

  it('a till that was offline: one message per episode, once its late checks are in; it holds no other message back', async () => {
    const { owner, url } = await openShop();
    const first = at('offline-lenient', 'O1', 30, (c) => (c.cash_in_box = 80.1));
    const second = at('offline-lenient', 'O1', 29, (c) => (c.cash_in_box = 135.6));
    await post(url, first);
    await post(url, second);
    const [episode, ...more] = await jobsOf(owner, 'till_offline');
    expect(more).toHaveLength(0);
    expect(episode!.notBefore!.getTime()).toBeGreaterThan(Date.now() + 60_000);

    // A sale after the episode opened is not held back by the episode's waiting message.
    await post(url, at('sale-cash', 'O2', 1));
    await tg.waitFor((m) => m.chatId === owner && m.text.includes('Каса O2'), 15_000);
    expect(tg.messagesTo(owner).some((m) => m.text.includes('без зв’язку'))).toBe(false);

    // Its time comes (moved up here rather than waited for).
    await database.db.execute(sql`update outbox set not_before = now() where id = ${episode!.id}`);
    const alert = await tg.waitFor((m) => m.chatId === owner && m.text.includes('без зв’язку'), 15_000);
    expect(alert.text).toContain('Каса O1 була без зв’язку');
    expect(alert.text).toContain(`${first.ORDERTIME.slice(0, 5)} до `);
    expect(alert.text).toContain(second.ORDERTIME.slice(0, 5));
    expect(alert.text).toContain('2 чеки на 111,00 ₴');
    const buttons = buttonsOf(alert);
    const [lastCheck] = await database.db.select({ id: checks.id }).from(checks).where(eq(checks.uuid, second.uuid));
    expect(buttons.map((b) => b.callback_data)).toContain(pdfCallbackData(lastCheck!.id));
  });
  it('a till back online: its episode is told at once with its first online check', async () => {
    const { owner, url } = await openShop();
    const first = at('offline-lenient', 'B1', 40, (c) => (c.cash_in_box = 80.1));
    const second = at('offline-lenient', 'B1', 39, (c) => (c.cash_in_box = 135.6));
    await post(url, first);
    await post(url, second);
    const started = Date.now();
    await post(url, at('sale-cash', 'B1', 0));
    // Without the online check this would wait 2¼ minutes (the test above moves it up by hand).
    const alert = await tg.waitFor((m) => m.chatId === owner && m.text.includes('Каса B1 була без зв’язку'), 15_000);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(alert.text).toContain('2 чеки на 111,00 ₴');
    await expect.poll(async () => (await jobsOf(owner, 'till_offline')).map((j) => j.status), { timeout: 15_000 }).toEqual(['done']);
  });
});
