import type { Chat } from '../features/shops/chats.js';
import { findChat } from '../features/shops/chats.js';
import { quietHoursOf } from '../features/chat-settings/chat-settings.js';
import { minuteOfDay, parseClock } from '../platform/time/clock.js';
import { businessDateOf } from '../platform/time/business-time.js';
import { firstRunOfDay } from '../platform/schedules/cron-day.js';
import { bringsPreviousDay } from '../features/reports/summary-date.js';
import type { SettingsScreen } from '../features/chat-settings/messages/settings-callback.js';
import { listCashDesks } from '../features/shops/cash-desks.js';
import { renderSettings, type SettingsView } from '../features/chat-settings/messages/settings.js';
import type { OutgoingMessage } from '../platform/telegram/outgoing.js';
import type { BotContext, BotDeps } from './context.js';
import { sendReply } from './reply.js';
import { WATCHDOG_KINDS } from '../features/watchdog/kinds.js';

/**
 * The forum topic the update came from, or null: a command's topic message, or for a button the
 * topic of the bot's own message it is on (which went there because its command came from it).
 */
export function threadOf(ctx: BotContext): number | null {
  if (ctx.callbackQuery) {
    const own = ctx.callbackQuery.message;
    return own && 'message_thread_id' in own && own.message_thread_id !== undefined ? own.message_thread_id : null;
  }
  const msg = ctx.msg;
  return msg && 'is_topic_message' in msg && msg.is_topic_message && msg.message_thread_id !== undefined ? msg.message_thread_id : null;
}

/** When the shop's own daily summary goes out on the business day of `now` (minutes of the day, local), or null. */
function shopSummaryMinutes(deps: BotDeps): number | null {
  const { businessTz: tz, businessDayStart: dayStart, dailySummaryCron } = deps.config;
  const today = businessDateOf(deps.now?.() ?? new Date(), tz, dayStart);
  const first = firstRunOfDay(dailySummaryCron, today, tz, dayStart);
  return first ? minuteOfDay(first, tz) : null;
}

/** The settings menu of a chat as stored now, on one of its screens (the section list by default). */
export async function settingsMenu(deps: BotDeps, ctx: BotContext, chatId: number, screen: SettingsScreen = 'home'): Promise<OutgoingMessage | undefined> {
  const chat: Chat | undefined = await findChat(deps.db, chatId);
  if (!chat) return undefined;
  const summaryMinutes = chat.summaryTime === null ? null : (parseClock(chat.summaryTime) ?? null);
  const view: SettingsView = {
    muted: chat.muted,
    minSaleKop: chat.minSaleKop,
    onlyReturns: chat.onlyReturns,
    deskFilter: chat.deskFilter,
    quiet: quietHoursOf(chat),
    summaryMinutes,
    summaryPreviousDay: summaryMinutes !== null && bringsPreviousDay(summaryMinutes),
    shopSummaryMinutes: shopSummaryMinutes(deps),
    threadId: chat.messageThreadId,
    desks: await listCashDesks(deps.db, chat.businessId),
    isGroup: chat.type === 'group' || chat.type === 'supergroup',
    hereThreadId: threadOf(ctx),
    watchdogKinds: WATCHDOG_KINDS,
    watchdogOff: chat.watchdogOff,
  };
  return renderSettings(view, ctx.access.t, screen);
}

/** Answers with the chat's settings menu (after a command changed one, it shows the result). */
export async function replyWithSettings(deps: BotDeps, ctx: BotContext, chatId: number): Promise<void> {
  const menu = await settingsMenu(deps, ctx, chatId);
  if (menu) await sendReply(ctx, menu, deps.logger);
}
