import type { OutgoingMessage } from '../../../platform/telegram/outgoing.js';
import type { Catalogue } from '../../../platform/i18n/catalogue.js';
import type { CashDeskFigures, KindTotals, PeriodFigures } from '../figures-types.js';
import { formatMoney } from '../../../platform/money/format.js';
import { bold, escapeHtml, fitMessage, outgoing } from '../../../platform/telegram/html.js';
import { TEXT_LIMIT, cut } from '../../../platform/telegram/limits.js';
import { displayDate } from '../../../platform/time/display.js';

const totals = (label: string, k: KindTotals, t: Catalogue) => `${label}: ${t.today.count(k.count)} · ${formatMoney(k.sumKop)}`;

/** The lines of a period's totals, shared by /today and the daily summary. */
export function figureLines(f: PeriodFigures, t: Catalogue): string[] {
  const lines = [escapeHtml(totals(t.today.sales, f.sales, t))];
  if (f.returns.count > 0) lines.push(escapeHtml(totals(t.today.returns, f.returns, t)));
  lines.push(bold(`${t.today.net}: ${formatMoney(f.netKop)}`));
  lines.push(escapeHtml(`${t.today.cash}: ${formatMoney(f.cashKop)} · ${t.today.cashless}: ${formatMoney(f.cashlessKop)}`));
  if (f.sales.count > 0) lines.push(escapeHtml(`${t.today.average}: ${formatMoney(f.averageCheckKop)}`));
  if (f.serviceIn.count > 0) lines.push(escapeHtml(totals(t.today.serviceIn, f.serviceIn, t)));
  if (f.serviceOut.count > 0) lines.push(escapeHtml(totals(t.today.serviceOut, f.serviceOut, t)));
  return lines;
}

/** "Каса 50037129: 5 чеків · 1 234,50 ₴ · у шухляді 1 530,40 ₴". */
function cashDeskLine(d: CashDeskFigures, t: Catalogue): string {
  const parts = [`${t.today.desk(cut(d.numFiscal, 60))}: ${t.today.count(d.sales.count)} · ${formatMoney(d.sales.sumKop)}`];
  if (d.returns.count > 0) parts.push(`${t.today.returns.toLowerCase()} ${formatMoney(d.returns.sumKop)}`);
  parts.push(d.cashInBoxKop === null ? t.today.drawerUnknown : `${t.today.drawer} ${formatMoney(d.cashInBoxKop)}`);
  return escapeHtml(parts.join(' · '));
}

export function isEmptyPeriod(f: PeriodFigures): boolean {
  return f.sales.count + f.returns.count + f.serviceIn.count + f.serviceOut.count === 0;
}

/** Head, body (cash desks) and tail of a figures message, for fitMessage. */
export function periodSections(f: PeriodFigures, t: Catalogue, title: string): { head: string[]; body: string[] } {
  const head = [`📊 ${bold(title)}`, ''];
  if (isEmptyPeriod(f)) head.push(escapeHtml(t.today.empty));
  else head.push(...figureLines(f, t));
  const body = f.cashDesks.map((d) => cashDeskLine(d, t));
  if (body.length > 0) head.push('', bold(t.today.cashDesks));
  return { head, body };
}

/** A message's header with the shop's display name (features/shops/shop-name.ts) before it. */
export function withShop(title: string, shop: string | undefined): string {
  return shop === undefined ? title : `${shop} · ${title}`;
}

/** /today: the day's totals and each cash desk with its drawer; `shop`: the shop's display name. Pure. */
export function renderToday(f: PeriodFigures, t: Catalogue, shop?: string): OutgoingMessage {
  const { head, body } = periodSections(f, t, withShop(t.today.title(displayDate(f.from)), shop));
  const { html } = fitMessage({ head, body, tail: [], limit: TEXT_LIMIT, more: t.sale.more });
  return outgoing(html);
}
