import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTryConsole, DEFAULT_GROUP_ID, type TryConsole } from '../../scripts/try-telegram-console.js';
import { fixture, registerOwner, startBotHarness, storeCheck, type BotHarness } from '../support/bot-harness.js';
import { databaseKinds } from '../support/databases.js';

/**
 * `npm run try-telegram`'s console against the real bot: a press of a button that is not there
 * lists the buttons instead of crashing, photos and documents are saved and their paths printed,
 * button-press answers are shown, and one can act as another person or in a group.
 */
const OWNER = 3101;
const RECEIPT = '0b6f3c1e-6a53-4a8e-9c1e-1f2a3b4c5d02';

describe.each(databaseKinds)('the try-telegram console (%s)', (kind) => {
  let h: BotHarness;
  let dir: string;
  let out: string[];
  let console: TryConsole;

  beforeAll(async () => {
    h = await startBotHarness(kind);
    const business = await registerOwner(h, OWNER);
    // A check with CashDesk's PDF: /receipt answers with it as a document.
    await storeCheck(h, business.id, fixture('sale-card'));
    dir = mkdtempSync(path.join(tmpdir(), 'try-telegram-'));
    out = [];
    console = createTryConsole({ tg: h.tg, filesDir: dir, print: (text) => out.push(text), userId: OWNER });
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Types a line, then waits until the console has printed something matching. */
  async function type(line: string, expected: RegExp): Promise<string> {
    const from = out.length;
    console.line(line);
    for (let i = 0; i < 300; i++) {
      console.flush();
      const found = out.slice(from).find((text) => expected.test(text));
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`nothing matching ${expected} after "${line}"; printed: ${out.slice(from).join('\n---\n')}`);
  }

  it('never crashes on a press of a button that is not there, and lists the buttons there are', async () => {
    // The latest message is /start's answer, whose one button sends a test alert.
    expect(await type('press PDF', /No button "PDF"/)).toContain('[ Надіслати тестове сповіщення ]');
    await type('/start', /Webhook/);
    await type('/settings', /Налаштування/);
    const listed = await type('press PDF', /No button "PDF"/);
    expect(listed).toContain('[ 🔔 Доставка ]');
    expect(listed).toContain('[ 🛡 Сторож ]');
  });

  it('shows the answer to a button press and the message it redraws', async () => {
    await type('press Z-звіт', /edits message/);
    expect(await type('press Коли надсилати', /button answer/)).toContain('Це підпис');
    expect(await type('press 20:00', /button answer/)).toContain('Збережено');
  });

  it('saves every photo and document to the folder and prints its path', async () => {
    const printed = await type(`/receipt ${RECEIPT}`, /\[document: /);
    const file = /\[document: [^\]]* → ([^\]]+)\]/.exec(printed)?.[1];
    expect(file).toBeDefined();
    expect(path.dirname(file!)).toBe(dir);
    expect(readFileSync(file!).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('acts as another person, and in a group', async () => {
    expect(await type('as 3102', /Now user 3102/)).toBe('Now user 3102.');
    expect(await type('/today', /bot → chat 3102/)).toContain('не підключено');
    expect(await type('group', /Now user 3102 in group/)).toContain(String(DEFAULT_GROUP_ID));
    expect(await type('as abc', /as <user id>/)).toContain('positive number');
    expect(await type('private', /Now user 3102\./)).toBe('Now user 3102.');
  });
});
