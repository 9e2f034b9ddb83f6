/**
 * The layout decisions of a chart that reads at a glance, pure and apart from the drawing
 * (bar-chart.ts): which hours an hourly chart shows, how far the money axis runs when one bar is
 * far below the others, and where (or whether) a bar's value is written.
 */

/** The fewest hours an hourly chart shows: a shop open for two hours is not drawn as two fat bars. */
export const MIN_HOURS_SHOWN = 8;
/** The hours (wall clock) an hourly chart of a day without checks shows. */
const DEFAULT_OPEN = { from: 8, to: 20 };

/**
 * The slots (indexes into 24 hours counted from the business day's first hour `firstHour`) an
 * hourly chart shows: from the first to the last hour with checks in any of the series, widened
 * evenly to at least `minSpan` hours within the day; 08:00–20:00 when there are no checks.
 * Inclusive bounds.
 */
export function shownHours(
  series: ReadonlyArray<readonly number[]>,
  options: { firstHour?: number; minSpan?: number } = {},
): { first: number; last: number } {
  const firstHour = options.firstHour ?? 0;
  const minSpan = Math.min(24, Math.max(1, options.minSpan ?? MIN_HOURS_SHOWN));
  const busy = (i: number) => series.some((s) => (s[i] ?? 0) !== 0);
  let first = -1;
  let last = -1;
  for (let i = 0; i < 24; i++) {
    if (!busy(i)) continue;
    if (first === -1) first = i;
    last = i;
  }
  if (first === -1) {
    first = (DEFAULT_OPEN.from - firstHour + 24) % 24;
    last = first + (DEFAULT_OPEN.to - DEFAULT_OPEN.from);
    if (last > 23) [first, last] = [24 - (DEFAULT_OPEN.to - DEFAULT_OPEN.from) - 1, 23];
  }
  const missing = minSpan - (last - first + 1);
  if (missing > 0) {
    first -= Math.floor(missing / 2);
    last += Math.ceil(missing / 2);
    if (first < 0) [first, last] = [0, last - first];
    if (last > 23) [first, last] = [first - (last - 23), 23];
  }
  return { first, last };
}

/**
 * How far below zero the axis may run, as a share of the tallest bar above it: one day of
 * returns does not squash every other bar into the top of the picture.
 */
export const NEGATIVE_SHARE = 0.3;

export interface AxisRange {
  /** The axis runs lo..hi (kopecks), 0 always inside. */
  lo: number;
  hi: number;
  /** Some value is below `lo`: its bar is cut at the axis' end and its value written. */
  clipped: boolean;
}

/**
 * The range the money axis must cover: every value, except that negative values reach at most
 * NEGATIVE_SHARE of the largest positive one below zero (when there is a positive one at all).
 * Bars beyond are drawn cut at the end of the axis.
 */
export function axisRange(values: readonly number[]): AxisRange {
  const hi = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  if (hi === 0 || min >= -hi * NEGATIVE_SHARE) return { lo: min, hi, clipped: false };
  return { lo: -Math.ceil(hi * NEGATIVE_SHARE), hi, clipped: true };
}

export type LabelPlacement =
  | { at: 'none' }
  | {
      /** Outside the bar's end (above a positive bar, below a negative one), or just inside it. */
      at: 'outside' | 'inside';
      /** Horizontal text, or turned to run along the bar. */
      rotated: boolean;
      text: string;
    };

export interface BarBox {
  /** The bar's width and length on the picture, in pixels. */
  width: number;
  length: number;
  /** Pixels between the bar's end and the edge of the plot it points to. */
  room: number;
  /** The bar is cut at the end of the axis: its value goes inside, at the cut. */
  clipped: boolean;
}

/**
 * Where a bar's value is written: the first of `texts` (the whole amount, then a short form)
 * that fits across the bar, outside its end when there is room, else just inside it; turned along
 * the bar when no text fits across; nowhere when it fits nowhere — except on a cut bar, whose
 * value is always written (the shortest form, inside at the cut, wider than the bar if need be).
 * `charWidth` and `lineHeight` are the label font's.
 */
export function placeBarLabel(texts: readonly string[], bar: BarBox, font: { charWidth: number; lineHeight: number }): LabelPlacement {
  const pad = 4;
  const widthOf = (text: string) => text.length * font.charWidth;
  const fitsAt = (along: number): 'outside' | 'inside' | undefined => {
    if (!bar.clipped && bar.room >= along + pad) return 'outside';
    if (bar.length >= along + 2 * pad) return 'inside';
    return undefined;
  };
  for (const text of texts) {
    if (widthOf(text) + pad > bar.width) continue;
    const at = fitsAt(font.lineHeight);
    if (at) return { at, rotated: false, text };
  }
  if (bar.width >= font.lineHeight) {
    for (const text of texts) {
      const at = fitsAt(widthOf(text));
      if (at) return { at, rotated: true, text };
    }
  }
  if (bar.clipped && texts.length > 0) {
    const shortest = texts.reduce((a, b) => (b.length < a.length ? b : a));
    return { at: 'inside', rotated: false, text: shortest };
  }
  return { at: 'none' };
}
