import type { Catalogue } from '../../../platform/i18n/catalogue.js';
import { formatMoney } from '../../../platform/money/format.js';
import { localTimeOf } from '../../../platform/time/business-time.js';
import type { OutgoingMessage } from '../../../platform/telegram/outgoing.js';
import { bold, escapeHtml, outgoing } from '../../../platform/telegram/html.js';
import { cut } from '../../../platform/telegram/limits.js';
import { checkNumber } from '../../sales/index.js';
import { formatPercent } from './watchdog.js';
import { discountShareBp } from '../watchdog.js';

/** The answer to /returnalert, /discountalert, /withdrawalert: the threshold and today's checks past it. */
export interface WatchdogThresholdView {
  which: 'returnKop' | 'discountPct' | 'withdrawKop';
  /** null: off. */
  value: number | null;
  /** Today's checks past it, newest first (at most 20 are shown). */
  past: ReadonlyArray<{ numFiscal: string; orderNum: string | null; localNumber: number | null; uuid: string; orderedAt: Date; totalKop: number; discountKop: number }>;
  /** The command set it (else it only shows it). */
  changed: boolean;
  usage: string;
}

const SHOWN = 10;

/** Pure. */
export function renderWatchdogThreshold(view: WatchdogThresholdView, t: Catalogue, tz: string): OutgoingMessage {
  const w = t.watchdog;
  const title = view.which === 'returnKop' ? w.returnTitle : view.which === 'discountPct' ? w.discountTitle : w.withdrawTitle;
  const value =
    view.value === null
      ? t.common.off
      : view.which === 'discountPct'
        ? `${view.value} %`
        : view.which === 'withdrawKop' && view.value === 0
          ? w.everyWithdrawal
          : formatMoney(view.value);
  const lines = [view.changed ? escapeHtml(w.set(title, value)) : `${bold(title)}: ${escapeHtml(value)}`];
  if (view.which === 'returnKop') lines.push(escapeHtml(w.shareRule));
  if (view.value !== null) {
    lines.push('', escapeHtml(view.past.length > 0 ? w.pastToday : w.nonePastToday));
    for (const c of view.past.slice(0, SHOWN)) {
      const figure =
        view.which === 'discountPct'
          ? `${formatMoney(Math.abs(c.discountKop))} (${formatPercent(discountShareBp(c), t)} %)`
          : formatMoney(Math.abs(c.totalKop));
      lines.push(escapeHtml(`${localTimeOf(c.orderedAt, tz)} · ${cut(c.numFiscal, 60)} · № ${cut(checkNumber(c), 80)} · ${figure}`));
    }
    if (view.past.length > SHOWN) lines.push(escapeHtml(w.pastMore(view.past.length - SHOWN)));
  }
  if (!view.changed) lines.push('', escapeHtml(t.common.usage(view.usage)));
  return outgoing(lines.join('\n'));
}
