import type { Executor } from '../../db/client.js';
import type { Catalogue } from '../../i18n/catalogue.js';
import { checksCsv, DEFAULT_EXPORT_ROW_LIMIT, loadExportRows } from '../../export/checks-csv.js';
import { checksXlsx } from '../../export/checks-xlsx.js';
import { displayDate } from './today.js';
import { escapeHtml, outgoing, plainMessage } from './html.js';
import type { OutgoingMessage } from '../outgoing.js';

/**
 * The /export answer for a period: the CSV (or XLSX) document with its caption, or why there is none (no
 * checks; more rows than one file takes). The bot's /export replies with it; the Mini App's
 * export button queues it through the outbox (job kind `export`), rendered at send time.
 */
export async function renderChecksExport(
  db: Executor,
  input: { businessId: number; from: string; to: string; rowLimit?: number; format?: 'csv' | 'xlsx' },
  t: Catalogue,
  tz: string,
): Promise<OutgoingMessage> {
  const rowLimit = input.rowLimit ?? DEFAULT_EXPORT_ROW_LIMIT;
  const [from, to] = [displayDate(input.from), displayDate(input.to)];
  const rows = await loadExportRows(db, { businessId: input.businessId, from: input.from, to: input.to, limit: rowLimit });
  if (rows.length === 0) return plainMessage(t.exports.nothing(from, to));
  if (rows.length > rowLimit) return plainMessage(t.exports.tooMany(rowLimit));
  const checks = new Set(rows.map((r) => r.uuid)).size;
  const xlsx = input.format === 'xlsx';
  const items = rows.filter((r) => r.position !== null && r.position !== undefined).length;
  return outgoing(escapeHtml(xlsx ? t.exports.captionXlsx(from, to, checks, items) : t.exports.caption(from, to, checks)), {
    document: {
      bytes: xlsx ? await checksXlsx(rows, t, tz) : checksCsv(rows, t, tz),
      filename: `checks-${input.from}-${input.to}.${xlsx ? 'xlsx' : 'csv'}`,
    },
  });
}
