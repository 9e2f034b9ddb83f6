import type { OutgoingMessage } from '../../../platform/telegram/outgoing.js';
import type { Catalogue } from '../../../platform/i18n/catalogue.js';
import { formatMoney } from '../../../platform/money/format.js';
import { bold, escapeHtml, fitMessage, outgoing, plainMessage } from '../../../platform/telegram/html.js';
import { TEXT_LIMIT, cut } from '../../../platform/telegram/limits.js';

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

/** The cash desks whose drawer is already past the threshold in force for them (0 is off). Pure. */
export function desksPast(view: Pick<ThresholdsView, 'kind' | 'defaultKop' | 'desks'>): ThresholdsView['desks'] {
  return view.desks.filter((d) => {
    const threshold = d.ownKop ?? view.defaultKop;
    if (threshold <= 0 || d.cashInBoxKop === null) return false;
    return view.kind === 'low' ? d.cashInBoxKop < threshold : d.cashInBoxKop > threshold;
  });
}

/** The threshold set, and (given the thresholds as they are now) the cash desks already past it, if any. */
export function renderThresholdSet(kind: ThresholdKind, numFiscal: string | undefined, kop: number, t: Catalogue, now?: ThresholdsView): OutgoingMessage {
  const value = amount(kop, t);
  const said = numFiscal === undefined ? t.thresholds.setAll(kind, value) : t.thresholds.setDesk(kind, cut(numFiscal, 60), value);
  const past = now && kop > 0 ? desksPast(now).filter((d) => numFiscal === undefined || d.numFiscal === numFiscal) : [];
  if (past.length === 0) return plainMessage(said);
  const lines = [escapeHtml(said), '', escapeHtml(t.thresholds.alreadyPast(kind))];
  for (const d of past.slice(0, 50)) lines.push(escapeHtml(`${cut(d.numFiscal, 60)}: ${formatMoney(d.cashInBoxKop!)}`));
  return outgoing(lines.join('\n'));
}

export function renderDeskNotFound(numFiscal: string, known: string[], t: Catalogue): OutgoingMessage {
  const lines = [escapeHtml(t.thresholds.deskNotFound(cut(numFiscal, 60)))];
  if (known.length > 0) lines.push(escapeHtml(`${t.thresholds.knownDesks} ${known.slice(0, 50).map((n) => cut(n, 60)).join(', ')}`));
  else lines.push(escapeHtml(t.thresholds.noDesks));
  return outgoing(lines.join('\n'));
}
