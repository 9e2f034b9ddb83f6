import { addDays } from '../../platform/time/business-time.js';
import type { DayVolume } from './export-source.js';

/**
 * How a period's export (CSV or XLSX) is cut into files Telegram takes. A bot may send documents
 * of up to 50 MB; a sheet (and Excel opening a CSV) holds at most 1 048 576 rows. The parts are runs of whole business days (a day
 * is never split: the owner finds each day in one file), planned from the period's volume before
 * anything is written, from the size a row takes in the compressed workbook measured on real
 * exports (README "Exports"), with room to spare. Pure.
 */
export const TELEGRAM_DOCUMENT_LIMIT_BYTES = 50 * 1024 * 1024;
/** Rows a sheet takes below its header row. */
export const SHEET_ROW_LIMIT = 1_048_575;

export type ExportFormat = 'csv' | 'xlsx';

/**
 * Bytes a row takes, per format. XLSX (compressed): `npm run bench` (BENCH_ONLY=export, 200 000
 * items with 23-character Cyrillic names, 20 000 checks) measured 66 a row over both sheets;
 * planned at about twice that, so a file planned at the limit comes out near half of it. CSV
 * (plain text, a line per item, or per check without items): the same bench measured about 200
 * bytes a line; planned with a check's own line counted too, so with room to spare.
 * Bytes per character of an item's name beyond 30 (a Cyrillic character is 2 bytes).
 */
const ROW_BYTES: Record<ExportFormat, { check: number; item: number; nameChar: number }> = {
  xlsx: { check: 130, item: 130, nameChar: 2 },
  csv: { check: 230, item: 230, nameChar: 2 },
};

export interface ExportPartPlan {
  from: string;
  to: string;
  checks: number;
  items: number;
  /** 1-based; `of` parts in all. */
  index: number;
  of: number;
}

export interface PlanOptions {
  /** Which file the parts are (the row sizes differ): XLSX unless told. */
  format?: ExportFormat;
  maxBytes?: number;
  /**
   * The period asked for: the parts then cover it with no gap (the first starts on its first
   * day, each next one the day after the one before, the last ends on its last day), so each
   * file is named and captioned by days that together are the period.
   */
  period?: { from: string; to: string };
  /** The longest item name of the period (characters), for the size estimate. */
  longestName?: number;
}

export function estimateBytes(checks: number, items: number, longestName = 30, format: ExportFormat = 'xlsx'): number {
  const row = ROW_BYTES[format];
  return checks * row.check + items * (row.item + Math.max(0, longestName - 30) * row.nameChar);
}

/**
 * Consecutive days go into one part while its estimated size stays under `maxBytes` and each
 * sheet under its row limit; a day larger than that on its own is a part of its own (the
 * renderer tells the owner when such a file still comes out too large to send).
 */
export function planExportParts(days: readonly DayVolume[], options: PlanOptions = {}): ExportPartPlan[] {
  const maxBytes = options.maxBytes ?? TELEGRAM_DOCUMENT_LIMIT_BYTES;
  type Run = Omit<ExportPartPlan, 'index' | 'of'>;
  const parts: Run[] = [];
  let current: Run | null = null;
  for (const day of days) {
    if (day.checks === 0) continue;
    if (current) {
      const checks: number = current.checks + day.checks;
      const items: number = current.items + day.items;
      const fits = estimateBytes(checks, items, options.longestName, options.format) <= maxBytes && checks <= SHEET_ROW_LIMIT && items <= SHEET_ROW_LIMIT;
      if (fits) {
        current.to = day.date;
        current.checks = checks;
        current.items = items;
        continue;
      }
      parts.push(current);
    }
    current = { from: day.date, to: day.date, checks: day.checks, items: day.items };
  }
  if (current) parts.push(current);
  const period = options.period;
  if (period && parts.length > 0) {
    parts[0]!.from = period.from;
    for (let i = 1; i < parts.length; i++) parts[i]!.from = addDays(parts[i - 1]!.to, 1);
    parts[parts.length - 1]!.to = period.to;
  }
  return parts.map((p, i) => ({ ...p, index: i + 1, of: parts.length }));
}
