import type { OutgoingMessage } from '../platform/telegram/outgoing.js';
import { LANGS, type Catalogue, type CommandName, type Lang } from '../platform/i18n/catalogue.js';
import { catalogue } from '../platform/i18n/lang.js';
import { bold, escapeHtml, outgoing, plainMessage } from '../platform/telegram/html.js';
import { langCallbackData } from '../features/sales/callback-data.js';

/**
 * Who is asking, where: what /help lists and which command menu (setMyCommands scope) they see.
 * `owner`: the owner in the owner's private chat; `member`: a linked private chat; `group`: a
 * linked group's members; `groupAdmin`: its administrators (and the owner there), who may change
 * its settings and export; `stranger`: a chat linked to no shop.
 */
export type CommandAudience = 'owner' | 'member' | 'group' | 'groupAdmin' | 'stranger';

const MEMBER_COMMANDS: readonly CommandName[] = ['today', 'app', 'week', 'month', 'report', 'export', 'receipt', 'mute', 'unmute', 'settings', 'minsum', 'quiet', 'onlyreturns', 'desks', 'summarytime', 'lang', 'help'];
const OWNER_COMMANDS: readonly CommandName[] = ['invite', 'members', 'name', 'webhook', 'rotate', 'lowcash', 'highcash', 'returnalert', 'discountalert', 'withdrawalert'];
const GROUP_COMMANDS: readonly CommandName[] = ['today', 'app', 'week', 'month', 'report', 'receipt', 'help'];
const GROUP_ADMIN_COMMANDS: readonly CommandName[] = [...GROUP_COMMANDS.slice(0, -1), 'export', 'mute', 'unmute', 'settings', 'minsum', 'quiet', 'onlyreturns', 'desks', 'summarytime', 'lang', 'help'];
/** A chat linked to no shop: only the way in (register or join) and this help; anything else answers "not connected". */
const STRANGER_COMMANDS: readonly CommandName[] = ['start', 'help'];

/** The commands one audience may use, in /help's order (the owner's own ones last). */
export function commandsFor(audience: CommandAudience): readonly CommandName[] {
  switch (audience) {
    case 'owner':
      return [...MEMBER_COMMANDS, ...OWNER_COMMANDS];
    case 'member':
      return MEMBER_COMMANDS;
    case 'group':
      return GROUP_COMMANDS;
    case 'groupAdmin':
      return GROUP_ADMIN_COMMANDS;
    case 'stranger':
      return STRANGER_COMMANDS;
  }
}

const commandLine = (name: CommandName, t: Catalogue) => escapeHtml(`/${name} — ${t.commands[name].description}`);

/** /help: what the bot does and the commands this audience may use here. Pure. */
export function renderHelp(t: Catalogue, audience: CommandAudience): OutgoingMessage {
  const lines = [escapeHtml(t.help.intro), '', bold(t.help.everyoneTitle)];
  if (audience === 'owner') {
    lines.push(...MEMBER_COMMANDS.map((c) => commandLine(c, t)), '', bold(t.help.ownerTitle), ...OWNER_COMMANDS.map((c) => commandLine(c, t)));
  } else {
    lines.push(...commandsFor(audience).map((c) => commandLine(c, t)));
  }
  if (audience === 'stranger') lines.push('', escapeHtml(t.common.notConnected));
  return outgoing(lines.join('\n'));
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

/** The command menu (setMyCommands) of one audience in one language. */
export function commandMenu(t: Catalogue, audience: CommandAudience): Array<{ command: string; description: string }> {
  return commandsFor(audience).map((c) => ({ command: c, description: t.commands[c].description }));
}
