import type { Api } from 'grammy';
import type { BotCommandScope } from 'grammy/types';
import { catalogue } from '../platform/i18n/lang.js';
import { commandMenu, type CommandAudience } from './help-message.js';

/** Menu language codes: English by default; Ukrainian for Telegram in Ukrainian or Russian (as the bot's answers). */
const MENU_LANGUAGES = [
  { code: undefined, lang: 'en' },
  { code: 'uk', lang: 'uk' },
  { code: 'ru', lang: 'uk' },
] as const;

/** The scopes set at start: every private chat (members; strangers see it too), groups, and group administrators. */
const SCOPES: ReadonlyArray<{ scope: BotCommandScope; audience: CommandAudience }> = [
  { scope: { type: 'default' }, audience: 'member' },
  { scope: { type: 'all_private_chats' }, audience: 'member' },
  { scope: { type: 'all_group_chats' }, audience: 'group' },
  { scope: { type: 'all_chat_administrators' }, audience: 'groupAdmin' },
];

async function setMenu(api: Api, scope: BotCommandScope, audience: CommandAudience): Promise<void> {
  for (const { code, lang } of MENU_LANGUAGES) {
    await api.setMyCommands(commandMenu(catalogue(lang), audience), { scope, ...(code ? { language_code: code } : {}) });
  }
}

/**
 * The command menu in Telegram's clients, per scope (Telegram shows the narrowest that fits):
 * members' private chats, groups, group administrators; the owner's own chat gets the owner's
 * menu from registerOwnerMenu when the owner sends /start.
 */
export async function registerCommandMenu(api: Api): Promise<void> {
  for (const { scope, audience } of SCOPES) await setMenu(api, scope, audience);
}

/** The owner's private chat: every command, the owner's own included. */
export async function registerOwnerMenu(api: Api, ownerChatId: number): Promise<void> {
  await setMenu(api, { type: 'chat', chat_id: ownerChatId }, 'owner');
}
