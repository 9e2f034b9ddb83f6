import type { Catalogue } from '../i18n/catalogue.js';
import { checksCsv, type ExportRow } from '../export/checks-csv.js';
import { checksXlsx } from '../export/checks-xlsx.js';
import { displayDate } from './today.js';
import { escapeHtml, outgoing, plainMessage } from './html.js';
import type { OutgoingMessage } from '../telegram/outgoing.js';

/**
 * The /export answer for a period from its rows (at most rowLimit + 1 of them: export/checks-csv.ts loadExportRows):
 * the CSV (or XLSX) document with its caption, or why there is none (no checks; more rows than
 * one file takes). The bot's /export replies with it; the Mini App's export button queues it
 * through the outbox (job kind `export`), rendered at send time.
 */
export async function renderChecksExport(
  rows: readonly ExportRow[],
  input: { from: string; to: string; rowLimit: number; format?: 'csv' | 'xlsx' },
  t: Catalogue,
  tz: string,
): Promise<OutgoingMessage> {
  const [from, to] = [displayDate(input.from), displayDate(input.to)];
  if (rows.length === 0) return plainMessage(t.exports.nothing(from, to));
  if (rows.length > input.rowLimit) return plainMessage(t.exports.tooMany(input.rowLimit));
  const checks = new Set(rows.map((r) => r.uuid)).size;
  const xlsx = input.format === 'xlsx';
  return outgoing(escapeHtml(xlsx ? t.exports.captionXlsx(from, to, checks) : t.exports.caption(from, to, checks)), {
    document: {
      bytes: xlsx ? await checksXlsx(rows, t, tz) : checksCsv(rows, t, tz),
      filename: `checks-${input.from}-${input.to}.${xlsx ? 'xlsx' : 'csv'}`,
    },
  });
}
