import cron, { type ScheduledTask } from 'node-cron';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import type { Logger } from '../observability/logger.js';
import { queryRows } from '../db/rows.js';

/** Daily, at a quiet hour of the business day. */
export const RETENTION_CRON = '30 3 * * *';
/** Rows deleted per statement, so one run never holds long locks or a huge transaction. */
const BATCH = 500;

/**
 * Deletes stored PDFs of checks made more than `days` ago (by the check's own time) and marks
 * those checks as having none; the check, its figures and its e-receipt link stay, and /receipt
 * then sends the link. Idempotent: any instance may run it any number of times.
 */
export async function pruneReceiptPdfs(db: Database, days: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 24 * 60 * 60 * 1000).toISOString();
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

/** Runs pruneReceiptPdfs on RETENTION_CRON in BUSINESS_TZ. */
export function startReceiptRetention(deps: { db: Database; days: number; tz: string; logger: Logger }): { stop(): Promise<void> } {
  let running: Promise<unknown> | undefined;
  const task: ScheduledTask = cron.schedule(
    RETENTION_CRON,
    () => {
      running = pruneReceiptPdfs(deps.db, deps.days).then(
        (n) => n > 0 && deps.logger.info({ pdfs: n, days: deps.days }, 'pruned stored receipt PDFs'),
        (err: unknown) => deps.logger.warn({ err }, 'could not prune receipt PDFs; next run tomorrow'),
      );
    },
    { timezone: deps.tz, name: 'receipt-retention', noOverlap: true },
  );
  return {
    async stop() {
      await task.stop();
      await running;
    },
  };
}
