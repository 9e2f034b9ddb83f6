/** The bot's chat in Telegram (https://t.me/<bot>): invites, and the Mini App's "not linked" button. No imports, so the web client may take it. */
export const botChatLink = (botUsername: string): string => `https://t.me/${botUsername}`;
