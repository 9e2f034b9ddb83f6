import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import type { DeskQuietPayload, DeskSellingAgainPayload } from '../jobs.js';
import type { Catalogue } from '../../../platform/i18n/catalogue.js';
import type { OutgoingMessage } from '../../../platform/telegram/outgoing.js';
import { bold, escapeHtml, outgoing } from '../../../platform/telegram/html.js';
import { cut } from '../../../platform/telegram/limits.js';
import { pdfCallbackData, receiptUrl } from '../../sales/index.js';
import { localDateOf, localDateTimeOf, localTimeOf } from '../../../platform/time/business-time.js';

/**
 * The watchdog's "a cash desk went quiet" and "selling again" messages, with the buttons of the
 * check concerned (the desk's last check; the first one after the silence): the same e-receipt
 * link and PDF callback as the sale alert's. Pure.
 *
 *   🔕 Каса 50037129 мовчить
 *   Останній чек: 01.12.2026 14:05. Вже 1 год 12 хв без чеків.
 *   Зазвичай о цій порі перерва не довша за 40 хв.
 *   [ Чек онлайн ]  [ PDF ]
 */

/** What the buttons need of the check, when it is still there. */
export interface ButtonCheck {
  checkId: number;
  link: string | null;
  hasPdf: boolean;
}

function checkButtons(check: ButtonCheck | null, t: Catalogue): { replyMarkup?: InlineKeyboardMarkup } {
  if (!check) return {};
  const row: InlineKeyboardButton[] = [];
  const url = receiptUrl(check.link);
  if (url) row.push({ text: t.sale.receiptButton, url });
  if (check.hasPdf) row.push({ text: t.sale.pdfButton, callback_data: pdfCallbackData(check.checkId) });
  return row.length > 0 ? { replyMarkup: { inline_keyboard: [row] } } : {};
}

const minutesBetween = (from: string, to: string): number =>
  Math.max(0, Math.floor((new Date(to).getTime() - new Date(from).getTime()) / 60_000));

export function renderDeskQuiet(payload: DeskQuietPayload, check: ButtonCheck | null, t: Catalogue, tz: string): OutgoingMessage {
  const lines = [
    `🔕 ${bold(t.deskQuiet.title(cut(payload.numFiscal, 60)))}`,
    escapeHtml(
      t.deskQuiet.lastCheck(
        localDateTimeOf(new Date(payload.lastCheckAt), tz),
        t.deskQuiet.duration(minutesBetween(payload.lastCheckAt, payload.detectedAt)),
      ),
    ),
    escapeHtml(t.deskQuiet.usual(t.deskQuiet.duration(payload.limitMinutes))),
  ];
  return outgoing(lines.join('\n'), checkButtons(check, t));
}

export function renderDeskSellingAgain(payload: DeskSellingAgainPayload, check: ButtonCheck | null, t: Catalogue, tz: string): OutgoingMessage {
  const from = new Date(payload.lastCheckAt);
  const to = new Date(payload.resumedAt);
  const sameDay = localDateOf(from, tz) === localDateOf(to, tz);
  const lines = [
    `✅ ${bold(t.deskQuiet.sellingAgainTitle(cut(payload.numFiscal, 60)))}`,
    escapeHtml(
      t.deskQuiet.pause(
        t.deskQuiet.duration(minutesBetween(payload.lastCheckAt, payload.resumedAt)),
        localDateTimeOf(from, tz),
        sameDay ? localTimeOf(to, tz) : localDateTimeOf(to, tz),
      ),
    ),
  ];
  return outgoing(lines.join('\n'), checkButtons(check, t));
}
