import type { Api } from 'grammy';
import type { MenuButton } from 'grammy/types';
import type { Database } from '../platform/db/client.js';
import { claimStartWork, finishStartWork, releaseStartWork } from '../platform/schedules/start-claims.js';
import { activePrivateChats } from '../features/shops/chats.js';
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

/** Chats per page of the start-up pass. */
const PAGE = 200;

/**
 * At start: the menu button for every linked private chat, once per Mini App URL across all
 * instances and restarts (a claim row in schedule_runs, job `mini_app_menu`, slot = the URL), so a
 * restart costs one insert. Runs in the background through the bot's API (its limits apply);
 * `stop()` ends it between chats.
 */
export function syncMiniAppMenuButtons(deps: {
  api: Api;
  db: Database;
  publicUrl: string;
  logger: Logger;
  instanceId: string;
}): { done: Promise<number>; stop(): void } {
  let stopped = false;
  const url = miniAppUrl(deps.publicUrl);
  const run = async (): Promise<number> => {
    if (!url) return 0;
    const claim = { job: 'mini_app_menu', slot: url };
    if (!(await claimStartWork(deps.db, { ...claim, claimedBy: deps.instanceId }))) return 0;
    let set = 0;
    let after = 0;
    let failedInARow = 0;
    const release = () => releaseStartWork(deps.db, claim);
    while (!stopped) {
      const page = await activePrivateChats(deps.db, { after, limit: PAGE });
      for (const chat of page) {
        if (stopped) break;
        if (await setMiniAppMenuButton(deps.api, chat.chatId, url, catalogue(pickLang(chat.lang, null)), deps.logger)) {
          set++;
          failedInARow = 0;
        } else if (++failedInARow >= 3) {
          // Telegram is away rather than one chat gone: the next start tries again.
          await release();
          deps.logger.warn({ chats: set }, 'Mini App menu buttons: Telegram refused three chats in a row; the next start tries again');
          return set;
        }
      }
      if (stopped) {
        await release();
        return set;
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.chatId;
    }
    await finishStartWork(deps.db, claim);
    deps.logger.info({ chats: set }, 'Mini App menu buttons set');
    return set;
  };
  const done = run().catch((err: unknown) => {
    deps.logger.warn({ err }, 'could not set the Mini App menu buttons');
    return 0;
  });
  return {
    done,
    stop: () => {
      stopped = true;
    },
  };
}
