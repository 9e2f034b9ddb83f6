import type { Catalogue } from '../../../platform/i18n/catalogue.js';
import type { ExportPartFile } from '../export-files.js';
import type { ExportFormat } from '../export-parts.js';
import type { ExportRequestResult } from '../export-requests.js';
import { displayDate } from '../../../platform/time/display.js';
import { escapeHtml, outgoing, plainMessage } from '../../../platform/telegram/html.js';
import type { OutgoingMessage } from '../../../platform/telegram/outgoing.js';

/**
 * One file of /export (features/exports/export-files.ts built it): the CSV or the workbook with its caption
 * (which file of how many, when the period came in several), or, for a part that came out larger
 * than Telegram takes, why it is not there.
 */
export function renderExportPart(
  file: ExportPartFile,
  input: { from: string; to: string; format: ExportFormat; part?: { index: number; of: number } | undefined },
  t: Catalogue,
): OutgoingMessage {
  const [from, to] = [displayDate(input.from), displayDate(input.to)];
  if ('tooBigBytes' in file) return plainMessage(t.exports.tooBig(from, to, Math.ceil(file.tooBigBytes / 1024 / 1024)));
  if (file.checks === 0) return plainMessage(t.exports.nothing(from, to));
  const caption = input.format === 'csv' ? t.exports.caption(from, to, file.checks, input.part) : t.exports.captionXlsx(from, to, file.checks, file.items, input.part);
  return outgoing(escapeHtml(caption), {
    document: { path: file.file.path, filename: `checks-${input.from}-${input.to}.${input.format}` },
  });
}

/** /export answered at once: how many files follow, nothing in the period, or why not now. */
export function renderExportRequested(result: ExportRequestResult, input: { from: string; to: string; format: ExportFormat; perDay: number }, t: Catalogue): OutgoingMessage {
  if ('refused' in result) return plainMessage(result.refused === 'waiting' ? t.exports.waiting : t.exports.dailyLimit(input.perDay));
  if (result.queued === 0) return plainMessage(t.exports.nothing(displayDate(input.from), displayDate(input.to)));
  return plainMessage(t.exports.preparing(result.queued, input.format));
}
