import { Writable } from 'node:stream';
import type { Executor } from '../db/client.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { loadPeriodVolume, type ExportPeriod } from './export-source.js';
import { planXlsxParts, TELEGRAM_DOCUMENT_LIMIT_BYTES, type XlsxPartPlan } from './xlsx-parts.js';
import { writeChecksWorkbook } from './xlsx-workbook.js';
import { enqueueJobs } from '../delivery/enqueue.js';
import type { Lang } from '../i18n/catalogue.js';

/**
 * The XLSX export from both ends: planned into parts when asked for (the bot's /export … xlsx and
 * the Mini App's button queue one outbox job per part), and each part built at send time.
 */
export async function planXlsxExport(db: Executor, period: ExportPeriod, options: { maxBytes?: number } = {}): Promise<XlsxPartPlan[]> {
  const volume = await loadPeriodVolume(db, period);
  return planXlsxParts(volume.days, { longestName: volume.longest.name, period: { from: period.from, to: period.to }, ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}) });
}

/**
 * Queues an XLSX export of a period to a chat: planned into parts, one outbox `export` job per
 * part (written in one statement, so they go in order), built at send time. Answers how many
 * files will come (0: the period has no checks, nothing queued).
 */
export async function queueXlsxExport(
  db: Executor,
  input: ExportPeriod & { chatId: number; lang: Lang },
  options: { maxBytes?: number } = {},
): Promise<number> {
  const parts = await planXlsxExport(db, input, options);
  const period = { from: input.from, to: input.to };
  await enqueueJobs(
    db,
    parts.map((p) => ({
      businessId: input.businessId,
      chatId: input.chatId,
      kind: 'export' as const,
      payload: { from: p.from, to: p.to, format: 'xlsx' as const, lang: input.lang, period, ...(p.of > 1 ? { part: { index: p.index, of: p.of } } : {}) },
    })),
  );
  return parts.length;
}

export type XlsxPartFile = { bytes: Buffer; checks: number; items: number } | { tooBigBytes: number };

/**
 * One part's workbook, in memory only as its compressed bytes (the rows stream through). A file
 * over `maxBytes` (Telegram's 50 MB for a bot's document) is not kept: its size is answered so
 * the owner can be told.
 */
export async function buildXlsxPart(
  db: Executor,
  period: ExportPeriod,
  t: Catalogue,
  tz: string,
  options: { maxBytes?: number; pageSize?: number; sliceMs?: number } = {},
): Promise<XlsxPartFile> {
  const maxBytes = options.maxBytes ?? TELEGRAM_DOCUMENT_LIMIT_BYTES;
  const volume = await loadPeriodVolume(db, period);
  const chunks: Buffer[] = [];
  let size = 0;
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else chunks.length = 0; // too large to send: only its size matters now
      done();
    },
  });
  const finished = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  const { checks, items } = await writeChecksWorkbook(db, period, volume, t, tz, out, {
    ...(options.pageSize !== undefined ? { pageSize: options.pageSize } : {}),
    ...(options.sliceMs !== undefined ? { sliceMs: options.sliceMs } : {}),
  });
  await finished;
  return size > maxBytes ? { tooBigBytes: size } : { bytes: Buffer.concat(chunks, size), checks, items };
}
