import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { chats } from '../../src/platform/db/schema.js';
import { databaseKinds } from '../support/databases.js';
import type { SentMessage } from '../support/fake-telegram.js';
import { registerOwner, startBotHarness, type BotHarness } from '../support/bot-harness.js';

/**
 * /settings on a phone: a section list, one screen per section with a label per row and at most
 * three buttons a row, and Back; the settings commands take Ukrainian words; out-of-range
 * arguments are told specifically. The real bot against the strict fake Telegram.
 */
const OWNER = 2401;
const EN_OWNER = 2402;

type Button = { text: string; callback_data?: string };
const keyboardOf = (m: SentMessage) => (m.replyMarkup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard ?? [];

describe.each(databaseKinds)('the settings menu and arguments (%s)', (kind) => {
  let h: BotHarness;

  beforeAll(async () => {
    h = await startBotHarness(kind);
    await registerOwner(h, OWNER);
    await registerOwner(h, EN_OWNER, 'en');
  });
  afterAll(async () => h?.close());

  const row = async (chatId: number) => (await h.database.db.select().from(chats).where(eq(chats.chatId, chatId)))[0]!;
  /** Presses a button of the menu; resolves with the callback's answer and the menu as redrawn (or as it was). */
  const press = async (menu: SentMessage, button: string | RegExp, redraws = true) => {
    const before = new Set(h.tg.sent);
    const edited = redraws ? h.tg.waitFor((m) => !before.has(m) && m.method === 'editMessageText' && m.messageId === menu.messageId) : undefined;
    const update = h.tg.pressButton({ chatId: OWNER, fromId: OWNER, button, messageId: menu.messageId });
    const id = (update as { callback_query: { id: string } }).callback_query.id;
    const answer = (await h.tg.waitForRequest((r) => r.method === 'answerCallbackQuery' && r.params['callback_query_id'] === id)).params;
    return { answer, menu: edited ? await edited : menu };
  };

  it('opens on the section list; each section is its own screen with labelled rows of at most 3 buttons and Back', async () => {
    const home = await h.say(OWNER, '/settings');
    expect(keyboardOf(home).map((r) => r.map((b) => b.text))).toEqual([
      ['🔔 Доставка', '🔇 Шум'],
      ['🧾 Z-звіт', '🛡 Сторож'],
    ]);
    // The shop's own summary time, where the chat follows it; and the private chat's own wording.
    expect(home.text).toContain('Z-звіт: як для магазину (21:00)');
    expect(home.text).toContain('Ці налаштування діють лише в цьому чаті.');
    expect(home.text).not.toContain('будь-хто');

    const summary = (await press(home, '🧾 Z-звіт')).menu;
    const keyboard = keyboardOf(summary);
    expect(keyboard[0]!.map((b) => b.text)).toEqual(['Коли надсилати Z-звіт у цей чат']);
    expect(keyboard[1]!.map((b) => b.text)).toEqual(['✓ як для магазину (21:00)']);
    for (const r of keyboard) expect(r.length).toBeLessThanOrEqual(3);
    expect(keyboard.at(-1)!.map((b) => b.text)).toEqual(['← Назад']);

    // A row's label changes nothing and says so.
    const label = await press(summary, 'Коли надсилати Z-звіт у цей чат', false);
    expect(label.answer['text']).toBe('Це підпис: виберіть кнопку під ним.');

    const chosen = await press(summary, '20:00');
    expect(chosen.answer['text']).toBe('Збережено');
    expect(chosen.menu.text).toContain('Z-звіт: 20:00');
    expect(keyboardOf(chosen.menu).flat().map((b) => b.text)).toContain('✓ 20:00');
    expect((await row(OWNER)).summaryTime).toMatch(/^20:00/);

    const back = await press(chosen.menu, '← Назад');
    expect(keyboardOf(back.menu).flat()).toHaveLength(4);
    expect(back.menu.text).toContain('Z-звіт: 20:00');
    expect(back.menu.text).not.toContain('за попередній день');

    // A morning time brings the previous day's figures, and the menu says so.
    const morning = await press((await press(back.menu, '🧾 Z-звіт')).menu, '09:00');
    expect(morning.menu.text).toContain('Z-звіт: 09:00 (до 12:00 — за попередній день)');
  });

  it('takes the on/off words in Ukrainian: /quiet вимк, /minsum вимкнено, /onlyreturns увімкнено', async () => {
    await h.say(OWNER, '/quiet 22:00-08:00');
    await h.say(OWNER, '/minsum 50');
    expect((await h.say(OWNER, '/quiet вимк')).text).toContain('Тихі години: вимкнено');
    expect((await h.say(OWNER, '/minsum вимкнено')).text).toContain('Мінімальний чек: будь-який');
    expect((await h.say(OWNER, '/onlyreturns увімкнено')).text).toContain('Лише повернення: увімкнено');
    expect((await h.say(OWNER, '/onlyreturns ні')).text).toContain('Лише повернення: вимкнено');
    expect((await h.say(OWNER, '/summarytime як для магазину')).text).toContain('Z-звіт: як для магазину (21:00)');
    const stored = await row(OWNER);
    expect([stored.quietFrom, stored.minSaleKop, stored.onlyReturns, stored.summaryTime]).toEqual([null, null, false, null]);
  });

  it('says what is wrong: a percentage from 1 to 100, a period whose first date is after the second', async () => {
    const percent = await h.say(OWNER, '/discountalert 150');
    expect(percent.text).toContain('від 1 до 100');
    expect(percent.text).toContain('/discountalert');
    expect((await h.say(OWNER, '/report 30.11.2026 01.11.2026')).text).toContain('Перша дата пізніша за другу');
    expect((await h.say(EN_OWNER, '/report 30.11.2026 01.11.2026')).text).toContain('The first date is after the second');
    expect((await h.say(EN_OWNER, '/discountalert 0')).text).toContain('from 1 to 100');
    // Malformed ones still get the usage line alone.
    expect((await h.say(OWNER, '/report вчора')).text).toMatch(/^Використання: \/report/);
  });
});
