import type { Api } from 'grammy';
import type { MenuButton } from 'grammy/types';
import { runPrivateChatPass, type PrivateChatPass, type PrivateChatPassDeps } from './private-chat-pass.js';
import type { Logger } from '../platform/observability/logger.js';
import type { Catalogue } from '../platform/i18n/catalogue.js';
import { catalogue, pickLang } from '../platform/i18n/lang.js';

/**
 * The Mini App's doors in Telegram: its URL (PUBLIC_URL/app/), and the menu button of each
 * linked private chat (setChatMenuButton with a web_app button). Telegram opens a Mini App only
 * from an https:// URL, so nothing here offers one otherwise.
 */
export function miniAppUrl(publicUrl: string): string | undefined {
  return /^https:\/\//i.test(publicUrl) ? `${publicUrl.replace(/\/+$/, '')}/app/` : undefined;
}

function miniAppMenuButton(url: string, t: Catalogue): MenuButton {
  return { type: 'web_app', text: t.miniApp.button, web_app: { url } };
}

/** Sets one private chat's menu button to the Mini App; failures are logged, never thrown. */
export async function setMiniAppMenuButton(api: Api, chatId: number, url: string, t: Catalogue, logger: Logger): Promise<boolean> {
  try {
    await api.setChatMenuButton({ chat_id: chatId, menu_button: miniAppMenuButton(url, t) });
    return true;
  } catch (err) {
    logger.warn({ err, chatId }, 'could not set the Mini App menu button');
    return false;
  }
}

/**
 * At start: the menu button for every linked private chat, once per Mini App URL across all
 * instances and restarts (job `mini_app_menu`, slot = the URL; private-chat-pass.ts), paced, in
 * the background; `stop()` ends it between chats.
 */
export function syncMiniAppMenuButtons(deps: PrivateChatPassDeps & { api: Api; publicUrl: string }): PrivateChatPass {
  const url = miniAppUrl(deps.publicUrl);
  if (!url) return { done: Promise.resolve(0), stop: () => {} };
  return runPrivateChatPass(deps, { job: 'mini_app_menu', slot: url }, 'Mini App menu buttons', async (chat, call) => {
    const t = catalogue(pickLang(chat.lang, null));
    try {
      return await call(() => deps.api.setChatMenuButton({ chat_id: chat.chatId, menu_button: miniAppMenuButton(url, t) }));
    } catch (err) {
      deps.logger.warn({ err, chatId: chat.chatId }, 'could not set the Mini App menu button');
      return false;
    }
  });
}
