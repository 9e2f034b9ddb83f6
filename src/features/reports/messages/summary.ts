import type { OutgoingMessage } from '../../../platform/telegram/outgoing.js';
import type { Catalogue } from '../../../platform/i18n/catalogue.js';
import type { ProductFigures, SummaryFigures } from '../figures-types.js';
import { formatMoney, formatQuantity } from '../../../platform/money/format.js';
import { bold, escapeHtml, fitMessage, outgoing } from '../../../platform/telegram/html.js';
import { TEXT_LIMIT, cut } from '../../../platform/telegram/limits.js';
import { displayDate, displayWeekday } from '../../../platform/time/display.js';
import { periodSections, withShop } from './today.js';

export const TOP_PRODUCTS = 5;

/** "+12,5 %", "−3 %", or undefined when there is nothing to compare with. */
export function percentChange(nowKop: number, beforeKop: number): string | undefined {
  if (beforeKop === 0) return undefined;
  const pct = Math.round(((nowKop - beforeKop) / Math.abs(beforeKop)) * 1000) / 10;
  const text = Math.abs(pct).toFixed(1).replace(/\.0$/, '').replace('.', ',');
  return `${pct > 0 ? '+' : pct < 0 ? '−' : ''}${text} %`;
}

export function productLine(p: ProductFigures, index: number): string {
  const qty = `${formatQuantity(p.quantityMilli)}${p.unitName ? ` ${cut(p.unitName, 20)}` : ''}`;
  return escapeHtml(`${index + 1}. ${cut(p.name, 120)} — ${qty} · ${formatMoney(p.revenueKop)}`);
}

/**
 * The daily Z summary: the /today figures, the top products by revenue and the net against the
 * same weekday a week before; `shop`: the shop's display name. Pure.
 */
export function renderSummary(f: SummaryFigures, t: Catalogue, shop?: string): OutgoingMessage {
  const { head, body } = periodSections(f, t, withShop(t.summary.title(displayDate(f.from)), shop));
  const tail: string[] = [];
  const top = f.topByRevenue.slice(0, TOP_PRODUCTS);
  if (top.length > 0) tail.push('', bold(t.summary.top), ...top.map(productLine));

  const weekday = displayWeekday(f.weekAgo.from, t.locale);
  const before = f.weekAgo.netKop;
  const change = percentChange(f.netKop, before);
  const compare =
    f.weekAgo.sales.count === 0 && f.weekAgo.returns.count === 0
      ? t.summary.noSalesWeekAgo
      : `${formatMoney(before)}${change ? ` → ${t.summary.change(change)}` : ''}`;
  tail.push('', `${bold(t.summary.weekAgo(displayDate(f.weekAgo.from), weekday))}: ${escapeHtml(compare)}`);

  const { html } = fitMessage({ head, body, tail, limit: TEXT_LIMIT, more: t.sale.more });
  return outgoing(html);
}
