import type { Catalogue } from '../../../platform/i18n/catalogue.js';
import { formatMoney } from '../../../platform/money/format.js';
import { localDateTimeOf } from '../../../platform/time/business-time.js';
import type { OutgoingMessage } from '../../../platform/telegram/outgoing.js';
import { bold, escapeHtml, fitMessage, outgoing } from '../../../platform/telegram/html.js';
import { TEXT_LIMIT, cut } from '../../../platform/telegram/limits.js';
import { checkNumber, countedView, itemBlock, saleKeyboard, type CheckView } from '../../sales/index.js';
import { discountShareBp } from '../watchdog.js';
import type { DrawerMismatchPayload, LargeDiscountPayload, LargeReturnPayload, ServiceOutPayload } from '../jobs.js';

/**
 * The watchdog's messages (src/features/watchdog/watchdog.ts decides them): one pure renderer per kind,
 * each a short message with the figures that triggered it and the buttons of the check concerned
 * (the sale alert's: e-receipt and PDF; for an offline episode, its last check's).
 */

const desk = (numFiscal: string) => cut(numFiscal, 60);

/** "30" or "30,5" (uk) / "30.5" (en) from basis points, rounded down to a tenth. */
export function formatPercent(bp: number, t: Pick<Catalogue, 'lang'>): string {
  const tenths = Math.floor(bp / 10);
  const text = tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1);
  return t.lang === 'uk' ? text.replace('.', ',') : text;
}

function checkLine(view: CheckView, t: Catalogue, tz: string): string {
  return escapeHtml(t.watchdog.checkLine(localDateTimeOf(view.orderedAt, tz), cut(checkNumber(view), 80)));
}

function withButtons(html: string, view: Pick<CheckView, 'checkId' | 'link' | 'hasPdf'>, t: Catalogue): OutgoingMessage {
  const replyMarkup = saleKeyboard(view, t);
  return outgoing(html, replyMarkup ? { replyMarkup } : {});
}

/** A large return: its amount against the threshold and/or the day's share, its items, its check number. */
export function renderLargeReturn(sent: CheckView, payload: LargeReturnPayload, t: Catalogue, tz: string): OutgoingMessage {
  const w = t.watchdog;
  const view = countedView(sent);
  const amount = w.returnAmount(formatMoney(view.totalKop));
  const head = [
    `↩️ ${bold(w.largeReturn(desk(view.numFiscal)))}`,
    checkLine(view, t, tz),
    '',
    bold(payload.thresholdKop !== null ? `${amount} (${w.overThreshold(formatMoney(payload.thresholdKop))})` : amount),
  ];
  if (payload.share) {
    const { salesKop, returnsKop } = payload.share;
    const bp = salesKop > 0 ? Math.floor((returnsKop * 10_000) / salesKop) : 10_000;
    head.push(escapeHtml(w.returnShare(formatPercent(bp, t), formatMoney(returnsKop), formatMoney(salesKop))));
  }
  head.push('');
  const body = view.items.map((item, i) => itemBlock(item, i, t));
  const { html } = fitMessage({ head, body, tail: [], limit: TEXT_LIMIT, more: t.sale.more });
  return withButtons(html, view, t);
}

/** A large discount: how much, what share of the price before it, the threshold, the total. */
export function renderLargeDiscount(view: CheckView, payload: LargeDiscountPayload, t: Catalogue, tz: string): OutgoingMessage {
  const w = t.watchdog;
  const discount = Math.abs(view.discountKop);
  const before = Math.abs(view.totalKop) + discount;
  const bp = discountShareBp(view);
  const lines = [
    `🏷 ${bold(w.largeDiscount(desk(view.numFiscal)))}`,
    checkLine(view, t, tz),
    '',
    bold(w.discountLine(formatMoney(discount), formatPercent(bp, t), formatMoney(before))),
    escapeHtml(w.discountThreshold(String(payload.thresholdPct))),
    escapeHtml(`${w.total}: ${formatMoney(view.totalKop)}`),
  ];
  return withButtons(lines.join('\n'), view, t);
}

/** A cash withdrawal: how much, and what is left in the drawer. */
export function renderServiceOut(view: CheckView, payload: ServiceOutPayload, t: Catalogue, tz: string): OutgoingMessage {
  const w = t.watchdog;
  const lines = [`📤 ${bold(w.serviceOut(desk(view.numFiscal)))}`, checkLine(view, t, tz), '', bold(`${w.withdrawn}: ${formatMoney(Math.abs(view.totalKop))}`)];
  if (payload.cashInBoxKop !== null) lines.push(escapeHtml(`${w.drawerAfter}: ${formatMoney(payload.cashInBoxKop)}`));
  if (payload.thresholdKop > 0) lines.push(escapeHtml(`${t.cash.threshold}: ${formatMoney(payload.thresholdKop)}`));
  return withButtons(lines.join('\n'), view, t);
}

const signed = (kop: number) => (kop > 0 ? `+${formatMoney(kop)}` : formatMoney(kop));

/** A drawer that does not add up: expected (the figure before plus the check's cash), found, the difference. */
export function renderDrawerMismatch(view: CheckView, payload: DrawerMismatchPayload, t: Catalogue, tz: string): OutgoingMessage {
  const w = t.watchdog;
  const lines = [
    `🧮 ${bold(w.drawerMismatch(desk(view.numFiscal)))}`,
    checkLine(view, t, tz),
    '',
    escapeHtml(w.expected(formatMoney(payload.expectedKop), formatMoney(payload.previousKop), signed(payload.movementKop))),
    escapeHtml(`${w.found}: ${formatMoney(payload.foundKop)}`),
    bold(`${w.difference}: ${signed(payload.differenceKop)}`),
    escapeHtml(w.mismatchHint),
  ];
  return withButtons(lines.join('\n'), view, t);
}

/** An offline episode as stored when its message goes out. */
export interface OfflineEpisodeView {
  numFiscal: string;
  /** The first and last offline check's own time. */
  firstAt: Date;
  lastAt: Date;
  count: number;
  /** Sales minus returns. */
  totalKop: number;
  /** The last offline check (its buttons). */
  last: Pick<CheckView, 'checkId' | 'link' | 'hasPdf'>;
}

/** A till that was offline: from when to when, how many checks, their total. */
export function renderTillOffline(view: OfflineEpisodeView, t: Catalogue, tz: string): OutgoingMessage {
  const w = t.watchdog;
  const lines = [
    `📡 ${bold(w.tillOffline(desk(view.numFiscal)))}`,
    escapeHtml(w.offlineSpan(localDateTimeOf(view.firstAt, tz), localDateTimeOf(view.lastAt, tz))),
    bold(w.offlineChecks(view.count, formatMoney(view.totalKop))),
    escapeHtml(w.offlineHint),
  ];
  return withButtons(lines.join('\n'), view.last, t);
}
