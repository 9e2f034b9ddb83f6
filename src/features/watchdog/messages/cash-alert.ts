import type { OutgoingMessage } from '../../../platform/telegram/outgoing.js';
import type { Catalogue } from '../../../platform/i18n/catalogue.js';
import { formatMoney } from '../../../platform/money/format.js';
import { bold, escapeHtml, outgoing } from '../../../platform/telegram/html.js';
import { cut } from '../../../platform/telegram/limits.js';

export interface CashAlertView {
  kind: 'low_cash' | 'high_cash';
  numFiscal: string;
  cashKop: number;
  /** The threshold in force now; 0 (off) is not shown. */
  thresholdKop: number;
}

/** "Мало готівки в касі 50037129 / У шухляді: 80,10 ₴ / Поріг: 100,00 ₴". Pure. */
export function renderCashAlert(view: CashAlertView, t: Catalogue): OutgoingMessage {
  const desk = cut(view.numFiscal, 60);
  const lines =
    view.kind === 'low_cash' ? [`⚠️ ${bold(t.cash.low(desk))}`] : [`💰 ${bold(t.cash.high(desk))}`];
  lines.push(escapeHtml(`${t.cash.inDrawer}: ${formatMoney(view.cashKop)}`));
  if (view.thresholdKop > 0) lines.push(escapeHtml(`${t.cash.threshold}: ${formatMoney(view.thresholdKop)}`));
  if (view.kind === 'high_cash') lines.push(escapeHtml(t.cash.highHint));
  return outgoing(lines.join('\n'));
}
