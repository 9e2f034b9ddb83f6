import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { queryRows } from '../db/rows.js';

/**
 * Which worker sends to which chat. One row per chat in `chat_leases`; a worker that holds a
 * chat's lease is the only one sending to it, so a chat's messages go in order and never two at
 * once, across any number of processes. A lease is a time, not a held transaction: no database
 * transaction stays open during a Telegram call, and a process killed mid-way simply lets its
 * leases run out, after which any worker takes the chats over (at most the one message that was
 * in flight goes twice). The same row carries the chat's send budget (`not_before`, see
 * platform/outbox/send-budget.ts), so a chat is only claimed when it may be sent to.
 *
 * Claiming uses `FOR UPDATE SKIP LOCKED` on the lease rows: workers polling at the same moment
 * skip each other's candidates instead of queueing behind them, and each chat goes to one.
 */
const ms = (value: number) => sql`(${value}::double precision * interval '1 millisecond')`;

export interface ClaimOptions {
  workerId: string;
  leaseMs: number;
  limit: number;
  /**
   * Also make lease rows for chats that have pending jobs but none yet. enqueueJobs makes them
   * with the jobs; this catches rows written otherwise (a migrated chat's moved jobs). It reads
   * every pending job, so the worker asks for it only now and then, not on every claim.
   */
  ensureLeases?: boolean;
}

/**
 * Claims up to `limit` chats that have a message due (their oldest pending job's `run_after` has
 * come), no live lease, and budget to send now. A waiting reply to a person is the head before
 * any alert (outbox.ts, pendingJobs); a job written for later (`not_before`) is no head until its
 * time has come. Returns their ids. Each lease row looks up its
 * chat's oldest pending job through the (chat_id, id) index of pending jobs, so a claim costs a
 * probe per chat, however long the queues are.
 *
 * Fair across businesses (round-robin): the send budget is shared by every business, so a due
 * chat's place is its turn within its own business, counting the business's chats already being
 * served (by any worker) first: turn = chats of the business in flight + its rank among the
 * business's due chats, oldest waiting first. Chats are claimed by turn, then oldest waiting. A
 * business with hundreds of busy chats thus never keeps another business's one chat waiting for
 * more than a claim or two. A chat's own messages still go in order, one turn at a time.
 */
export async function claimDueChats(db: Database, options: ClaimOptions): Promise<number[]> {
  if (options.limit <= 0) return [];
  if (options.ensureLeases) {
    await db.execute(sql`
      insert into chat_leases (chat_id, leased_by, lease_until)
      select distinct o.chat_id, '', '-infinity'::timestamptz
      from outbox o
      where o.status = 'pending'
        and not exists (select 1 from chat_leases l where l.chat_id = o.chat_id)
      on conflict (chat_id) do nothing`);
  }
  const rows = await queryRows<{ chat_id: string | number }>(
    db,
    sql`
    with heads as (
      select l.chat_id, head.id as head_id, head.business_id, l.lease_until > now() as busy
      from chat_leases l
      cross join lateral (
        select h.id, h.run_after, h.business_id from (
          (select o.id, o.run_after, o.business_id, 0 as rank from outbox o
           where o.chat_id = l.chat_id and o.status = 'pending' and o.kind = 'reply'
             and (o.not_before is null or o.not_before <= now())
           order by o.id
           limit 1)
          union all
          (select o.id, o.run_after, o.business_id, 1 as rank from outbox o
           where o.chat_id = l.chat_id and o.status = 'pending' and (o.not_before is null or o.not_before <= now())
           order by o.id
           limit 1)
        ) h
        order by h.rank
        limit 1
      ) head
      where l.lease_until > now()
         or (head.run_after <= now() and (l.not_before is null or l.not_before <= now()))
    ),
    turns as (
      select chat_id, head_id, busy,
             row_number() over (partition by business_id order by busy desc, head_id) as turn
      from heads
    ),
    candidates as (
      select l.chat_id
      from chat_leases l
      join turns t on t.chat_id = l.chat_id and not t.busy
      where l.lease_until <= now()
        and (l.not_before is null or l.not_before <= now())
      order by t.turn, t.head_id
      limit ${options.limit}
      for update of l skip locked
    )
    update chat_leases c
    set leased_by = ${options.workerId}, lease_until = now() + ${ms(options.leaseMs)}
    from candidates
    where c.chat_id = candidates.chat_id
    returning c.chat_id`,
  );
  return rows.map((r) => Number(r.chat_id));
}

/** Milliseconds until the chat's send budget allows a message (0: now). */
export async function chatWaitMs(db: Database, chatId: number): Promise<number> {
  const [row] = await queryRows<{ wait_ms: string | number | null }>(
    db,
    sql`select extract(epoch from (not_before - now())) * 1000 as wait_ms from chat_leases where chat_id = ${chatId}::bigint`,
  );
  return Math.max(0, Number(row?.wait_ms ?? 0));
}

/** Gives the chat back, so any worker may take it as soon as it has something due. */
export async function releaseLease(db: Database, chatId: number, workerId: string): Promise<void> {
  await db.execute(
    sql`update chat_leases set leased_by = '', lease_until = now()
        where chat_id = ${chatId}::bigint and leased_by = ${workerId}`,
  );
}
