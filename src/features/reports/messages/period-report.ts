import type { OutgoingMessage } from '../../../platform/telegram/outgoing.js';
import type { Catalogue } from '../../../platform/i18n/catalogue.js';
import type { PeriodReport } from '../period-report.js';
import { formatMoney } from '../../../platform/money/format.js';
import { bold, escapeHtml, fitMessage, outgoing } from '../../../platform/telegram/html.js';
import { TEXT_LIMIT } from '../../../platform/telegram/limits.js';
import { displayDate } from '../../../platform/time/display.js';
import { isEmptyPeriod, periodSections } from './today.js';
import { percentChange, productLine, TOP_PRODUCTS } from './summary.js';

/** Which title a report carries: the command or the weekly digest. */
export type ReportTitle = 'week' | 'month' | 'span' | 'digest';

function title(kind: ReportTitle, from: string, to: string, t: Catalogue): string {
  const [a, b] = [displayDate(from), displayDate(to)];
  if (kind === 'week') return t.reports.weekTitle(a, b);
  if (kind === 'month') return t.reports.monthTitle(a, b);
  if (kind === 'digest') return t.reports.digestTitle(a, b);
  return t.reports.spanTitle(a, b);
}

/**
 * A period report as text: the /today figures over the period with each cash desk, the top
 * products by revenue, and the net against the period compared with. Pure; its chart is drawn
 * beside it (features/reports/period-report-photo.ts).
 */
export function renderPeriodReportText(r: PeriodReport, t: Catalogue, kind: ReportTitle = r.kind): OutgoingMessage {
  const f = r.figures;
  const { head, body } = periodSections(f, t, title(kind, f.from, f.to, t));
  const tail: string[] = [];
  const top = r.topByRevenue.slice(0, TOP_PRODUCTS);
  if (top.length > 0) tail.push('', bold(t.reports.top), ...top.map(productLine));

  const p = r.previous;
  const change = percentChange(f.netKop, p.netKop);
  const compare = isEmptyPeriod(p) ? t.reports.noPrevious : `${formatMoney(p.netKop)}${change ? ` → ${t.summary.change(change)}` : ''}`;
  tail.push('', `${bold(t.reports.previous(displayDate(p.from), displayDate(p.to)))}: ${escapeHtml(compare)}`);

  const { html } = fitMessage({ head, body, tail, limit: TEXT_LIMIT, more: t.sale.more });
  return outgoing(html);
}

/** The daily chart's title: the period's first and last day. */
export function dailyChartTitle(r: PeriodReport, t: Catalogue): string {
  return t.reports.chartTitle(displayDate(r.figures.from), displayDate(r.figures.to));
}
