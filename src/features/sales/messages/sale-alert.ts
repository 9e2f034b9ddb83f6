import { z } from 'zod';
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import type { OutgoingMessage } from '../../../platform/telegram/outgoing.js';
import type { Catalogue } from '../../../platform/i18n/catalogue.js';
import { classifyCheck } from '../../../platform/db/check-types.js';
import type { CheckKind } from '../../../platform/db/check-kinds.js';
import { formatMoney, formatQuantity } from '../../../platform/money/format.js';
import { localDateTimeOf } from '../../../platform/time/business-time.js';
import { checkNumber, countedView, type CheckItemView, type CheckPaymentView, type CheckView } from '../check-view.js';
import { bold, escapeHtml, fitMessage, outgoing } from '../../../platform/telegram/html.js';
import { TEXT_LIMIT, cut } from '../../../platform/telegram/limits.js';
import { pdfCallbackData } from '../callback-data.js';

/** Longest piece of check text shown whole (a name, a number); longer ones end in "…". */
const MAX_FIELD = 200;

const KIND_MARK: Record<CheckKind, string> = {
  sale: '🧾',
  return: '↩️',
  service_in: '📥',
  service_out: '📤',
  other: '📄',
};

/**
 * "Продаж", or for a check_type our table does not know by name, the kind with the raw value:
 * "Продаж (PREPAY_SALE_X)", "Чек (WEIRD)".
 */
export function kindLabel(view: Pick<CheckView, 'kind' | 'checkType'>, t: Catalogue): string {
  const raw = view.checkType?.trim();
  const knownByName = raw ? classifyCheck(raw, 0) !== 'other' : false;
  return raw && !knownByName ? `${t.kind[view.kind]} (${cut(raw, 60)})` : t.kind[view.kind];
}

export function kindMark(kind: CheckKind): string {
  return KIND_MARK[kind];
}

const httpUrl = z.url({ protocol: /^https?$/ }).max(2048);

/** The e-receipt link when Telegram will take it as a URL button. */
export function receiptUrl(link: string | null): string | undefined {
  return link && httpUrl.safeParse(link).success ? link : undefined;
}

export function itemBlock(item: CheckItemView, index: number, t: Catalogue): string {
  const quantity = `${formatQuantity(item.amountMilli)}${item.unitName ? ` ${cut(item.unitName, 20)}` : ''}`;
  let line = `${quantity} × ${formatMoney(item.priceKop)} = ${formatMoney(item.costKop)}`;
  if (item.discountKop !== 0) line += ` (${t.sale.discount.toLowerCase()} ${formatMoney(item.discountKop)})`;
  return `${index + 1}. ${escapeHtml(cut(item.name, MAX_FIELD))}\n    ${escapeHtml(line)}`;
}

function paymentLine(payment: CheckPaymentView, t: Catalogue): string {
  const label = payment.isCash ? t.sale.cash : t.sale.cashless;
  let line = `${label}: ${formatMoney(payment.sumKop)}`;
  if (payment.isCash && payment.providedKop !== null && payment.remainsKop !== null && payment.remainsKop !== 0) {
    line += ` (${t.sale.changeGiven(formatMoney(payment.providedKop), formatMoney(payment.remainsKop))})`;
  }
  return escapeHtml(line);
}

export function saleKeyboard(view: Pick<CheckView, 'checkId' | 'link' | 'hasPdf'>, t: Catalogue): InlineKeyboardMarkup | undefined {
  const row: InlineKeyboardButton[] = [];
  const url = receiptUrl(view.link);
  if (url) row.push({ text: t.sale.receiptButton, url });
  if (view.hasPdf) row.push({ text: t.sale.pdfButton, callback_data: pdfCallbackData(view.checkId) });
  return row.length > 0 ? { inline_keyboard: [row] } : undefined;
}

/**
 * The alert for one new check: kind, cash desk, time, number, the items, discounts and rounding
 * when not zero, the total and the payments, with buttons to the e-receipt and the PDF. The item
 * list is shortened to fit one message; the total always stays. `banner`: a line above it all. Pure.
 */
export function renderSaleAlert(sent: CheckView, t: Catalogue, tz: string, options: { banner?: string } = {}): OutgoingMessage {
  const view = countedView(sent);
  const when = localDateTimeOf(view.orderedAt, tz);
  const head = [
    // A line above it all (the test alert of /start's button says it is not a real sale).
    ...(options.banner === undefined ? [] : [bold(options.banner), '']),
    `${kindMark(view.kind)} ${bold(kindLabel(view, t))} · ${escapeHtml(t.sale.cashDesk(cut(view.numFiscal, 60)))}`,
    escapeHtml(
      [when, t.sale.checkNo(cut(checkNumber(view), 80)), ...(view.isOffline ? [t.sale.offline] : [])].join(' · '),
    ),
    '',
  ];
  const body = view.items.map((item, i) => itemBlock(item, i, t));
  if (body.length === 0) head.push(escapeHtml(t.sale.noItems));

  const tail = [''];
  if (view.discountKop !== 0) tail.push(escapeHtml(`${t.sale.discount}: ${formatMoney(view.discountKop)}`));
  if (view.roundKop !== 0) tail.push(escapeHtml(`${t.sale.rounding}: ${formatMoney(view.roundKop)}`));
  tail.push(bold(`${t.sale.total}: ${formatMoney(view.totalKop)}`));
  for (const p of view.payments) tail.push(paymentLine(p, t));

  const { html } = fitMessage({ head, body, tail, limit: TEXT_LIMIT, more: t.sale.more });
  const replyMarkup = saleKeyboard(view, t);
  return outgoing(html, replyMarkup ? { replyMarkup } : {});
}
