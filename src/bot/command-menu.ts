import type { Api } from 'grammy';
import { catalogue } from '../i18n/lang.js';
import { commandMenu } from '../messages/help.js';

/**
 * The command menu in Telegram's clients: English by default, Ukrainian for users whose Telegram
 * speaks Ukrainian or Russian (the same rule as the bot's answers).
 */
export async function registerCommandMenu(api: Api): Promise<void> {
  await api.setMyCommands(commandMenu(catalogue('en')));
  await api.setMyCommands(commandMenu(catalogue('uk')), { language_code: 'uk' });
  await api.setMyCommands(commandMenu(catalogue('uk')), { language_code: 'ru' });
}
