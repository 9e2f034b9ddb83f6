import type { OutgoingMessage } from '../telegram/outgoing.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { formatMoney } from '../money/format.js';
import { bold, escapeHtml, fitMessage, outgoing, plainMessage } from './html.js';
import { TEXT_LIMIT, cut } from '../telegram/limits.js';

export type ThresholdKind = 'low' | 'high';

export interface ThresholdsView {
  kind: ThresholdKind;
  defaultKop: number;
  desks: Array<{ numFiscal: string; ownKop: number | null; cashInBoxKop: number | null }>;
}

const amount = (kop: number, t: Catalogue) => (kop > 0 ? formatMoney(kop) : t.common.off);

/** `/lowcash` alone: the threshold for all cash desks and each desk's own, with its drawer. Pure. */
export function renderThresholds(view: ThresholdsView, t: Catalogue, usage: string): OutgoingMessage {
  const head = [
    bold(view.kind === 'low' ? t.thresholds.lowTitle : t.thresholds.highTitle),
    escapeHtml(`${t.thresholds.allDesks}: ${amount(view.defaultKop, t)}`),
    '',
  ];
  if (view.desks.length === 0) head.push(escapeHtml(t.thresholds.noDesks));
  const body = view.desks.map((d) => {
    const value = d.ownKop === null ? `${amount(view.defaultKop, t)} (${t.thresholds.byDefault})` : amount(d.ownKop, t);
    const drawer = d.cashInBoxKop === null ? '' : ` · ${t.thresholds.now} ${formatMoney(d.cashInBoxKop)}`;
    return escapeHtml(`${cut(d.numFiscal, 60)}: ${value}${drawer}`);
  });
  const tail = ['', escapeHtml(t.common.usage(usage))];
  return outgoing(fitMessage({ head, body, tail, limit: TEXT_LIMIT, more: t.sale.more }).html);
}

export function renderThresholdSet(kind: ThresholdKind, numFiscal: string | undefined, kop: number, t: Catalogue): OutgoingMessage {
  const value = amount(kop, t);
  return plainMessage(numFiscal === undefined ? t.thresholds.setAll(kind, value) : t.thresholds.setDesk(kind, cut(numFiscal, 60), value));
}

export function renderDeskNotFound(numFiscal: string, known: string[], t: Catalogue): OutgoingMessage {
  const lines = [escapeHtml(t.thresholds.deskNotFound(cut(numFiscal, 60)))];
  if (known.length > 0) lines.push(escapeHtml(`${t.thresholds.knownDesks} ${known.slice(0, 50).map((n) => cut(n, 60)).join(', ')}`));
  else lines.push(escapeHtml(t.thresholds.noDesks));
  return outgoing(lines.join('\n'));
}
