import { DateTime } from 'luxon';
import type { Catalogue } from '../i18n/catalogue.js';
import { formatMoney } from '../money/format.js';
import type { DayRevenue } from '../reports/series.js';
import { barChartSvg, type ChartSpec } from './bar-chart.js';
import { svgToPng } from './png.js';

/**
 * The pictures the owner gets: revenue by hour of a day against the same weekday a week before
 * (the daily summary), and revenue by day of a period (reports, the weekly digest). PNG bytes.
 */
const TODAY = '#2563eb';
const BEFORE = '#9ca3af';

/** Axis ticks are whole hryvnias: the one money formatter without the kopecks. */
const tick = (kop: number) => formatMoney(kop).replace(/,00 ₴$/, ' ₴');

const display = (date: string, format: string, t: Catalogue) => DateTime.fromISO(date, { zone: 'UTC' }).setLocale(t.locale).toFormat(format);

export interface HourlyChartInput {
  date: string;
  hours: readonly number[];
  weekAgoDate: string;
  weekAgoHours: readonly number[];
  /** BUSINESS_DAY_START in minutes (0 by default): `hours[0]` is the hour it begins. */
  dayStart?: number;
}

export function hourlyChartPng(input: HourlyChartInput, t: Catalogue): Buffer {
  return svgToPng(barChartSvg(hourlyChartSpec(input, t)));
}

/** The hourly chart's drawing: its bars are labelled from the business day's first hour. */
export function hourlyChartSpec(input: HourlyChartInput, t: Catalogue): ChartSpec {
  const firstHour = Math.floor((input.dayStart ?? 0) / 60);
  return {
    title: t.charts.hourlyTitle(display(input.date, 'dd.MM.yyyy', t)),
    labels: input.hours.map((_, h) => String((firstHour + h) % 24)),
    series: [
      { name: display(input.date, 'ccc dd.MM', t), values: input.hours, style: 'bars', color: TODAY },
      { name: t.charts.weekAgo(display(input.weekAgoDate, 'ccc dd.MM', t)), values: input.weekAgoHours, style: 'line', color: BEFORE },
    ],
    formatTick: tick,
    emptyText: t.charts.noSales,
  };
}

export function dailyChartPng(input: { title: string; days: readonly DayRevenue[] }, t: Catalogue): Buffer {
  const short = input.days.length <= 8;
  return svgToPng(
    barChartSvg({
      title: input.title,
      labels: input.days.map((d) => display(d.date, short ? 'ccc dd.MM' : 'dd.MM', t)),
      series: [{ name: t.charts.netByDay, values: input.days.map((d) => d.netKop), style: 'bars', color: TODAY }],
      formatTick: tick,
      emptyText: t.charts.noSales,
    }),
  );
}
