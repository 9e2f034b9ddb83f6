import { axisRange, placeBarLabel, shownHours } from '../../src/features/reports/charts/chart-layout.js';
import { formatAmount, formatMoneyShort, formatMoneyWhole, hourLabels } from './format.js';

/** The value labels' font (SVG units): `.chart .value` in styles.css; a digit is about 0.56 em wide. */
const VALUE_FONT = 9;
const VALUE_CHAR_WIDTH = VALUE_FONT * 0.58;

/** Thousands and millions in the reader's language (the catalogue's `charts`). */
export interface MoneyUnits {
  thousand: string;
  million: string;
}

/**
 * A small SVG bar chart (no chart library): bars for the period, lighter bars behind them for the
 * period it is compared with. Values in kopecks; colours from the theme's CSS variables. Negative
 * values go below the base line, the axis below it capped as in the bot's charts (axisRange): a
 * bar beyond is cut at the bottom. A bar carries its value where there is room (placeBarLabel, as
 * the bot's charts do): the whole amount, else a short one, else none.
 */
export function BarChart(props: {
  values: number[];
  compare?: number[];
  labels: string[];
  /** Show every n-th label (the rest stay blank so they do not overlap on a phone). */
  labelEvery?: number;
  title: string;
  compareLabel?: string;
  valuesLabel?: string;
  units: MoneyUnits;
}) {
  const { values, compare = [], labels } = props;
  const width = 340;
  const height = 160;
  const left = 4;
  const right = 4;
  const top = 18;
  const bottom = 20;
  const n = Math.max(values.length, 1);
  const range = axisRange([...values, ...compare]);
  const max = Math.max(1, range.hi);
  const min = range.lo;
  const step = (width - left - right) / n;
  const barW = Math.max(2, step * 0.56);
  const y = (v: number) => top + ((height - top - bottom) * (max - Math.min(max, Math.max(min, v)))) / (max - min);
  const base = y(0);
  const bar = (v: number) => ({ y: Math.min(y(v), base), h: Math.abs(y(v) - base) });
  const every = props.labelEvery ?? Math.ceil(n / 8);
  const valueLabel = (v: number, i: number) => {
    if (v === 0) return null;
    const { y: barY, h } = bar(v);
    const cut = v < min;
    // Room between the bar's end and the plot's edge it points to (the axis' max line above, the bottom below).
    const room = v > 0 ? barY - 2 : height - bottom - (barY + h);
    const place = placeBarLabel([formatMoneyWhole(v), formatMoneyShort(v, props.units)], { width: step - 1, length: h, room, clipped: cut }, { charWidth: VALUE_CHAR_WIDTH, lineHeight: VALUE_FONT + 2 });
    if (place.at === 'none') return null;
    const cx = left + i * step + step / 2;
    const end = v > 0 ? barY : barY + h;
    const towards = (v > 0) === (place.at === 'outside') ? -1 : 1;
    const along = place.rotated ? place.text.length * VALUE_CHAR_WIDTH : VALUE_FONT;
    const cy = end + towards * (3 + along / 2);
    return (
      <text
        x={cx}
        y={cy}
        class={`value${place.at === 'inside' ? ' inside' : ''}`}
        text-anchor="middle"
        dominant-baseline="central"
        transform={place.rotated ? `rotate(-90 ${cx} ${cy})` : undefined}
        data-testid="bar-value"
      >
        {place.text}
      </text>
    );
  };
  return (
    <figure class="chart">
      <figcaption>
        <span>{props.title}</span>
        {compare.length > 0 && props.compareLabel && (
          <span class="legend">
            <i class="swatch now" /> {props.valuesLabel}
            <i class="swatch before" /> {props.compareLabel}
          </span>
        )}
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.title}>
        <text x={left} y={11} class="axis">
          {formatAmount(max).replace(/,\d\d$/, '')} ₴
        </text>
        <line x1={left} x2={width - right} y1={top} y2={top} class="grid" />
        <line x1={left} x2={width - right} y1={(top + base) / 2} y2={(top + base) / 2} class="grid" />
        {min < 0 && <line x1={left} x2={width - right} y1={height - bottom} y2={height - bottom} class="grid" />}
        <line x1={left} x2={width - right} y1={base} y2={base} class="base" />
        {compare.map((v, i) => {
          const w = Math.min(step - 1, barW * 1.35);
          return v !== 0 ? <rect x={left + i * step + (step - w) / 2} y={bar(v).y} width={w} height={bar(v).h} rx={Math.min(3, w / 3)} class="before" /> : null;
        })}
        {values.map((v, i) => {
          const { y: barY, h } = bar(v);
          return (
            <rect x={left + i * step + (step - barW) / 2} y={v < 0 ? barY : Math.min(barY, base - 1.5)} width={barW} height={v === 0 ? 0 : Math.max(h, 1.5)} rx={Math.min(3, barW / 3)} class="bar">
              <title>{`${labels[i] ?? ''}: ${formatAmount(v)} ₴`}</title>
            </rect>
          );
        })}
        {values.map(valueLabel)}
        {labels.map((label, i) =>
          i % every === 0 ? (
            <text x={left + i * step + step / 2} y={height - 5} class="axis" text-anchor="middle">
              {label}
            </text>
          ) : null,
        )}
      </svg>
    </figure>
  );
}

/**
 * One business day by hour: the hours the shop was open (shownHours, as the bot's chart shows
 * them), not always 24; `values` and `compare` are 24 hours from the business day's start.
 */
export function HourlyChart(props: {
  values: number[];
  compare: number[];
  dayStartMinutes: number;
  title: string;
  valuesLabel: string;
  compareLabel: string;
  units: MoneyUnits;
}) {
  const open = shownHours([props.values, props.compare], { firstHour: Math.floor(props.dayStartMinutes / 60) });
  const shown = <T,>(list: T[]) => list.slice(open.first, open.last + 1);
  const labels = shown(hourLabels(props.values.length, props.dayStartMinutes));
  return (
    <BarChart
      title={props.title}
      values={shown(props.values)}
      compare={shown(props.compare)}
      labels={labels}
      labelEvery={labels.length > 12 ? 3 : 2}
      valuesLabel={props.valuesLabel}
      compareLabel={props.compareLabel}
      units={props.units}
    />
  );
}
