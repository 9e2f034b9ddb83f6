/**
 * Try the service without a real bot: a stand-in for the Telegram Bot API (the strict fake the
 * tests use) that prints every message the bot sends, and turns each line you type into a
 * message from a test owner.
 *
 *   terminal 1:  npm run try-telegram
 *   terminal 2:  the `npm start` line it prints
 *   terminal 1:  /start  (prints the webhook URL), then in terminal 3:
 *                npm run send-sample -- <that URL>
 */
import readline from 'node:readline';
import { startFakeTelegram } from '../test/support/fake-telegram.js';

const OWNER = 1001;
const tg = await startFakeTelegram();
process.stdout.write(
  [
    `A stand-in for Telegram listens at ${tg.url}. Start the service in another terminal with:`,
    '',
    `  BOT_TOKEN=${tg.token} TELEGRAM_API_ROOT=${tg.url} npm start`,
    '',
    'Then type commands here as the shop owner (/start, /today, /help …). Ctrl-C to stop.',
    '',
  ].join('\n'),
);

let shown = 0;
setInterval(() => {
  for (; shown < tg.sent.length; shown++) {
    const m = tg.sent[shown]!;
    const what = m.document ? `[${m.method}: ${m.document.filename}, ${m.document.bytes.length} bytes] ` : '';
    const buttons = JSON.stringify(m.replyMarkup ?? '').match(/"text":"[^"]+"/g)?.map((b) => b.slice(8, -1)) ?? [];
    process.stdout.write(`\n— bot → chat ${m.chatId}:\n${what}${m.text}${buttons.length ? `\n[ ${buttons.join(' ] [ ')} ]` : ''}\n`);
  }
}, 200).unref();

const input = readline.createInterface({ input: process.stdin });
input.on('line', (line) => {
  const text = line.trim();
  if (!text) return;
  if (/^press /i.test(text)) {
    tg.pressButton({ chatId: OWNER, fromId: OWNER, button: new RegExp(text.slice(6), 'i') });
    return;
  }
  tg.userMessage({ chatId: OWNER, fromId: OWNER, text, languageCode: 'uk', firstName: 'Owner' });
});
process.on('SIGINT', () => {
  void tg.close().then(() => process.exit(0));
});
