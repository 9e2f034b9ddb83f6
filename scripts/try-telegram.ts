/**
 * Try the service without a real bot: a stand-in for the Telegram Bot API (the strict fake the
 * tests use) that prints every message the bot sends, saves its photos and documents, and turns
 * each line you type into what a person does (a message, a button press; as another person, or
 * in a group). `help` lists what you can type.
 *
 *   terminal 1:  npm run try-telegram              (the stand-in, on port 8081: TRY_TELEGRAM_PORT)
 *   terminal 2:  BOT_TOKEN=… TELEGRAM_API_ROOT=http://127.0.0.1:8081 npm start   (the line it prints)
 *   terminal 1:  /start  (prints the webhook URL), then in terminal 3:
 *                npm run send-sample -- <that URL>
 */
import path from 'node:path';
import readline from 'node:readline';
import { z } from 'zod';
import { startFakeTelegram } from '../test/support/fake-telegram.js';
import { createTryConsole } from './try-telegram-console.js';

const env = z
  .object({
    TRY_TELEGRAM_PORT: z.coerce.number().int().min(1).max(65_535).default(8081),
    TRY_TELEGRAM_FILES: z.string().min(1).default('try-telegram-files'),
  })
  .safeParse(process.env);
if (!env.success) {
  process.stderr.write(`try-telegram: TRY_TELEGRAM_PORT must be a port number (1–65535)\n`);
  process.exit(1);
}
const { TRY_TELEGRAM_PORT: port, TRY_TELEGRAM_FILES: files } = env.data;

const tg = await startFakeTelegram({ port }).catch((err: unknown) => {
  process.stderr.write(`try-telegram: cannot listen on 127.0.0.1:${port} (${err instanceof Error ? err.message : String(err)}); set TRY_TELEGRAM_PORT to another port\n`);
  process.exit(1);
});
const filesDir = path.resolve(files);
const console = createTryConsole({ tg, filesDir, print: (text) => process.stdout.write(`\n${text}\n`) });
process.stdout.write(
  [
    `A stand-in for Telegram listens at ${tg.url}. Start the service in another terminal with:`,
    '',
    `  BOT_TOKEN=${tg.token} TELEGRAM_API_ROOT=${tg.url} npm start`,
    '',
    `Photos and documents the bot sends are saved in ${filesDir}.`,
    console.help,
    'Ctrl-C to stop.',
    '',
  ].join('\n'),
);

setInterval(() => console.flush(), 200).unref();
const input = readline.createInterface({ input: process.stdin });
input.on('line', (line) => console.line(line));
process.on('SIGINT', () => {
  void tg.close().then(() => process.exit(0));
});
