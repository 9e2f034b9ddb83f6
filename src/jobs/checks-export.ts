import type { Executor } from '../db/client.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { DEFAULT_EXPORT_ROW_LIMIT, loadExportRows } from '../export/checks-csv.js';
import { buildXlsxPart } from '../export/xlsx-export.js';
import { renderChecksCsv, renderXlsxPart } from '../messages/checks-export.js';
import type { OutgoingMessage } from '../telegram/outgoing.js';

/** A period's checks as the plain /export message (CSV), read now: the bot's /export replies with it. */
export async function loadChecksCsv(
  db: Executor,
  input: { businessId: number; from: string; to: string; rowLimit?: number },
  t: Catalogue,
  tz: string,
): Promise<OutgoingMessage> {
  const rowLimit = input.rowLimit ?? DEFAULT_EXPORT_ROW_LIMIT;
  const rows = await loadExportRows(db, { businessId: input.businessId, from: input.from, to: input.to, limit: rowLimit });
  return renderChecksCsv(rows, { from: input.from, to: input.to, rowLimit }, t, tz);
}

/** One file of an XLSX export, written now from the database (the outbox's `export` job sends it). */
export async function loadXlsxPart(
  db: Executor,
  input: { businessId: number; from: string; to: string; part?: { index: number; of: number } | undefined; maxBytes?: number },
  t: Catalogue,
  tz: string,
): Promise<OutgoingMessage> {
  const file = await buildXlsxPart(db, { businessId: input.businessId, from: input.from, to: input.to }, t, tz, input.maxBytes !== undefined ? { maxBytes: input.maxBytes } : {});
  return renderXlsxPart(file, input, t);
}
