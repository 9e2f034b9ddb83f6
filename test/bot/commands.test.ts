import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { businesses, cashDesks, chats, outbox } from '../../src/platform/db/schema.js';
import type { Business } from '../../src/features/shops/businesses.js';
import { databaseKinds } from '../support/databases.js';
import { fixture, variant } from '../support/fixtures.js';
import { joinWithInvite, registerOwner, startBotHarness, storeCheck, type BotHarness } from '../support/bot-harness.js';

const OWNER = 801;
const MEMBER = 802;

describe.each(databaseKinds)('commands (%s)', (kind) => {
  let h: BotHarness;
  let business: Business;
  beforeAll(async () => {
    h = await startBotHarness(kind);
    business = await registerOwner(h, OWNER);
    await joinWithInvite(h, OWNER, MEMBER);
    for (const name of ['sale-cash', 'sale-card', 'return']) await storeCheck(h, business.id, fixture(name));
    await storeCheck(h, business.id, variant('sale-card', 'no-pdf-check', (c) => {
      c.pdf = null;
      c.ORDERNUM = 'NOPDF_1';
    }));
  });
  afterAll(async () => h?.close());

  const chat = async (chatId: number) => (await h.database.db.select().from(chats).where(eq(chats.chatId, chatId)))[0]!;

  it("/today: the day's totals and each cash desk with its drawer", async () => {
    const reply = await h.say(MEMBER, '/today');
    expect(reply.text).toContain('Сьогодні, 27.11.2026');
    expect(reply.text).toContain('Продажі: 3 чеки · 1 526,60 ₴');
    expect(reply.text).toContain('Повернення: 1 чек · 28,90 ₴');
    expect(reply.text).toContain('Каса 50037129');
    expect(reply.text).toContain('у шухляді');
  });

  it('/receipt <uuid>: the exact PDF bytes CashDesk sent, named after the check number, with caption', async () => {
    const sent = fixture('sale-cash');
    const reply = await h.say(MEMBER, `/receipt ${sent.uuid}`);
    expect(reply.method).toBe('sendDocument');
    expect(reply.document!.bytes.equals(Buffer.from(sent.pdf, 'base64'))).toBe(true);
    expect(reply.document!.filename).toBe('DEV_00000128ebcfe.pdf');
    expect(reply.caption).toBe('Чек № DEV_00000128ebcfe · 27.11.2026 10:15 · 148,60 ₴');
  });

  it('/receipt of a check without a PDF gives the link', async () => {
    const reply = await h.say(OWNER, '/receipt no-pdf-check');
    expect(reply.method).toBe('sendMessage');
    expect(reply.text).toContain('CashDesk не надіслав PDF');
    expect(reply.text).toContain(fixture('sale-card').link);
  });

  it('/receipt with malformed arguments gets the usage line; an unknown uuid "not found"', async () => {
    for (const args of ['', ' a b', '<b>x</b>', 'x'.repeat(200)]) {
      expect((await h.say(MEMBER, `/receipt${args ? ` ${args}` : ''}`)).text).toBe('Використання: /receipt <uuid чека>');
    }
    expect((await h.say(MEMBER, '/receipt 00000000-0000-0000-0000-000000000000')).text).toBe('Чек не знайдено.');
  });

  it('/lowcash alone shows thresholds; sets for all or one desk; refuses unknown desks and bad amounts', async () => {
    expect((await h.say(OWNER, '/lowcash')).text).toContain('Для всіх кас: вимкнено');
    expect((await h.say(OWNER, '/lowcash 500')).text).toBe('Поріг «мало готівки» для всіх кас: 500,00 ₴.');
    let [business1] = await h.database.db.select().from(businesses).where(eq(businesses.id, business.id));
    expect(business1!.defaultLowCashKop).toBe(50000);
    expect((await h.say(OWNER, '/lowcash 50037129 300,50')).text).toBe('Поріг «мало готівки» для каси 50037129: 300,50 ₴.');
    const [desk] = await h.database.db.select().from(cashDesks).where(and(eq(cashDesks.businessId, business.id), eq(cashDesks.numFiscal, '50037129')));
    expect(desk!.lowCashKop).toBe(30050);
    const shown = (await h.say(OWNER, '/lowcash')).text;
    expect(shown).toContain('Для всіх кас: 500,00 ₴');
    expect(shown).toContain('50037129: 300,50 ₴ · зараз');
    const missing = (await h.say(OWNER, '/lowcash 999 10')).text;
    expect(missing).toContain('Касу 999 не знайдено.');
    expect(missing).toContain('50037129');
    for (const bad of ['abc', '-5', '1 2 3', '10.999', '5 <b>', '1e3']) {
      expect((await h.say(OWNER, `/lowcash ${bad}`)).text).toMatch(/^Використання: \/lowcash/);
    }
    expect((await h.say(OWNER, '/lowcash 0')).text).toBe('Поріг «мало готівки» для всіх кас: вимкнено.');
    [business1] = await h.database.db.select().from(businesses).where(eq(businesses.id, business.id));
    expect(business1!.defaultLowCashKop).toBe(0);
    expect((await h.say(MEMBER, '/lowcash 100')).text).toContain('лише власник');
  });

  it('/highcash has the same shape', async () => {
    expect((await h.say(OWNER, '/highcash')).text).toContain('Поріг «багато готівки»');
    expect((await h.say(OWNER, '/highcash 10000')).text).toBe('Поріг «багато готівки» для всіх кас: 10 000,00 ₴.');
    expect((await h.say(OWNER, '/highcash 50037129 8000')).text).toBe('Поріг «багато готівки» для каси 50037129: 8 000,00 ₴.');
    const [desk] = await h.database.db.select().from(cashDesks).where(eq(cashDesks.businessId, business.id));
    expect(desk!.highCashKop).toBe(800000);
    expect((await h.say(OWNER, '/highcash lots')).text).toMatch(/^Використання: \/highcash/);
  });

  it('/mute stops sale alerts to this chat only; /unmute resumes them', async () => {
    expect((await h.say(MEMBER, '/mute')).text).toContain('вимкнено');
    expect((await chat(MEMBER)).muted).toBe(true);
    const muted = await storeCheck(h, business.id, variant('sale-cash', 'mute-check-1'));
    const jobs = await h.database.db.select().from(outbox).where(and(eq(outbox.checkId, muted), eq(outbox.kind, 'sale')));
    expect(jobs.map((j) => j.chatId)).toEqual([OWNER]);
    expect((await h.say(MEMBER, '/unmute')).text).toContain('знову ввімкнено');
    expect((await chat(MEMBER)).muted).toBe(false);
    const unmuted = await storeCheck(h, business.id, variant('sale-cash', 'mute-check-2'));
    const after = await h.database.db.select().from(outbox).where(and(eq(outbox.checkId, unmuted), eq(outbox.kind, 'sale')));
    expect(after.map((j) => j.chatId).sort()).toEqual([OWNER, MEMBER]);
  });

  it('/help lists the commands; unknown commands in private get a pointer to /help', async () => {
    const help = await h.say(MEMBER, '/help');
    expect(help.text).toContain('/today — Підсумки за сьогодні');
    // A member is shown what a member may use; the owner's own commands only to the owner.
    expect(help.text).not.toContain('/highcash');
    expect((await h.say(OWNER, '/help')).text).toContain('/highcash');
    expect((await h.say(MEMBER, '/nonsense')).text).toContain('/help');
    expect((await h.say(MEMBER, 'hello')).text).toContain('/help');
  });

  it('/lang switches this chat to English and back; a bad argument gets the usage line', async () => {
    expect((await h.say(MEMBER, '/lang de')).text).toBe('Використання: /lang uk або /lang en');
    const choice = await h.say(MEMBER, '/lang');
    expect(choice.text).toContain('Мова: українська');
    const reply = h.tg.waitForReply(MEMBER);
    h.tg.pressButton({ chatId: MEMBER, button: 'English' });
    expect((await reply).text).toBe('Done, English from now on.');
    expect((await chat(MEMBER)).lang).toBe('en');
    expect((await h.say(MEMBER, '/today', { languageCode: 'uk' })).text).toContain('Today, 27.11.2026');
    expect((await h.say(MEMBER, '/lang uk')).text).toBe('Готово, тепер українською.');
    expect((await chat(MEMBER)).lang).toBe('uk');
  });

  it('a chat nobody connected sees no data', async () => {
    // One chat each: a chat linked to no business gets one answer per 10 minutes.
    for (const [i, command] of ['/today', '/receipt ' + fixture('sale-cash').uuid, '/mute', '/lowcash 5'].entries()) {
      expect((await h.say(899 + i * 1000, command)).text).toContain('не підключено');
    }
  });
});
