import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../platform/db/client.js';
import { queryRows } from '../../platform/db/rows.js';
import type { Lang } from '../../platform/i18n/catalogue.js';
import type { ExportPeriod } from './export-source.js';
import type { ExportFormat } from './export-parts.js';
import { queueExport } from './export-files.js';

/**
 * What one person may ask of the exports (the bot's /export and the Mini App's buttons alike):
 * at most one export waiting to be sent at a time, and EXPORTS_PER_DAY a day (a token bucket
 * that refills one export every 24 h / EXPORTS_PER_DAY, kept in `rate_buckets` so it holds
 * across instances). Checked and queued under a lock on the person, so two requests at once
 * cannot both pass.
 */
export const EXPORTS_PER_DAY = 20;

export type ExportRequestResult = { queued: number } | { refused: 'waiting' | 'daily_limit' };

const requestSchema = z.object({
  requestedBy: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  businessId: z.number().int().positive(),
  chatId: z.number().int(),
  format: z.enum(['csv', 'xlsx']),
});

export async function requestExport(
  db: Database,
  input: ExportPeriod & { chatId: number; lang: Lang; format: ExportFormat; requestedBy: number },
  options: { maxBytes?: number; perDay?: number } = {},
): Promise<ExportRequestResult> {
  const { requestedBy } = requestSchema.parse(input);
  const perDay = options.perDay ?? EXPORTS_PER_DAY;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`export:${requestedBy}`}, 0))`);
    const waiting = await queryRows<{ one: unknown }>(
      tx,
      sql`select 1 as one from outbox
          where status = 'pending' and kind = 'export' and payload->>'requestedBy' = ${String(requestedBy)}
          limit 1`,
    );
    if (waiting.length > 0) return { refused: 'waiting' as const };
    // GCRA: the bucket's `not_before` is when it would be full again; an export moves it on by
    // a day's share, and is refused when that would pass a whole day from now.
    const share = (24 * 3600) / perDay;
    const taken = await queryRows<{ one: unknown }>(
      tx,
      sql`insert into rate_buckets (key, not_before)
          values (${`export:${requestedBy}`}, clock_timestamp() + make_interval(secs => ${share}::double precision))
          on conflict (key) do update
            set not_before = greatest(rate_buckets.not_before, clock_timestamp()) + make_interval(secs => ${share}::double precision)
            where greatest(rate_buckets.not_before, clock_timestamp()) + make_interval(secs => ${share}::double precision) <= clock_timestamp() + interval '1 day'
          returning 1 as one`,
    );
    if (taken.length === 0) return { refused: 'daily_limit' as const };
    return { queued: await queueExport(tx, input, options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}) };
  });
}
