import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { outbox } from '../../src/platform/db/schema.js';
import { catalogue } from '../../src/platform/i18n/lang.js';
import { databaseKinds } from '../support/databases.js';
import { fixture, registerOwner, startBotHarness, storeCheck, type BotHarness } from '../support/bot-harness.js';
import { sendQueuedExports } from '../support/export-jobs.js';

const OWNER = 2101;
const GROUP = -1002102;
const MEMBER = 2103;
const ADMIN = 2104;
const BOT = '@cashdesk_test_bot';
const uk = catalogue('uk');

/** Who may export where: in groups the owner and the administrators; one export waiting per person (the day's quota: test/miniapp/api.test.ts). */
describe.each(databaseKinds)('/export bounds (%s)', (kind) => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness(kind);
    const business = await registerOwner(h, OWNER);
    await storeCheck(h, business.id, fixture('sale-cash'));
    const code = /\?start=([A-Za-z0-9_-]+)/.exec((await h.say(OWNER, '/invite')).text)![1]!;
    expect((await h.say(GROUP, `/start${BOT} ${code}`, { chatType: 'supergroup', chatTitle: 'Каса', fromId: MEMBER })).text).toContain('Готово!');
    h.tg.setChatMemberStatus(GROUP, ADMIN, 'administrator');
  });
  afterAll(async () => h?.close());

  const inGroup = (text: string, fromId: number, extra: Record<string, unknown> = {}) => h.say(GROUP, text, { chatType: 'supergroup', fromId, ...extra });
  const groupJobs = async () => h.database.db.select().from(outbox).where(and(eq(outbox.chatId, GROUP), eq(outbox.kind, 'export')));

  it("in a group, a plain participant is told it is for the owner and the group's administrators; nothing is queued", async () => {
    for (const command of [`/export${BOT}`, `/export${BOT} xlsx`, `/export${BOT} 01.11.2026 27.11.2026`]) {
      expect((await inGroup(command, MEMBER)).text, command).toBe(uk.exports.adminsOnly);
    }
    expect(await groupJobs()).toHaveLength(0);
  });

  it("the group's administrator and the shop's owner get the file in the group", async () => {
    expect((await inGroup(`/export${BOT}`, ADMIN)).text).toBe('Готую файл CSV: надійде за мить.');
    expect((await groupJobs())[0]!.payload).toMatchObject({ format: 'csv', requestedBy: ADMIN });
    const [file] = await sendQueuedExports(h.database.db, GROUP);
    expect(file!.document!.filename).toMatch(/\.csv$/);
    expect((await inGroup(`/export${BOT} xlsx`, OWNER)).text).toBe('Готую файл Excel: надійде за мить.');
    expect((await groupJobs()).at(-1)!.payload).toMatchObject({ format: 'xlsx', requestedBy: OWNER });
    await sendQueuedExports(h.database.db, GROUP);
  });

  it('one export waiting per person, wherever asked: the next is refused until it is sent', async () => {
    expect((await inGroup(`/export${BOT}`, ADMIN)).text).toBe('Готую файл CSV: надійде за мить.');
    expect((await inGroup(`/export${BOT} 01.11.2026 02.11.2026 xlsx`, ADMIN)).text).toBe(uk.exports.waiting);
    // Someone else is not held back by it.
    expect((await h.say(OWNER, '/export')).text).toBe('Готую файл CSV: надійде за мить.');
    expect(await groupJobs()).toHaveLength(3);
    await sendQueuedExports(h.database.db, GROUP);
    await sendQueuedExports(h.database.db, OWNER);
    expect((await inGroup(`/export${BOT} xlsx`, ADMIN)).text).toBe('Готую файл Excel: надійде за мить.');
    await sendQueuedExports(h.database.db, GROUP);
  });
});
