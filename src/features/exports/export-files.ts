import type { Executor } from '../../platform/db/client.js';
import type { Catalogue, Lang } from '../../platform/i18n/catalogue.js';
import { enqueueJobs } from '../../platform/outbox/enqueue.js';
import { loadPeriodVolume, type ExportPeriod } from './export-source.js';
import { planExportParts, TELEGRAM_DOCUMENT_LIMIT_BYTES, type ExportFormat, type ExportPartPlan } from './export-parts.js';
import { writeChecksWorkbook } from './xlsx-workbook.js';
import { writeChecksCsv } from './checks-csv.js';
import { createPartFile } from './part-file.js';

/**
 * An export (CSV or XLSX) from both ends: planned into parts when asked for (the bot's /export
 * and the Mini App's buttons queue one outbox job per part), and each part built at send time,
 * streamed from the database.
 */
export async function planExport(db: Executor, period: ExportPeriod, options: { format?: ExportFormat; maxBytes?: number } = {}): Promise<ExportPartPlan[]> {
  const volume = await loadPeriodVolume(db, period);
  return planExportParts(volume.days, {
    longestName: volume.longest.name,
    period: { from: period.from, to: period.to },
    format: options.format ?? 'xlsx',
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
  });
}

/**
 * Queues an export of a period to a chat: planned into parts, one outbox `export` job per part
 * (written in one statement, so they go in order), built at send time. Answers how many files
 * will come (0: the period has no checks, nothing queued).
 */
export async function queueExport(
  db: Executor,
  input: ExportPeriod & { chatId: number; lang: Lang; format: ExportFormat; requestedBy?: number },
  options: { maxBytes?: number } = {},
): Promise<number> {
  const parts = await planExport(db, input, { format: input.format, ...options });
  const period = { from: input.from, to: input.to };
  await enqueueJobs(
    db,
    parts.map((p) => ({
      businessId: input.businessId,
      chatId: input.chatId,
      kind: 'export' as const,
      payload: {
        from: p.from,
        to: p.to,
        format: input.format,
        lang: input.lang,
        period,
        ...(p.of > 1 ? { part: { index: p.index, of: p.of } } : {}),
        ...(input.requestedBy !== undefined ? { requestedBy: input.requestedBy } : {}),
      },
    })),
  );
  return parts.length;
}

export type ExportPartFile = { file: { path: string; bytes: number; remove: () => Promise<void> }; checks: number; items: number } | { tooBigBytes: number };

/**
 * One part's file, written to a temporary file (features/exports/part-file.ts: never held whole in memory;
 * the rows stream through). The caller removes it once it is sent, or not. A file over `maxBytes`
 * (Telegram's 50 MB for a bot's document) is not kept: its size is answered so the owner can be
 * told. A build that fails leaves nothing behind.
 */
export async function buildExportPart(
  db: Executor,
  period: ExportPeriod,
  format: ExportFormat,
  t: Catalogue,
  tz: string,
  options: { maxBytes?: number; pageSize?: number; sliceMs?: number } = {},
): Promise<ExportPartFile> {
  const maxBytes = options.maxBytes ?? TELEGRAM_DOCUMENT_LIMIT_BYTES;
  const part = await createPartFile(maxBytes);
  try {
    const writing = {
      ...(options.pageSize !== undefined ? { pageSize: options.pageSize } : {}),
      ...(options.sliceMs !== undefined ? { sliceMs: options.sliceMs } : {}),
    };
    const { checks, items } =
      format === 'csv'
        ? await writeChecksCsv(db, period, t, tz, part.out, writing)
        : await writeChecksWorkbook(db, period, await loadPeriodVolume(db, period), t, tz, part.out, writing);
    await part.closed;
    if (part.size > maxBytes) {
      await part.remove();
      return { tooBigBytes: part.size };
    }
    return { file: { path: part.path, bytes: part.size, remove: () => part.remove() }, checks, items };
  } catch (err) {
    part.out.destroy();
    await part.closed.catch(() => {});
    await part.remove();
    throw err;
  }
}
