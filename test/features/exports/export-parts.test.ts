import { describe, expect, it } from 'vitest';
import { estimateBytes, planExportParts, SHEET_ROW_LIMIT, TELEGRAM_DOCUMENT_LIMIT_BYTES } from '../../../src/features/exports/export-parts.js';

const day = (date: string, checks: number, items: number) => ({ date, checks, items });

describe('estimateBytes', () => {
  it('a row per check and per item, per format; a long item name costs two bytes a character beyond 30', () => {
    expect(estimateBytes(1, 0)).toBe(130);
    expect(estimateBytes(0, 1)).toBe(130);
    expect(estimateBytes(1, 0, 30, 'csv')).toBe(230);
    expect(estimateBytes(0, 1, 10)).toBe(130);
    expect(estimateBytes(0, 1, 40)).toBe(150);
    expect(estimateBytes(2, 3, 35, 'csv')).toBe(2 * 230 + 3 * (230 + 10));
    expect(estimateBytes(0, 0, 500)).toBe(0);
  });

  it("states Telegram's document limit and a sheet's rows", () => {
    expect(TELEGRAM_DOCUMENT_LIMIT_BYTES).toBe(52_428_800);
    expect(SHEET_ROW_LIMIT).toBe(1_048_575);
  });
});

describe('planExportParts', () => {
  it('a part may reach the limit exactly, not a byte over', () => {
    const days = [day('2026-11-01', 1, 0), day('2026-11-02', 1, 0)];
    expect(planExportParts(days, { maxBytes: 260 })).toEqual([{ from: '2026-11-01', to: '2026-11-02', checks: 2, items: 0, index: 1, of: 1 }]);
    expect(planExportParts(days, { maxBytes: 259 }).map((p) => [p.from, p.to, p.index, p.of])).toEqual([
      ['2026-11-01', '2026-11-01', 1, 2],
      ['2026-11-02', '2026-11-02', 2, 2],
    ]);
  });

  it('plans by the format asked for and by the longest item name', () => {
    const days = [day('2026-11-01', 1, 1), day('2026-11-02', 1, 1)];
    expect(planExportParts(days, { maxBytes: 520 })).toHaveLength(1);
    expect(planExportParts(days, { maxBytes: 520, format: 'csv' })).toHaveLength(2);
    expect(planExportParts(days, { maxBytes: 520, longestName: 31 })).toHaveLength(2);
  });

  it('skips days without checks, so a part never starts or ends on one unless the period says so', () => {
    const days = [day('2026-11-01', 0, 0), day('2026-11-02', 3, 4), day('2026-11-03', 0, 0)];
    expect(planExportParts(days)).toEqual([{ from: '2026-11-02', to: '2026-11-02', checks: 3, items: 4, index: 1, of: 1 }]);
    expect(planExportParts([day('2026-11-01', 0, 0)], { period: { from: '2026-11-01', to: '2026-11-30' } })).toEqual([]);
  });

  it('the rows of each sheet stay under its limit even when bytes would allow more', () => {
    const days = [day('2026-11-01', SHEET_ROW_LIMIT, 0), day('2026-11-02', 1, 0)];
    expect(planExportParts(days, { maxBytes: Number.MAX_SAFE_INTEGER }).map((p) => p.checks)).toEqual([SHEET_ROW_LIMIT, 1]);
    const exactly = [day('2026-11-01', SHEET_ROW_LIMIT - 1, 0), day('2026-11-02', 1, 0)];
    expect(planExportParts(exactly, { maxBytes: Number.MAX_SAFE_INTEGER })).toHaveLength(1);
  });

  it('with the period asked for, the parts cover it day after day across a month end', () => {
    const days = [day('2026-11-30', 1, 0), day('2026-12-02', 1, 0)];
    const parts = planExportParts(days, { maxBytes: 130, period: { from: '2026-11-28', to: '2026-12-05' } });
    expect(parts).toEqual([
      { from: '2026-11-28', to: '2026-11-30', checks: 1, items: 0, index: 1, of: 2 },
      { from: '2026-12-01', to: '2026-12-05', checks: 1, items: 0, index: 2, of: 2 },
    ]);
  });
});
