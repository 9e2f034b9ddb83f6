import { Writable } from 'node:stream';
import type { Executor } from '../db/client.js';
import type { Catalogue, Lang } from '../i18n/catalogue.js';
import { enqueueJobs } from '../delivery/enqueue.js';
import { loadPeriodVolume, type ExportPeriod } from './export-source.js';
import { planExportParts, TELEGRAM_DOCUMENT_LIMIT_BYTES, type ExportFormat, type ExportPartPlan } from './export-parts.js';
import { writeChecksWorkbook } from './xlsx-workbook.js';
import { writeChecksCsv } from './checks-csv.js';

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

const BLOCK_BYTES = 1024 * 1024;

export type ExportPartFile = { bytes: Buffer; checks: number; items: number } | { tooBigBytes: number };

/**
 * One part's file, in memory only as its bytes (the rows stream through). A file over `maxBytes`
 * (Telegram's 50 MB for a bot's document) is not kept: its size is answered so the owner can be
 * told.
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
  // The file's bytes gather in blocks of 1 MiB (a CSV comes as a small chunk per row: kept one
  // by one, their wrappers alone would cost the heap tens of MB).
  const blocks: Buffer[] = [];
  let block = Buffer.allocUnsafe(BLOCK_BYTES);
  let used = 0;
  let size = 0;
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) {
        // Too large to send: only its size matters now.
        blocks.length = 0;
        used = 0;
        return done();
      }
      let offset = 0;
      while (offset < chunk.length) {
        const n = chunk.copy(block, used, offset);
        used += n;
        offset += n;
        if (used === block.length) {
          blocks.push(block);
          block = Buffer.allocUnsafe(BLOCK_BYTES);
          used = 0;
        }
      }
      done();
    },
  });
  const finished = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  const writing = {
    ...(options.pageSize !== undefined ? { pageSize: options.pageSize } : {}),
    ...(options.sliceMs !== undefined ? { sliceMs: options.sliceMs } : {}),
  };
  const { checks, items } =
    format === 'csv'
      ? await writeChecksCsv(db, period, t, tz, out, writing)
      : await writeChecksWorkbook(db, period, await loadPeriodVolume(db, period), t, tz, out, writing);
  await finished;
  if (size > maxBytes) return { tooBigBytes: size };
  if (used > 0) blocks.push(block.subarray(0, used));
  return { bytes: blocks.length === 1 ? Buffer.from(blocks[0]!) : Buffer.concat(blocks, size), checks, items };
}
