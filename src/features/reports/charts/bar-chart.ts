import { axisRange, placeBarLabel } from './chart-layout.js';

/**
 * A bar chart as an SVG document: bars and lines over labelled slots, a money axis with round
 * ticks, a title and a legend. Sized for a phone screen (Telegram shows photos about 1000 px
 * wide). A bar far below zero is cut at the end of the axis (chart-layout.ts's axisRange) with
 * its value written; bars carry their values where there is room (placeBarLabel). The text is
 * plain text (escaped here); the font is the one png.ts loads. Pure.
 */
interface ChartSeries {
  name: string;
  /** One value per label, in kopecks. */
  values: readonly number[];
  style: 'bars' | 'line';
  color: string;
}

export interface ChartSpec {
  title: string;
  labels: readonly string[];
  series: readonly ChartSeries[];
  /** An axis tick's label, from kopecks (a whole number of hryvnias). */
  formatTick(kop: number): string;
  /** A bar's value, the whole amount first then shorter forms; no values written when absent. */
  formatValue?(kop: number): string[];
  /** Written across the plot when every value is 0. */
  emptyText: string;
  width?: number;
  height?: number;
}

export const CHART_FONT_FAMILY = 'DejaVu Sans';

const FONT = 20;
const CHAR_WIDTH = 0.62 * FONT;
const TITLE_FONT = 30;
const VALUE_FONT = 16;
const VALUE_CHAR_WIDTH = 0.6 * VALUE_FONT;
/** A value beside its bar stays readable where a line crosses it. */
const OUTSIDE_HALO = ' stroke="#ffffff" stroke-width="4" paint-order="stroke"';

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

const round = (n: number) => Math.round(n * 10) / 10;

export interface AxisScale {
  min: number;
  max: number;
  step: number;
  ticks: number[];
}

/**
 * Round ticks (1, 2 or 5 × 10ⁿ kopecks, at least 1 ₴) covering min..max and 0, about `target`
 * steps of them; 0..100 ₴ when there is nothing to show.
 */
export function niceScale(minValue: number, maxValue: number, target = 5): AxisScale {
  const lo = Math.min(0, minValue);
  const hi = Math.max(0, maxValue);
  if (hi - lo <= 0) return niceScale(0, 10_000, target);
  const raw = (hi - lo) / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(100, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!);
  const min = Math.floor(lo / step) * step;
  const max = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let v = min; v <= max; v += step) ticks.push(v);
  return { min, max, step, ticks };
}

/** Every how many slots an x label is written so that the labels do not overlap. */
export function labelEvery(labels: readonly string[], slotWidth: number): number {
  const widest = Math.max(1, ...labels.map((l) => l.length)) * CHAR_WIDTH + 8;
  return Math.max(1, Math.ceil(widest / slotWidth));
}

/** A bar's value as SVG text where placeBarLabel puts it ('' for nowhere). */
function valueLabel(texts: string[], bar: { x: number; w: number; y1: number; v: number; cut: boolean; length: number; room: number }): string {
  const place = placeBarLabel(texts, { width: bar.w, length: bar.length - (bar.cut ? 24 : 0), room: bar.room, clipped: bar.cut }, { charWidth: VALUE_CHAR_WIDTH, lineHeight: VALUE_FONT + 2 });
  if (place.at === 'none') return '';
  const cx = round(bar.x + bar.w / 2);
  const inside = place.at === 'inside';
  const fill = inside ? '#ffffff' : '#1f2937';
  // Towards the bar's end (up for a positive bar): outside goes beyond it, inside back into it.
  const up = (bar.v > 0) !== inside;
  const offset = 5 + (inside && bar.cut ? 24 : 0);
  const edge = round(up ? bar.y1 - offset : bar.y1 + offset);
  const text = escapeXml(place.text);
  if (!place.rotated) {
    const baseline = round(up ? edge : edge + VALUE_FONT * 0.8);
    // Wider than its bar (a cut bar's value): a dark outline keeps the white text readable off the bar.
    const halo = !inside ? OUTSIDE_HALO : place.text.length * VALUE_CHAR_WIDTH > bar.w ? ' stroke="#1f2937" stroke-width="4" paint-order="stroke"' : '';
    return `<text x="${cx}" y="${baseline}" font-size="${VALUE_FONT}" text-anchor="middle" fill="${fill}"${halo}>${text}</text>`;
  }
  return `<text transform="translate(${cx} ${edge}) rotate(-90)" x="0" y="${round(VALUE_FONT * 0.35)}" font-size="${VALUE_FONT}" text-anchor="${up ? 'start' : 'end'}" fill="${fill}"${inside ? '' : OUTSIDE_HALO}>${text}</text>`;
}

export function barChartSvg(spec: ChartSpec): string {
  const width = spec.width ?? 1000;
  const height = spec.height ?? 600;
  const n = Math.max(1, spec.labels.length);
  const all = spec.series.flatMap((s) => s.values);
  const empty = all.every((v) => v === 0);
  const range = axisRange(all);
  const scale = niceScale(range.lo, range.hi);

  const tickLabels = scale.ticks.map((t) => spec.formatTick(t));
  const left = 24 + Math.max(...tickLabels.map((l) => l.length)) * CHAR_WIDTH;
  const right = width - 30;
  const legendY = 96;
  const top = 130;
  const bottom = height - 56;
  const plotW = right - left;
  const plotH = bottom - top;
  const clamp = (v: number) => Math.min(scale.max, Math.max(scale.min, v));
  const y = (v: number) => round(bottom - ((clamp(v) - scale.min) / (scale.max - scale.min)) * plotH);
  const slot = plotW / n;
  const cx = (i: number) => round(left + slot * (i + 0.5));

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${CHART_FONT_FAMILY}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${left}" y="52" font-size="${TITLE_FONT}" font-weight="bold" fill="#1f2937">${escapeXml(spec.title)}</text>`,
  ];

  // Legend: a swatch and the series' name, side by side.
  let lx = left;
  for (const s of spec.series) {
    if (s.style === 'bars') out.push(`<rect x="${lx}" y="${legendY - 16}" width="22" height="18" rx="3" fill="${s.color}"/>`);
    else out.push(`<line x1="${lx}" y1="${legendY - 7}" x2="${lx + 22}" y2="${legendY - 7}" stroke="${s.color}" stroke-width="4" stroke-dasharray="7 4"/>`);
    out.push(`<text x="${lx + 30}" y="${legendY}" font-size="${FONT}" fill="#374151">${escapeXml(s.name)}</text>`);
    lx += 30 + s.name.length * CHAR_WIDTH + 36;
  }

  // Money axis: grid lines and tick labels.
  scale.ticks.forEach((tick, i) => {
    const ty = y(tick);
    out.push(`<line x1="${left}" y1="${ty}" x2="${right}" y2="${ty}" stroke="${tick === 0 ? '#9ca3af' : '#e5e7eb'}" stroke-width="${tick === 0 ? 2 : 1}"/>`);
    out.push(`<text x="${left - 10}" y="${round(ty + FONT * 0.35)}" font-size="${FONT}" text-anchor="end" fill="#4b5563">${escapeXml(tickLabels[i]!)}</text>`);
  });

  // Series: bars side by side within a slot, lines over them.
  const barSeries = spec.series.filter((s) => s.style === 'bars');
  const barWidth = (slot * 0.72) / Math.max(1, barSeries.length);
  const labels: string[] = [];
  barSeries.forEach((s, k) => {
    s.values.forEach((v, i) => {
      if (v === 0) return;
      const x = round(left + slot * i + slot * 0.14 + barWidth * k);
      const w = round(Math.max(1, barWidth - 1));
      const y0 = y(0);
      const y1 = y(v);
      const cut = v < scale.min || v > scale.max;
      out.push(`<rect x="${x}" y="${Math.min(y0, y1)}" width="${w}" height="${round(Math.max(1, Math.abs(y1 - y0)))}" fill="${s.color}"/>`);
      // A cut bar: a white zigzag across its end says it goes on.
      if (cut) {
        const zy = v < 0 ? y1 - 10 : y1 + 10;
        const d = v < 0 ? -6 : 6;
        out.push(`<polyline points="${x - 1},${zy} ${round(x + w / 3)},${zy + d} ${round(x + (2 * w) / 3)},${zy} ${x + w + 1},${zy + d}" fill="none" stroke="#ffffff" stroke-width="3"/>`);
      }
      if (spec.formatValue) labels.push(valueLabel(spec.formatValue(v), { x, w, y1, v, cut, length: Math.abs(y1 - y0), room: v < 0 ? bottom - y1 : y1 - top }));
    });
  });
  for (const s of spec.series.filter((x) => x.style === 'line')) {
    const points = s.values.map((v, i) => `${cx(i)},${y(v)}`).join(' ');
    out.push(`<polyline points="${points}" fill="none" stroke="${s.color}" stroke-width="3" stroke-dasharray="7 4"/>`);
    s.values.forEach((v, i) => out.push(`<circle cx="${cx(i)}" cy="${y(v)}" r="4" fill="${s.color}"/>`));
  }

  out.push(...labels.filter((l) => l !== ''));

  // Slot labels, thinned so that they do not overlap.
  const every = labelEvery(spec.labels, slot);
  spec.labels.forEach((label, i) => {
    if (i % every !== 0) return;
    out.push(`<text x="${cx(i)}" y="${bottom + 30}" font-size="${FONT}" text-anchor="middle" fill="#4b5563">${escapeXml(label)}</text>`);
  });

  if (empty) {
    out.push(
      `<text x="${round(left + plotW / 2)}" y="${round(top + plotH / 2)}" font-size="${TITLE_FONT}" text-anchor="middle" fill="#6b7280">${escapeXml(spec.emptyText)}</text>`,
    );
  }
  out.push('</svg>');
  return out.join('\n');
}
