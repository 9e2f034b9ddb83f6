import { describe, expect, it } from 'vitest';
import { axisRange, MIN_HOURS_SHOWN, NEGATIVE_SHARE, placeBarLabel, shownHours } from '../../../../src/features/reports/charts/chart-layout.js';

const day = (busy: Record<number, number>) => Array.from({ length: 24 }, (_, h) => busy[h] ?? 0);

describe('shownHours: the hours the shop was open, not always 24', () => {
  it('from the first to the last hour with checks in any series', () => {
    expect(shownHours([day({ 8: 100, 21: 50 }), day({})])).toEqual({ first: 8, last: 21 });
    expect(shownHours([day({ 10: 100 }), day({ 7: 5, 19: -20 })])).toEqual({ first: 7, last: 19 });
  });

  it('widens a short day evenly to the minimum span, within the day', () => {
    expect(MIN_HOURS_SHOWN).toBe(8);
    expect(shownHours([day({ 12: 100, 13: 100 })])).toEqual({ first: 9, last: 16 });
    expect(shownHours([day({ 0: 100 })])).toEqual({ first: 0, last: 7 });
    expect(shownHours([day({ 23: 100 })])).toEqual({ first: 16, last: 23 });
    expect(shownHours([day({ 12: 1 })], { minSpan: 24 })).toEqual({ first: 0, last: 23 });
  });

  it('a day without checks shows 08:00–20:00 of the wall clock, whatever hour the business day starts', () => {
    expect(shownHours([day({}), day({})])).toEqual({ first: 8, last: 20 });
    // Business day from 04:00: index 4 is 08:00.
    expect(shownHours([day({})], { firstHour: 4 })).toEqual({ first: 4, last: 16 });
    // From 14:00: 08:00 is index 18, and the span stays inside the 24 slots.
    expect(shownHours([day({})], { firstHour: 14 })).toEqual({ first: 11, last: 23 });
  });
});

describe('axisRange: one negative day does not stretch the axis far below it', () => {
  it('all values when the negative part is small, or when nothing is positive', () => {
    expect(axisRange([5_000, 10_000, -2_000])).toEqual({ lo: -2_000, hi: 10_000, clipped: false });
    expect(axisRange([0, 0])).toEqual({ lo: 0, hi: 0, clipped: false });
    expect(axisRange([-5_000, -100])).toEqual({ lo: -5_000, hi: 0, clipped: false });
  });

  it('caps the negative part at a share of the largest positive value, and says a bar is cut', () => {
    expect(NEGATIVE_SHARE).toBe(0.3);
    expect(axisRange([3_500_000, 2_000_000, -8_540_000])).toEqual({ lo: -1_050_000, hi: 3_500_000, clipped: true });
    expect(axisRange([10_000, -3_000])).toEqual({ lo: -3_000, hi: 10_000, clipped: false });
    expect(axisRange([10_000, -3_001])).toEqual({ lo: -3_000, hi: 10_000, clipped: true });
  });
});

describe('placeBarLabel: values on the bars where there is room', () => {
  const font = { charWidth: 10, lineHeight: 18 };
  const texts = ['51 018 ₴', '51 тис. ₴'];

  it('across a wide bar, above it when there is room, else inside its end', () => {
    expect(placeBarLabel(texts, { width: 120, length: 300, room: 40, clipped: false }, font)).toEqual({ at: 'outside', rotated: false, text: '51 018 ₴' });
    expect(placeBarLabel(texts, { width: 120, length: 300, room: 10, clipped: false }, font)).toEqual({ at: 'inside', rotated: false, text: '51 018 ₴' });
  });

  it('the short form when the whole amount is too wide for the bar', () => {
    expect(placeBarLabel(['1 234 567 ₴', '1,2 млн ₴'], { width: 100, length: 300, room: 40, clipped: false }, font)).toEqual({
      at: 'outside',
      rotated: false,
      text: '1,2 млн ₴',
    });
  });

  it('along a narrow bar when no form fits across it; nowhere when it fits nowhere', () => {
    expect(placeBarLabel(texts, { width: 30, length: 300, room: 100, clipped: false }, font)).toEqual({ at: 'outside', rotated: true, text: '51 018 ₴' });
    expect(placeBarLabel(texts, { width: 30, length: 300, room: 20, clipped: false }, font)).toEqual({ at: 'inside', rotated: true, text: '51 018 ₴' });
    expect(placeBarLabel(texts, { width: 30, length: 40, room: 20, clipped: false }, font)).toEqual({ at: 'none' });
    expect(placeBarLabel(texts, { width: 10, length: 300, room: 300, clipped: false }, font)).toEqual({ at: 'none' });
  });

  it('a cut bar has its value written inside, at the cut, never beyond the axis; always, if need be wider than the bar', () => {
    expect(placeBarLabel(texts, { width: 120, length: 200, room: 500, clipped: true }, font)).toEqual({ at: 'inside', rotated: false, text: '51 018 ₴' });
    expect(placeBarLabel(texts, { width: 60, length: 40, room: 500, clipped: true }, font)).toEqual({ at: 'inside', rotated: false, text: '51 018 ₴' });
    expect(placeBarLabel(['-85 400 ₴', '-85 тис. ₴'], { width: 60, length: 40, room: 500, clipped: true }, font)).toEqual({ at: 'inside', rotated: false, text: '-85 400 ₴' });
  });
});
