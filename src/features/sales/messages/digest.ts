import type { OutgoingMessage } from '../../../platform/telegram/outgoing.js';
import type { Catalogue } from '../../../platform/i18n/catalogue.js';
import { formatMoney } from '../../../platform/money/format.js';
import { localTimeOf } from '../../../platform/time/business-time.js';
import { checkNumber, countedView, type CheckView } from '../check-view.js';
import { bold, escapeHtml, fitMessage, outgoing } from '../../../platform/telegram/html.js';
import { TEXT_LIMIT, cut } from '../../../platform/telegram/limits.js';
import { kindLabel, kindMark } from './sale-alert.js';

/** One short line per check: "🧾 10:15 · Продаж · № DEV_… · 148,60 ₴ · Готівка". */
function digestLine(view: CheckView, t: Catalogue, tz: string): string {
  const paidBy = [
    ...(view.payments.some((p) => p.isCash) ? [t.sale.cash] : []),
    ...(view.payments.some((p) => !p.isCash) ? [t.sale.cashless] : []),
  ].join(' + ');
  const parts = [localTimeOf(view.orderedAt, tz), kindLabel(view, t), `№ ${cut(checkNumber(view), 40)}`, formatMoney(view.totalKop)];
  if (paidBy) parts.push(paidBy);
  return `${kindMark(view.kind)} ${escapeHtml(parts.join(' · '))}`;
}

/**
 * Several sale alerts of one chat merged into one message (when a chat's queue backs up):
 * "5 нових чеків", a line per check, and the sums of sales and returns. Pure.
 */
export function renderDigest(sent: CheckView[], t: Catalogue, tz: string): OutgoingMessage {
  const views = sent.map(countedView);
  const sales = views.filter((v) => v.kind === 'sale');
  const returns = views.filter((v) => v.kind === 'return');
  const sum = (vs: CheckView[]) => vs.reduce((s, v) => s + v.totalKop, 0);
  const tail = [''];
  tail.push(bold(`${t.digest.salesTotal}: ${formatMoney(sum(sales))}`));
  if (returns.length > 0) tail.push(escapeHtml(`${t.digest.returnsTotal}: ${formatMoney(sum(returns))}`));
  const { html } = fitMessage({
    head: [bold(t.digest.title(views.length)), ''],
    body: views.map((v) => digestLine(v, t, tz)),
    tail,
    limit: TEXT_LIMIT,
    more: t.sale.more,
  });
  return outgoing(html);
}
