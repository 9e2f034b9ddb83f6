import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Business } from '../../src/features/shops/businesses.js';
import { databaseKinds } from '../support/databases.js';
import { fixture, variant } from '../support/fixtures.js';
import { joinWithInvite, registerOwner, startBotHarness, storeCheck, type BotHarness } from '../support/bot-harness.js';
import { sendQueuedExports } from '../support/export-jobs.js';
import { documentBytes } from '../support/documents.js';

const OWNER = 811;
const MEMBER = 812;
const STRANGER = 813;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

/** /week, /month, /report and /export as an owner and a member meet them (NOW is Friday 27.11.2026). */
describe.each(databaseKinds)('period reports and export in Telegram (%s)', (kind) => {
  let h: BotHarness;
  let business: Business;
  beforeAll(async () => {
    h = await startBotHarness(kind);
    business = await registerOwner(h, OWNER);
    await joinWithInvite(h, OWNER, MEMBER);
    for (const name of ['sale-cash', 'sale-card', 'return']) await storeCheck(h, business.id, fixture(name));
    // Monday of this week, and the Monday before (what /week compares with).
    await storeCheck(h, business.id, variant('sale-cash', 'monday-1', (c) => (c.ORDERDATE = '2026-11-23')));
    await storeCheck(h, business.id, variant('sale-card', 'last-monday-1', (c) => (c.ORDERDATE = '2026-11-16')));
  });
  afterAll(async () => h?.close());

  it('/week: a chart by day with the week figures, against the same days of last week, for a member too', async () => {
    const reply = await h.say(MEMBER, '/week');
    expect(reply.method).toBe('sendPhoto');
    expect(reply.photo!.bytes.subarray(0, 4).equals(PNG)).toBe(true);
    expect(reply.caption).toContain('Тиждень 23.11.2026 – 27.11.2026');
    expect(reply.caption).toContain('Продажі: 3 чеки · 986,20 ₴');
    expect(reply.caption).toContain('Повернення: 1 чек · 28,90 ₴');
    expect(reply.caption).toContain('Топ товарів');
    expect(reply.caption).toContain('Попередній період (16.11.2026 – 20.11.2026): 689,00 ₴');
  });

  it('/month: from the 1st, against the same days of the month before', async () => {
    const reply = await h.say(OWNER, '/month');
    expect(reply.method).toBe('sendPhoto');
    expect(reply.caption).toContain('Місяць 01.11.2026 – 27.11.2026');
    expect(reply.caption).toContain('Попередній період (01.10.2026 – 27.10.2026): продажів не було');
  });

  it('/report <from> <to> in either date form; malformed or too long periods are told', async () => {
    const reply = await h.say(MEMBER, '/report 2026-11-16 27.11.2026');
    expect(reply.method).toBe('sendPhoto');
    expect(reply.caption).toContain('Звіт 16.11.2026 – 27.11.2026');
    expect(reply.caption).toContain('Продажі: 4 чеки · 1 675,20 ₴');
    expect(reply.caption).toContain('Попередній період (04.11.2026 – 15.11.2026)');
    for (const bad of ['/report', '/report 27.11.2026', '/report 31.02.2026 01.03.2026', '/report tomorrow today']) {
      expect((await h.say(MEMBER, bad)).text).toMatch(/^Використання: \/report <з> <по>/);
    }
    // A reversed period is told what is wrong, then how to write it.
    expect((await h.say(MEMBER, '/report 27.11.2026 01.11.2026')).text).toMatch(/^Перша дата пізніша за другу.*\n\nВикористання: \/report <з> <по>/s);
    expect((await h.say(MEMBER, '/report 01.01.2025 31.12.2026')).text).toBe('Період задовгий: щонайбільше 366 днів.');
  });

  it('/export: this month as a CSV document through the outbox; a period; nothing to export', async () => {
    const reply = await h.say(MEMBER, '/export');
    expect(reply.text).toBe('Готую файл CSV: надійде за мить.');
    const [file] = await sendQueuedExports(h.database.db, MEMBER);
    expect(file!.document!.filename).toBe('checks-2026-11-01-2026-11-27.csv');
    expect([...documentBytes(file!.document!).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file!.plainText).toContain('5 чеків');
    const text = documentBytes(file!.document!).toString('utf8');
    expect(text).toContain(fixture('sale-cash').uuid);

    expect((await h.say(OWNER, '/export 16.11.2026 16.11.2026')).text).toBe('Готую файл CSV: надійде за мить.');
    const [one] = await sendQueuedExports(h.database.db, OWNER);
    expect(one!.plainText).toContain('1 чек.');
    expect((await h.say(OWNER, '/export 01.01.2026 02.01.2026')).text).toBe('За 01.01.2026 – 02.01.2026 чеків немає.');
    expect((await h.say(OWNER, '/export 01.01.2026')).text).toMatch(/^Використання: \/export/);
  });

  it('/export csv works as /export xlsx does: the format word alone (this month) or after the dates', async () => {
    for (const [command, format, from, to] of [
      ['/export csv', 'csv', '2026-11-01', '2026-11-27'],
      ['/export xlsx', 'xlsx', '2026-11-01', '2026-11-27'],
      ['/export CSV', 'csv', '2026-11-01', '2026-11-27'],
      ['/export 16.11.2026 16.11.2026 csv', 'csv', '2026-11-16', '2026-11-16'],
      ['/export 16.11.2026 16.11.2026 xlsx', 'xlsx', '2026-11-16', '2026-11-16'],
    ] as const) {
      expect((await h.say(OWNER, command)).text, command).toBe(format === 'csv' ? 'Готую файл CSV: надійде за мить.' : 'Готую файл Excel: надійде за мить.');
      const [file] = await sendQueuedExports(h.database.db, OWNER);
      expect(file!.document!.filename, command).toBe(`checks-${from}-${to}.${format}`);
    }
    expect((await h.say(OWNER, '/export pdf')).text).toMatch(/^Використання: \/export/);
  });

  it('a chat not connected to a shop gets no report', async () => {
    // One chat each: a chat linked to no business gets one answer per 10 minutes.
    for (const [i, command] of ['/week', '/month', '/report 01.11.2026 27.11.2026', '/export'].entries()) {
      expect((await h.say(STRANGER + i * 1000, command)).text).toContain('не підключено');
    }
  });

  it('/help lists the new commands', async () => {
    const help = await h.say(MEMBER, '/help');
    for (const c of ['/week', '/month', '/report', '/export']) expect(help.text).toContain(c);
  });
});
