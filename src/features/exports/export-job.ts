import type { Executor } from '../../platform/db/client.js';
import type { Catalogue } from '../../platform/i18n/catalogue.js';
import { buildExportPart } from './export-files.js';
import type { ExportFormat } from './export-parts.js';
import { exportBuilds, type BuildSlots } from './build-slots.js';
import { renderExportPart } from './messages/checks-export.js';
import type { OutgoingMessage } from '../../platform/telegram/outgoing.js';

/**
 * One file of an export (CSV or XLSX), written now from the database (the outbox's `export` job
 * sends it): built in one of the process's few export slots (features/exports/build-slots.ts), in turn,
 * into a temporary file that the message's `release` removes. A send that fails is retried by
 * rendering the job again: the file is built anew.
 */
export async function loadExportPart(
  db: Executor,
  input: { businessId: number; from: string; to: string; format: ExportFormat; part?: { index: number; of: number } | undefined; maxBytes?: number },
  t: Catalogue,
  tz: string,
  slots: BuildSlots = exportBuilds,
): Promise<OutgoingMessage> {
  const file = await slots.run(() =>
    buildExportPart(db, { businessId: input.businessId, from: input.from, to: input.to }, input.format, t, tz, input.maxBytes !== undefined ? { maxBytes: input.maxBytes } : {}),
  );
  const message = renderExportPart(file, input, t);
  if (!('file' in file)) return message;
  // The part's temporary file goes with the message (its sender releases it), or now when the
  // message does not carry it (nothing in the period).
  if (!message.document) {
    await file.file.remove();
    return message;
  }
  return { ...message, release: file.file.remove };
}
