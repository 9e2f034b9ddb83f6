import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FakeTelegram, SentMessage } from '../test/support/fake-telegram.js';

/**
 * The console of `npm run try-telegram`: turns typed lines into what a person does in Telegram
 * (a message, a button press, acting as someone else or in a group) and prints what the bot
 * does (messages, edits, button-press answers), saving every photo and document to a folder.
 * Nothing typed can crash it: a mistake is printed with what there is to choose from.
 */
export interface TryConsoleOptions {
  tg: FakeTelegram;
  /** Where photos and documents are saved. */
  filesDir: string;
  print: (text: string) => void;
  /** The first person: the shop's owner-to-be. */
  userId?: number;
}

export interface TryConsole {
  /** One typed line. */
  line(text: string): void;
  /** Prints what the bot did since the last call. */
  flush(): void;
  readonly help: string;
}

type Button = { text: string; callback_data?: string; url?: string; web_app?: { url: string } };
const keyboardOf = (m: SentMessage): Button[][] => (m.replyMarkup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard ?? [];

export const DEFAULT_GROUP_ID = -1_001_000_000_001;

const HELP = [
  'Type a message as the current person (/start, /today, /help …), or:',
  '  press <text>      press the button whose text contains <text>, on the latest message here that has one',
  '  as <user id>      act as another person (their private chat with the bot)',
  '  group [<id>]      write in a group (a supergroup) as the current person',
  '  private           back to the current person\'s private chat',
  '  help              this list',
].join('\n');

export function createTryConsole(options: TryConsoleOptions): TryConsole {
  const { tg, print } = options;
  let userId = options.userId ?? 1001;
  let chat: { id: number; type: 'private' | 'supergroup' } = { id: userId, type: 'private' };
  let shownSent = 0;
  let shownRequests = 0;
  mkdirSync(options.filesDir, { recursive: true });

  const where = () => (chat.type === 'private' ? `user ${userId}` : `user ${userId} in group ${chat.id}`);

  function saveFile(m: SentMessage, kind: 'photo' | 'document'): string | undefined {
    const file = m[kind];
    if (!file || file.bytes.length === 0) return file?.url;
    const name = `${m.chatId}-${m.messageId}-${path.basename(file.filename || `${kind}.bin`)}`;
    const target = path.resolve(options.filesDir, name);
    writeFileSync(target, file.bytes);
    return target;
  }

  function show(m: SentMessage): void {
    const edited = m.method.startsWith('edit');
    const lines = [`— bot → chat ${m.chatId}${edited ? ` (edits message ${m.messageId})` : ''}:`];
    for (const kind of ['photo', 'document'] as const) {
      if (!m[kind]) continue;
      const saved = saveFile(m, kind);
      lines.push(`[${kind}: ${m[kind].filename}, ${m[kind].bytes.length} bytes${saved ? ` → ${saved}` : ''}]`);
    }
    if (m.text) lines.push(m.text);
    for (const row of keyboardOf(m)) lines.push(row.map((b) => `[ ${b.text} ]`).join(' '));
    print(lines.join('\n'));
  }

  /** The latest state of each bot message in the chat that has buttons, newest first. */
  function messagesWithButtons(): SentMessage[] {
    const latest = new Map<number, SentMessage>();
    for (const m of tg.sent) if (Number(m.chatId) === chat.id && (m.method.startsWith('edit') || !latest.has(m.messageId))) latest.set(m.messageId, m);
    return [...latest.values()].filter((m) => keyboardOf(m).length > 0).sort((a, b) => b.messageId - a.messageId);
  }

  function press(wanted: string): void {
    const [message] = messagesWithButtons();
    if (!message) {
      print(`No message with buttons in ${where()}.`);
      return;
    }
    const buttons = keyboardOf(message).flat();
    const needle = wanted.toLowerCase();
    const button = buttons.find((b) => b.text.toLowerCase() === needle) ?? buttons.find((b) => b.text.toLowerCase().includes(needle));
    if (!button) {
      print(`No button "${wanted}" on the latest message here. Its buttons: ${buttons.map((b) => `[ ${b.text} ]`).join(' ')}`);
      return;
    }
    if (!button.callback_data) {
      const link = button.url ?? button.web_app?.url;
      print(`[ ${button.text} ] opens ${link ?? 'nothing here'}; nothing is sent to the bot.`);
      return;
    }
    tg.pressButton({ chatId: chat.id, fromId: userId, button: button.text, messageId: message.messageId });
  }

  function line(raw: string): void {
    const text = raw.trim();
    if (!text) return;
    try {
      const [word, ...rest] = text.split(/\s+/);
      const arg = rest.join(' ');
      switch (word!.toLowerCase()) {
        case 'help':
          print(HELP);
          return;
        case 'press':
          press(arg);
          return;
        case 'as': {
          const id = Number(arg);
          if (!Number.isSafeInteger(id) || id <= 0) {
            print('as <user id>: a positive number, e.g. as 2002');
            return;
          }
          userId = id;
          chat = chat.type === 'private' ? { id, type: 'private' } : chat;
          print(`Now ${where()}.`);
          return;
        }
        case 'group': {
          const id = arg ? Number(arg) : DEFAULT_GROUP_ID;
          if (!Number.isSafeInteger(id) || id >= 0) {
            print('group [<id>]: a negative number, e.g. group -1001234567890');
            return;
          }
          chat = { id, type: 'supergroup' };
          print(`Now ${where()}.`);
          return;
        }
        case 'private':
          chat = { id: userId, type: 'private' };
          print(`Now ${where()}.`);
          return;
      }
      tg.userMessage({
        chatId: chat.id,
        fromId: userId,
        text,
        chatType: chat.type,
        languageCode: 'uk',
        firstName: `User ${userId}`,
        ...(chat.type === 'supergroup' ? { chatTitle: 'Test group' } : {}),
      });
    } catch (err) {
      print(`Could not do that: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  function flush(): void {
    for (; shownSent < tg.sent.length; shownSent++) show(tg.sent[shownSent]!);
    for (; shownRequests < tg.requests.length; shownRequests++) {
      const r = tg.requests[shownRequests]!;
      if (r.method !== 'answerCallbackQuery') continue;
      const answer = r.params['text'];
      print(typeof answer === 'string' && answer ? `— button answer${r.params['show_alert'] ? ' (alert)' : ''}: ${answer}` : '— button answered (no text)');
    }
  }

  return { line, flush, help: HELP };
}
