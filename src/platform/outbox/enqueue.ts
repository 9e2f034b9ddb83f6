import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { preparedStatement } from '../db/rows.js';
import type { NewJob } from './job-kinds.js';

const ENQUEUE_JOBS = preparedStatement<{ rows: string }>(
  'enqueue_jobs',
  sql`with j as (
      select x.* from jsonb_to_recordset(${sql.placeholder('rows')}::jsonb) as x("ord" integer, "businessId" bigint, "chatId" bigint, "kind" text,
             "checkId" bigint, "payload" jsonb, "eventAt" timestamptz, "notBefore" timestamptz)
    ), leases as (
      insert into chat_leases (chat_id, leased_by, lease_until)
      select distinct "chatId", '', 'epoch'::timestamptz from j
      on conflict (chat_id) do nothing
    )
    insert into outbox (business_id, chat_id, kind, check_id, payload, event_at, not_before)
    select "businessId", "chatId", "kind", "checkId", "payload", "eventAt", "notBefore" from j order by ord`,
);

/**
 * Writes jobs for the worker; call it inside the transaction that causes them. Each chat's
 * lease row (chat-leases.ts) is made here too, the first time, so claiming never has to look
 * for chats without one. ONE statement: the jobs as one jsonb parameter, inserted in their
 * order (so their outbox ids follow it), and the lease rows in a data-modifying CTE.
 */
export async function enqueueJobs(tx: Executor, jobs: NewJob[]): Promise<void> {
  if (jobs.length === 0) return;
  const now = new Date().toISOString();
  const rows = JSON.stringify(
    jobs.map((j, ord) => ({
      ord,
      businessId: j.businessId,
      chatId: j.chatId,
      kind: j.kind,
      checkId: ('checkId' in j ? j.checkId : null) ?? null,
      payload: 'payload' in j ? j.payload : {},
      eventAt: (j.eventAt ?? null)?.toISOString() ?? now,
      notBefore: j.notBefore?.toISOString() ?? null,
    })),
  );
  await ENQUEUE_JOBS.rows(tx, { rows });
}
