import type { Executor } from '../db/client.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { DEFAULT_EXPORT_ROW_LIMIT, loadExportRows } from '../export/checks-csv.js';
import { renderChecksExport } from '../messages/checks-export.js';
import type { OutgoingMessage } from '../telegram/outgoing.js';

/**
 * A period's checks as the /export message (messages/checks-export.ts), read now: the bot's
 * /export replies with it, the outbox's `export` job (the Mini App's button) sends it.
 */
export async function loadChecksExport(
  db: Executor,
  input: { businessId: number; from: string; to: string; rowLimit?: number; format?: 'csv' | 'xlsx' },
  t: Catalogue,
  tz: string,
): Promise<OutgoingMessage> {
  const rowLimit = input.rowLimit ?? DEFAULT_EXPORT_ROW_LIMIT;
  const rows = await loadExportRows(db, { businessId: input.businessId, from: input.from, to: input.to, limit: rowLimit });
  return renderChecksExport(rows, { from: input.from, to: input.to, rowLimit, ...(input.format ? { format: input.format } : {}) }, t, tz);
}
