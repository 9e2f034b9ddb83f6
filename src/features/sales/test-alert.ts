import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../platform/db/client.js';
import { queryRows } from '../../platform/db/rows.js';
import { enqueueJobs } from '../../platform/outbox/enqueue.js';

/** How often one chat may get a test alert (/start's button): once a minute. */
export const TEST_ALERT_INTERVAL_SECONDS = 60;

const requestSchema = z.object({ businessId: z.number().int().positive(), chatId: z.number().int() });

/**
 * /start's test button: queues a 'test_alert' job for the chat (the normal outbox path), at most
 * one a minute per chat, kept in `rate_buckets` (key `test_alert:<chat>`) so it holds across
 * instances. Taking the minute and queueing are one transaction. Answers whether it was queued.
 */
export async function requestTestAlert(db: Database, input: { businessId: number; chatId: number; at: Date }): Promise<'queued' | 'too_soon'> {
  const { businessId, chatId } = requestSchema.parse(input);
  return db.transaction(async (tx) => {
    const taken = await queryRows<{ one: unknown }>(
      tx,
      sql`insert into rate_buckets (key, not_before)
          values (${`test_alert:${chatId}`}, clock_timestamp() + make_interval(secs => ${TEST_ALERT_INTERVAL_SECONDS}))
          on conflict (key) do update
            set not_before = clock_timestamp() + make_interval(secs => ${TEST_ALERT_INTERVAL_SECONDS})
            where rate_buckets.not_before <= clock_timestamp()
          returning 1 as one`,
    );
    if (taken.length === 0) return 'too_soon';
    await enqueueJobs(tx, [{ businessId, chatId, kind: 'test_alert', payload: { at: input.at.toISOString() } }]);
    return 'queued';
  });
}
