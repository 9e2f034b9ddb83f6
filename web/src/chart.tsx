import { formatAmount } from './format.js';

/**
 * A small SVG bar chart (no chart library): bars for the period, a dashed step line for the
 * period it is compared with. Values in kopecks; colours from the theme's CSS variables.
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
  const max = Math.max(1, ...values, ...compare);
  const step = (width - left - right) / n;
  const barW = Math.max(2, step * 0.56);
  const y = (v: number) => top + (height - top - bottom) * (1 - Math.max(0, v) / max);
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
        <line x1={left} x2={width - right} y1={(top + height - bottom) / 2} y2={(top + height - bottom) / 2} class="grid" />
        <line x1={left} x2={width - right} y1={height - bottom} y2={height - bottom} class="base" />
        {compare.map((v, i) => {
          const w = Math.min(step - 1, barW * 1.35);
          return v > 0 ? <rect x={left + i * step + (step - w) / 2} y={y(v)} width={w} height={height - bottom - y(v)} rx={Math.min(3, w / 3)} class="before" /> : null;
        })}
        {values.map((v, i) => {
          const h = height - bottom - y(v);
          return (
            <rect x={left + i * step + (step - barW) / 2} y={y(v)} width={barW} height={Math.max(h, v > 0 ? 1.5 : 0)} rx={Math.min(3, barW / 3)} class="bar">
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
