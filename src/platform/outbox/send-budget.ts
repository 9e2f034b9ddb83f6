import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { queryRows } from '../db/rows.js';
import type { SendBudget } from '../telegram/gateway-transformer.js';
import { ruleForChat, sendRules, type SendRule, type SendRules, type TelegramLimits } from '../telegram/rate-limits.js';

/**
 * The send budgets of the whole deployment, kept in PostgreSQL so that every instance (and the
 * bot's own replies) draws on the same ones: one per chat (the `not_before` of `chat_leases`)
 * and one overall (`rate_buckets` row 'global'). Each reservation is one atomic statement that
 * computes `reserve()` of rate-limits.ts on the database's clock, so instances never disagree
 * about time; the caller then waits until its slot. Limits are kept before sending, not learnt
 * from 429s; a 429 still pushes the budget back by its `retry_after`. It is the transport's
 * `SendBudget` (the limits transformer draws on it), with the rules the worker plans by.
 */
export interface RateLimiter extends SendBudget {
  readonly rules: SendRules;
}

export interface RateLimiterOptions {
  limits?: TelegramLimits;
  /** Fraction of Telegram's limits we allow ourselves (see sendRules). */
  margin?: number;
  /** 429s for this many different chats within `floodWindowMs` pause every chat. */
  floodChats?: number;
  floodWindowMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const GLOBAL_BUCKET = 'global';

export function createRateLimiter(db: Database, options: RateLimiterOptions = {}): RateLimiter {
  const rules = sendRules(options.limits, options.margin);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const floodChats = options.floodChats ?? 3;
  const floodWindowMs = options.floodWindowMs ?? 2000;
  const recent429 = new Map<string, number>();

  return {
    rules,
    async acquire(chatId) {
      const wait =
        typeof chatId === 'number' ? await reserveChatAndGlobal(db, chatId, ruleForChat(rules, chatId), rules.global) : await reserveGlobal(db, rules.global);
      if (wait !== undefined && wait > 0) await sleep(wait);
    },
    async tryAcquire(chatId, maxWaitMs) {
      const wait =
        typeof chatId === 'number'
          ? await reserveChatAndGlobal(db, chatId, ruleForChat(rules, chatId), rules.global, maxWaitMs)
          : await reserveGlobal(db, rules.global);
      if (wait === undefined) return false;
      if (wait > 0) await sleep(wait);
      return true;
    },
    async penalize(chatId, retryAfterMs) {
      const now = Date.now();
      let global = typeof chatId !== 'number';
      if (typeof chatId === 'number') {
        await pushChat(db, chatId, retryAfterMs);
        recent429.set(String(chatId), now);
        for (const [key, at] of recent429) if (at < now - floodWindowMs) recent429.delete(key);
        global = recent429.size >= floodChats;
      }
      if (global) await pushGlobal(db, retryAfterMs);
    },
  };
}

const ms = (value: number) => sql`(${value}::double precision * interval '1 millisecond')`;

/**
 * One slot that suits both the chat's and the overall budget, reserved in both at once: the
 * message goes at S = max(now, chat's not_before, global not_before), and each budget advances as
 * `reserve()` of rate-limits.ts does for a message at S. Reserving them one after the other
 * would be wrong: waiting for the second slot sends the message later than the first one was
 * booked for, and a late message crowds the next one in that budget. Both rows are locked for
 * the statement, so concurrent reservations (any process) queue behind each other.
 * Answers the milliseconds until S. The clock is the database's (`clock_timestamp()`, not the
 * transaction's start), so a reservation that waited for a lock is not booked in the past.
 * With `maxWaitMs` (tryAcquire) nothing is reserved, and undefined answered, when S is further
 * away than that.
 */
async function reserveChatAndGlobal(
  db: Database,
  chatId: number,
  chat: SendRule,
  global: SendRule,
  maxWaitMs?: number,
): Promise<number | undefined> {
  // With a horizon (tryAcquire), both updates happen only when the slot comes within it.
  const soonEnough = maxWaitMs === undefined ? sql`true` : sql`slot.at <= clock_timestamp() + ${ms(maxWaitMs)}`;
  const reserve = () =>
    queryRows<{ wait_ms: string | number; reserved: boolean }>(
      db,
      sql`with slot as (
            select greatest(clock_timestamp(), c.not_before, g.not_before) as at
            from chat_leases c, rate_buckets g
            where c.chat_id = ${chatId}::bigint and g.key = ${GLOBAL_BUCKET}
            for update of c, g
          ),
          chat as (
            update chat_leases c
            set not_before = greatest(c.not_before, slot.at - ${ms(tolerance(chat))}) + ${ms(chat.intervalMs)}
            from slot where c.chat_id = ${chatId}::bigint and ${soonEnough}
            returning c.chat_id
          ),
          booked as (
            update rate_buckets g
            set not_before = greatest(g.not_before, slot.at - ${ms(tolerance(global))}) + ${ms(global.intervalMs)}
            from slot
            where g.key = ${GLOBAL_BUCKET} and exists (select 1 from chat)
            returning g.key
          )
          select extract(epoch from (slot.at - clock_timestamp())) * 1000 as wait_ms, exists (select 1 from booked) as reserved
          from slot`,
    );
  let [row] = await reserve();
  if (!row) {
    // First message to this chat (or ever): create the rows, then reserve.
    await db.execute(
      sql`insert into chat_leases (chat_id, leased_by, lease_until) values (${chatId}::bigint, '', '-infinity') on conflict (chat_id) do nothing`,
    );
    await db.execute(sql`insert into rate_buckets (key, not_before) values (${GLOBAL_BUCKET}, '-infinity') on conflict (key) do nothing`);
    [row] = await reserve();
  }
  if (row && !row.reserved) return undefined;
  return Math.max(0, Number(row?.wait_ms ?? 0));
}

const tolerance = (rule: SendRule) => (rule.burst - 1) * rule.intervalMs;

/** The overall budget alone (a call with no numeric chat id): the same arithmetic, one row. */
async function reserveGlobal(db: Database, rule: SendRule): Promise<number> {
  const [row] = await queryRows<{ wait_ms: string | number }>(
    db,
    sql`insert into rate_buckets (key, not_before)
        values (${GLOBAL_BUCKET}, clock_timestamp() - ${ms(tolerance(rule))} + ${ms(rule.intervalMs)})
        on conflict (key) do update
          set not_before = greatest(rate_buckets.not_before, clock_timestamp() - ${ms(tolerance(rule))}) + ${ms(rule.intervalMs)}
        returning extract(epoch from (not_before - clock_timestamp())) * 1000 - ${rule.intervalMs}::double precision as wait_ms`,
  );
  return Math.max(0, Number(row?.wait_ms ?? 0));
}

async function pushChat(db: Database, chatId: number, retryAfterMs: number): Promise<void> {
  await db.execute(
    sql`insert into chat_leases (chat_id, leased_by, lease_until, not_before)
        values (${chatId}::bigint, '', '-infinity', clock_timestamp() + ${ms(retryAfterMs)})
        on conflict (chat_id) do update
          set not_before = greatest(chat_leases.not_before, clock_timestamp() + ${ms(retryAfterMs)})`,
  );
}

async function pushGlobal(db: Database, retryAfterMs: number): Promise<void> {
  await db.execute(
    sql`insert into rate_buckets (key, not_before) values (${GLOBAL_BUCKET}, clock_timestamp() + ${ms(retryAfterMs)})
        on conflict (key) do update set not_before = greatest(rate_buckets.not_before, clock_timestamp() + ${ms(retryAfterMs)})`,
  );
}
