import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client.js';
import { queryRows } from '../../platform/db/rows.js';
import { daysBefore, type PruneTask } from '../../platform/schedules/housekeeping.js';

/** Rows deleted per statement, so one run never holds long locks or a huge transaction. */
const BATCH = 500;

/**
 * Deletes stored PDFs of checks made more than `days` ago (by the check's own time) and marks
 * those checks as having none; the check, its figures and its e-receipt link stay, and /receipt
 * then sends the link. Idempotent: any instance may run it any number of times. Run nightly by
 * the housekeeping (receiptPdfPruning).
 */
export async function pruneReceiptPdfs(db: Database, days: number, now = new Date()): Promise<number> {
  const cutoff = daysBefore(now, days);
  let total = 0;
  for (;;) {
    const rows = await queryRows<{ n: unknown }>(
      db,
      sql`with old as (
            select p.check_id from check_pdfs p join checks c on c.id = p.check_id
            where c.ordered_at < ${cutoff}::timestamptz
            limit ${BATCH}
            for update of p skip locked
          ), gone as (
            delete from check_pdfs p using old where p.check_id = old.check_id returning p.check_id
          ), marked as (
            update checks c set has_pdf = false from gone where c.id = gone.check_id returning c.id
          )
          select count(*) as n from marked`,
    );
    const n = Number(rows[0]?.n ?? 0);
    total += n;
    if (n < BATCH) return total;
  }
}

/** The nightly pruning (platform/schedules/housekeeping.ts): stored PDFs after RECEIPT_RETENTION_DAYS. */
export const receiptPdfPruning = (days: number): PruneTask => ({ table: 'check_pdfs', prune: (db, now) => pruneReceiptPdfs(db, days, now) });
