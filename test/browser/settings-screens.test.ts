import { existsSync, mkdirSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { WATCHDOG_KINDS } from '../../src/features/watchdog/kinds.js';
import { catalogue } from '../../src/platform/i18n/lang.js';
import { renderSettings, type SettingsView } from '../../src/features/chat-settings/messages/settings.js';
import { SETTINGS_SECTIONS, type SettingsScreen } from '../../src/features/chat-settings/messages/settings-callback.js';
import type { OutgoingMessage } from '../../src/platform/telegram/outgoing.js';

/**
 * The /settings screens as a phone shows them: each screen's message and inline keyboard drawn
 * the way Telegram's clients draw them (buttons of a row share the width equally, one line of
 * text each, cut with an ellipsis when too long) at 360 px, the narrowest common phone. No
 * button's text may be cut. Screenshots go to test/artifacts/ (and docs/screenshots/ with
 * UPDATE_SCREENSHOTS=1). Skipped, saying so, where /usr/bin/chromium is missing.
 */
const CHROMIUM = '/usr/bin/chromium';
const here = path.dirname(fileURLToPath(import.meta.url));
const ARTIFACTS = path.resolve(here, '../artifacts');
const DOCS = path.resolve(here, '../../docs/screenshots');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`[settings screens] skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

const VIEW: SettingsView = {
  muted: false,
  minSaleKop: 5_000,
  onlyReturns: false,
  deskFilter: ['50037129', '50037130'],
  quiet: { from: 22 * 60, to: 8 * 60 },
  summaryMinutes: null,
  summaryPreviousDay: false,
  shopSummaryMinutes: 21 * 60,
  threadId: null,
  desks: [
    { id: 1, numFiscal: '50037129' },
    { id: 2, numFiscal: '50037130' },
    { id: 3, numFiscal: '50037131' },
    { id: 4, numFiscal: '50037132' },
  ],
  isGroup: true,
  hereThreadId: 12,
  watchdogKinds: WATCHDOG_KINDS,
  watchdogOff: ['drawer_mismatch'],
};

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A Telegram-like chat bubble with the message's HTML (our own, already escaped) and its keyboard. */
function page(message: OutgoingMessage): string {
  const rows = message.replyMarkup?.inline_keyboard ?? [];
  const keyboard = rows
    .map((row) => `<div class="row">${row.map((b) => `<div class="button"><span>${escape(b.text)}</span></div>`).join('')}</div>`)
    .join('');
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    body { margin: 0; background: #99b9d4; font: 15px/1.35 "DejaVu Sans", sans-serif; width: 360px; }
    .chat { padding: 10px 8px; }
    .bubble { background: #fff; border-radius: 12px; padding: 8px 10px; white-space: pre-wrap; color: #000; }
    .row { display: flex; gap: 4px; margin-top: 4px; }
    .button { flex: 1 1 0; min-width: 0; background: rgba(0, 60, 100, 0.35); color: #fff; border-radius: 8px; padding: 9px 6px; text-align: center; }
    .button span { display: block; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; font-size: 14px; }
  </style></head><body><div class="chat"><div class="bubble">${message.text}</div>${keyboard}</div></body></html>`;
}

describe.skipIf(!hasChromium)('the /settings screens on a 360 px phone', () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });
  afterAll(async () => browser?.close());

  const screens: SettingsScreen[] = ['home', ...SETTINGS_SECTIONS];
  for (const lang of ['uk', 'en'] as const) {
    it(`every button's text fits its button, on every screen (${lang})`, async () => {
      const context = await browser.newContext({ viewport: { width: 360, height: 640 }, deviceScaleFactor: 2 });
      try {
        for (const screen of screens) {
          const message = renderSettings(VIEW, catalogue(lang), screen);
          const tab = await context.newPage();
          await tab.setContent(page(message));
          const cut = await tab.$$eval('.button span', (spans) => spans.filter((s) => s.scrollWidth > s.clientWidth).map((s) => s.textContent));
          expect(cut, `${screen}: buttons cut off`).toEqual([]);
          const file = path.join(ARTIFACTS, `settings-${screen}-${lang}.png`);
          await tab.screenshot({ path: file, fullPage: true });
          if (process.env.UPDATE_SCREENSHOTS && lang === 'uk') {
            mkdirSync(DOCS, { recursive: true });
            copyFileSync(file, path.join(DOCS, `settings-${screen}.png`));
          }
          await tab.close();
        }
      } finally {
        await context.close();
      }
    });
  }
});
