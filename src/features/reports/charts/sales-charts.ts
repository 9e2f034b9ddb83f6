import type { Catalogue } from '../../../platform/i18n/catalogue.js';
import { formatMoneyShort, formatMoneyWhole } from '../../../platform/money/format.js';
import { displayDate, displayDayMonth, displayWeekday } from '../../../platform/time/display.js';
import type { DayRevenue } from '../series.js';
import { barChartSvg, type ChartSpec } from './bar-chart.js';
import { shownHours } from './chart-layout.js';
import { svgToPng } from './png.js';

/**
 * The pictures the owner gets: revenue by hour of a day against another day (the daily summary
 * against the same weekday a week before; a one-day report against the day it is compared
 * with), and revenue by day of a period (reports, the weekly digest). The hourly chart shows the
 * hours the shop was open (chart-layout.ts's shownHours), not always 24. PNG bytes.
 */
const TODAY = '#2563eb';
const BEFORE = '#9ca3af';

/** `Fri 27.11`: a day named in a legend or under a bar. */
const weekdayAndDate = (date: string, t: Catalogue) => `${displayWeekday(date, t.locale)} ${displayDayMonth(date)}`;

/** A bar's value: the whole hryvnias, else the short form (`1,2 тис. ₴`), from the one money formatter. */
const barValue = (t: Catalogue) => (kop: number) => [formatMoneyWhole(kop), formatMoneyShort(kop, t.charts)];

export interface HourlyChartInput {
  date: string;
  hours: readonly number[];
  weekAgoDate: string;
  weekAgoHours: readonly number[];
  /** BUSINESS_DAY_START in minutes (0 by default): `hours[0]` is the hour it begins. */
  dayStart?: number;
  /** A one-day report: its own legend and the compared day named as such (else "a week ago"). */
  report?: boolean;
}

export function hourlyChartPng(input: HourlyChartInput, t: Catalogue): Buffer {
  return svgToPng(barChartSvg(hourlyChartSpec(input, t)));
}

/** The hourly chart's drawing: the open hours, labelled by the wall-clock hour each begins. */
export function hourlyChartSpec(input: HourlyChartInput, t: Catalogue): ChartSpec {
  const firstHour = Math.floor((input.dayStart ?? 0) / 60);
  const { first, last } = shownHours([input.hours, input.weekAgoHours], { firstHour });
  const shown = (values: readonly number[]) => values.slice(first, last + 1);
  const day = weekdayAndDate(input.date, t);
  const before = weekdayAndDate(input.weekAgoDate, t);
  return {
    title: t.charts.hourlyTitle(displayDate(input.date)),
    labels: shown(input.hours).map((_, i) => String((firstHour + first + i) % 24)),
    series: [
      { name: input.report ? t.charts.netByHour : day, values: shown(input.hours), style: 'bars', color: TODAY },
      { name: input.report ? t.charts.comparedDay(before) : t.charts.weekAgo(before), values: shown(input.weekAgoHours), style: 'line', color: BEFORE },
    ],
    formatTick: formatMoneyWhole,
    formatValue: barValue(t),
    emptyText: t.charts.noSales,
  };
}

export function dailyChartSpec(input: { title: string; days: readonly DayRevenue[] }, t: Catalogue): ChartSpec {
  const short = input.days.length <= 8;
  return {
    title: input.title,
    labels: input.days.map((d) => (short ? weekdayAndDate(d.date, t) : displayDayMonth(d.date))),
    series: [{ name: t.charts.netByDay, values: input.days.map((d) => d.netKop), style: 'bars', color: TODAY }],
    formatTick: formatMoneyWhole,
    formatValue: barValue(t),
    emptyText: t.charts.noSales,
  };
}

export function dailyChartPng(input: { title: string; days: readonly DayRevenue[] }, t: Catalogue): Buffer {
  return svgToPng(barChartSvg(dailyChartSpec(input, t)));
}
