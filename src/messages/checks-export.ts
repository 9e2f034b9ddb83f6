import type { Catalogue } from '../i18n/catalogue.js';
import { checksCsv, type ExportRow } from '../export/checks-csv.js';
import type { XlsxPartFile } from '../export/xlsx-export.js';
import { displayDate } from './today.js';
import { escapeHtml, outgoing, plainMessage } from './html.js';
import type { OutgoingMessage } from '../telegram/outgoing.js';

/**
 * The plain /export answer for a period from its rows (at most rowLimit + 1 of them:
 * export/checks-csv.ts loadExportRows): the CSV document with its caption, or why there is none
 * (no checks; more rows than one file takes).
 */
export function renderChecksCsv(rows: readonly ExportRow[], input: { from: string; to: string; rowLimit: number }, t: Catalogue, tz: string): OutgoingMessage {
  const [from, to] = [displayDate(input.from), displayDate(input.to)];
  if (rows.length === 0) return plainMessage(t.exports.nothing(from, to));
  if (rows.length > input.rowLimit) return plainMessage(t.exports.tooMany(input.rowLimit));
  const checks = new Set(rows.map((r) => r.uuid)).size;
  return outgoing(escapeHtml(t.exports.caption(from, to, checks)), {
    document: { bytes: checksCsv(rows, t, tz), filename: `checks-${input.from}-${input.to}.csv` },
  });
}

/**
 * One file of /export … xlsx (export/xlsx-export.ts built it): the workbook with its caption
 * (which file of how many, when the period came in several), or, for a part that came out
 * larger than Telegram takes, why it is not there.
 */
export function renderXlsxPart(
  file: XlsxPartFile,
  input: { from: string; to: string; part?: { index: number; of: number } | undefined },
  t: Catalogue,
): OutgoingMessage {
  const [from, to] = [displayDate(input.from), displayDate(input.to)];
  if ('tooBigBytes' in file) return plainMessage(t.exports.tooBig(from, to, Math.ceil(file.tooBigBytes / 1024 / 1024)));
  if (file.checks === 0) return plainMessage(t.exports.nothing(from, to));
  return outgoing(escapeHtml(t.exports.captionXlsx(from, to, file.checks, file.items, input.part)), {
    document: { bytes: file.bytes, filename: `checks-${input.from}-${input.to}.xlsx` },
  });
}

/** /export … xlsx answered at once: nothing in the period, or how many files follow. */
export function renderXlsxPlanned(files: number, input: { from: string; to: string }, t: Catalogue): OutgoingMessage {
  return plainMessage(files === 0 ? t.exports.nothing(displayDate(input.from), displayDate(input.to)) : t.exports.preparing(files));
}
