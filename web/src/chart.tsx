import { axisRange } from '../../src/features/reports/charts/chart-layout.js';
import { formatAmount } from './format.js';

/**
 * A small SVG bar chart (no chart library): bars for the period, a dashed step line for the
 * period it is compared with. Values in kopecks; colours from the theme's CSS variables. Negative
 * values go below the base line, the axis below it capped as in the bot's charts (axisRange): a
 * bar beyond is cut at the bottom.
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
}) {
  const { values, compare = [], labels } = props;
  const width = 340;
  const height = 150;
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
