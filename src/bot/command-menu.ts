import { createHash } from 'node:crypto';
import type { Api } from 'grammy';
import type { BotCommandScope } from 'grammy/types';
import { catalogue } from '../platform/i18n/lang.js';
import type { Logger } from '../platform/observability/logger.js';
import { commandMenu, type CommandAudience } from './help-message.js';
import { runPrivateChatPass, type PacedCall, type PrivateChatPass, type PrivateChatPassDeps } from './private-chat-pass.js';

/** Menu language codes: English by default; Ukrainian for Telegram in Ukrainian or Russian (as the bot's answers). */
const MENU_LANGUAGES = [
  { code: undefined, lang: 'en' },
  { code: 'uk', lang: 'uk' },
  { code: 'ru', lang: 'uk' },
] as const;

/**
 * The scopes set at start. Private chats default to a stranger's menu (a chat linked to no shop);
 * a linked private chat gets its own by a chat scope (setChatMenu). Groups list what a linked
 * group's members may use, their administrators what they may.
 */
const SCOPES: ReadonlyArray<{ scope: BotCommandScope; audience: CommandAudience }> = [
  { scope: { type: 'default' }, audience: 'stranger' },
  { scope: { type: 'all_private_chats' }, audience: 'stranger' },
  { scope: { type: 'all_group_chats' }, audience: 'group' },
  { scope: { type: 'all_chat_administrators' }, audience: 'groupAdmin' },
];

/** The audience of a linked private chat: its role there. */
export type PrivateAudience = Extract<CommandAudience, 'owner' | 'member'>;

type Call = (call: () => Promise<unknown>) => Promise<unknown>;
const direct: Call = (call) => call();

async function setMenu(api: Api, scope: BotCommandScope, audience: CommandAudience, call: Call = direct): Promise<void> {
  for (const { code, lang } of MENU_LANGUAGES) {
    await call(() => api.setMyCommands(commandMenu(catalogue(lang), audience), { scope, ...(code ? { language_code: code } : {}) }));
  }
}

/**
 * The command menu in Telegram's clients, per scope (Telegram shows the narrowest that fits):
 * strangers' private chats, groups, group administrators. Linked private chats get theirs by a
 * chat scope: on joining or registering, and for those linked before, syncChatMenus at start.
 */
export async function registerCommandMenu(api: Api): Promise<void> {
  for (const { scope, audience } of SCOPES) await setMenu(api, scope, audience);
}

const chatScope = (chatId: number): BotCommandScope => ({ type: 'chat', chat_id: chatId });

/**
 * A linked private chat's own menu: the owner's (every command) or a member's. Failures are
 * logged, never thrown (the chat keeps a stranger's menu until the next start's pass or /start).
 */
export async function setChatMenu(api: Api, chatId: number, audience: PrivateAudience, logger: Logger): Promise<void> {
  await setMenu(api, chatScope(chatId), audience).catch((err: unknown) => logger.warn({ err, chatId, audience }, "could not set the chat's command menu"));
}

/**
 * A private chat no longer linked (removed by the owner, or it blocked the bot): its own menu
 * goes, so it falls back to a stranger's. Failures are logged, never thrown.
 */
export async function resetChatMenu(api: Api, chatId: number, logger: Logger): Promise<void> {
  try {
    for (const { code } of MENU_LANGUAGES) await api.deleteMyCommands({ scope: chatScope(chatId), ...(code ? { language_code: code } : {}) });
  } catch (err) {
    logger.warn({ err, chatId }, "could not reset the chat's command menu");
  }
}

/** Which menus linked private chats get: a new one (a release that changes them) means a new pass. */
function chatMenusVersion(): string {
  const menus = MENU_LANGUAGES.map(({ lang }) => [commandMenu(catalogue(lang), 'owner'), commandMenu(catalogue(lang), 'member')]);
  return createHash('sha256').update(JSON.stringify(menus)).digest('hex').slice(0, 16);
}

/**
 * At start: every linked private chat that is on gets its own menu (the owner's or a member's),
 * once per version of those menus across all instances and restarts (job `command_menu`;
 * private-chat-pass.ts), paced, in the background; `stop()` ends it between calls.
 */
export function syncChatMenus(deps: PrivateChatPassDeps & { api: Api }): PrivateChatPass {
  return runPrivateChatPass(deps, { job: 'command_menu', slot: chatMenusVersion() }, 'chat command menus', async (chat, call: PacedCall) => {
    const audience: PrivateAudience = chat.role === 'owner' ? 'owner' : 'member';
    try {
      await setMenu(deps.api, chatScope(chat.chatId), audience, async (apiCall) => {
        if (!(await call(apiCall))) throw new PassStopped();
      });
      return true;
    } catch (err) {
      if (!(err instanceof PassStopped)) deps.logger.warn({ err, chatId: chat.chatId }, "could not set the chat's command menu");
      return false;
    }
  });
}

class PassStopped extends Error {}
