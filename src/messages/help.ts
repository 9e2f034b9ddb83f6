import type { OutgoingMessage } from '../telegram/outgoing.js';
import { LANGS, type Catalogue, type CommandName, type Lang } from '../i18n/catalogue.js';
import { catalogue } from '../i18n/lang.js';
import { bold, escapeHtml, outgoing, plainMessage } from './html.js';
import { langCallbackData } from './callback-data.js';

const MEMBER_COMMANDS: readonly CommandName[] = ['today', 'app', 'week', 'month', 'report', 'export', 'receipt', 'mute', 'unmute', 'settings', 'minsum', 'quiet', 'onlyreturns', 'desks', 'summarytime', 'lang', 'help'];
const OWNER_COMMANDS: readonly CommandName[] = ['invite', 'members', 'name', 'webhook', 'rotate', 'lowcash', 'highcash', 'returnalert', 'discountalert', 'withdrawalert'];

const commandLine = (name: CommandName, t: Catalogue) => escapeHtml(`/${name} — ${t.commands[name].description}`);

/** /help: what the bot does and its commands. Pure. */
export function renderHelp(t: Catalogue): OutgoingMessage {
  return outgoing(
    [
      escapeHtml(t.help.intro),
      '',
      bold(t.help.everyoneTitle),
      ...MEMBER_COMMANDS.map((c) => commandLine(c, t)),
      '',
      bold(t.help.ownerTitle),
      ...OWNER_COMMANDS.map((c) => commandLine(c, t)),
    ].join('\n'),
  );
}

/** A short usage line for a command given malformed arguments. */
export function renderUsage(command: CommandName, t: Catalogue): OutgoingMessage {
  return plainMessage(t.common.usage(t.commands[command].usage));
}

/** /lang alone: the language now and a button per language. */
export function renderLanguageChoice(t: Catalogue): OutgoingMessage {
  return outgoing([escapeHtml(t.language.current), escapeHtml(t.language.choose)].join('\n'), {
    replyMarkup: {
      inline_keyboard: [LANGS.map((lang: Lang) => ({ text: catalogue(lang).languageName, callback_data: langCallbackData(lang) }))],
    },
  });
}

/** The command menu (setMyCommands) in one language. */
export function commandMenu(t: Catalogue): Array<{ command: string; description: string }> {
  return [...MEMBER_COMMANDS, ...OWNER_COMMANDS].map((c) => ({ command: c, description: t.commands[c].description }));
}
