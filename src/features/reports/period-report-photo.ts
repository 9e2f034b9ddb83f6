import type { Catalogue } from '../../platform/i18n/catalogue.js';
import type { OutgoingMessage } from '../../platform/telegram/outgoing.js';
import { dailyChartPng, hourlyChartPng } from './charts/sales-charts.js';
import { dailyChartTitle, renderPeriodReportText, type ReportTitle } from './messages/period-report.js';
import type { PeriodReport } from './period-report.js';

/**
 * A period report as it is sent: its text (messages/period-report.ts) with its chart of net revenue
 * as a photo, drawn here: by day, or by hour for a report of one day.
 */
export function renderPeriodReport(r: PeriodReport, t: Catalogue, kind: ReportTitle = r.kind): OutgoingMessage {
  const text = renderPeriodReportText(r, t, kind);
  const chart = r.hourly
    ? hourlyChartPng(
        { date: r.figures.from, hours: r.hourly.hours, weekAgoDate: r.previous.from, weekAgoHours: r.hourly.previousHours, dayStart: r.hourly.dayStart, report: true },
        t,
      )
    : dailyChartPng({ title: dailyChartTitle(r, t), days: r.daily }, t);
  return { ...text, photo: { bytes: chart, filename: `report-${r.figures.from}-${r.figures.to}.png` } };
}
