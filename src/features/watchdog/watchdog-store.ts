import { eq, sql } from 'drizzle-orm';
import { countedSql } from '../../platform/db/check-kinds.js';
import type { Executor } from '../../platform/db/client.js';
import { queryRows } from '../../platform/db/rows.js';
import { businesses } from '../../platform/db/schema.js';
import { OFFLINE_EPISODE_MS, RETURN_SHARE_PERCENT, offlineEpisodeTold, type WatchdogThresholds } from './watchdog.js';

/**
 * The watchdog's state in the database: the two claims ingest makes only when a check calls for
 * them (a return in the afternoon, an offline check), and the business's thresholds.
 */

/**
 * For a return in the afternoon: the day's sales and returns when its returns are over 10 % of
 * its sales and the day was not told yet, claiming the day (once per business per day; a
 * concurrent return waits for the row and then finds it claimed). ONE statement.
 */
export async function claimReturnShare(tx: Executor, businessId: number, businessDate: string): Promise<{ salesKop: number; returnsKop: number } | undefined> {
  const [row] = await queryRows<{ sales: unknown; returns: unknown }>(
    tx,
    sql`update businesses b set return_share_alerted_on = ${businessDate}::date
          from (select coalesce(sum(total_kop) filter (where kind = 'sale'), 0) as sales,
                       coalesce(sum(${countedSql(sql`total_kop`)}) filter (where kind = 'return'), 0) as returns
                  from checks where business_id = ${businessId}::bigint and business_date = ${businessDate}::date) d
         where b.id = ${businessId}::bigint and b.return_share_alerted_on is distinct from ${businessDate}::date
           and d.returns > 0 and d.returns * 100 > d.sales * ${RETURN_SHARE_PERCENT}
     returning d.sales, d.returns`,
  );
  return row ? { salesKop: Number(row.sales), returnsKop: Number(row.returns) } : undefined;
}

/**
 * For an offline check: opens the desk's offline episode unless one opened less than
 * OFFLINE_EPISODE_MS before this arrival (then the check joins it). The moment it opened when
 * this check opened it, else undefined. ONE statement (opensOfflineEpisode's rule).
 */
export async function claimOfflineEpisode(tx: Executor, deskId: number, receivedAt: Date): Promise<Date | undefined> {
  const since = new Date(receivedAt.getTime() - OFFLINE_EPISODE_MS).toISOString();
  const [row] = await queryRows<{ id: unknown }>(
    tx,
    sql`update cash_desks set offline_episode_at = ${receivedAt.toISOString()}::timestamptz
         where id = ${deskId}::bigint
           and (offline_episode_at is null or offline_episode_at <= ${since}::timestamptz
                or offline_episode_at > ${receivedAt.toISOString()}::timestamptz)
     returning id`,
  );
  return row ? receivedAt : undefined;
}

/**
 * The till is back online (its first online check after the offline ones, arriving at
 * `closedAt`): closes the desk's episode opened at `openedAt` unless another check did, and
 * brings its waiting message (written by an earlier transaction, to `chatIds`) forward to now,
 * counting the arrivals up to this one (offlineEpisodeTold). Whether this call closed it. ONE statement.
 */
export async function closeOfflineEpisode(
  tx: Executor,
  input: { businessId: number; deskId: number; openedAt: Date; closedAt: Date; chatIds: number[] },
): Promise<boolean> {
  const told = offlineEpisodeTold(input.openedAt, input.closedAt);
  const [row] = await queryRows<{ closed: unknown }>(
    tx,
    sql`with closed as (
          update cash_desks set offline_episode_at = null
           where id = ${input.deskId}::bigint and offline_episode_at = ${input.openedAt.toISOString()}::timestamptz
       returning id
        ), told as (
          update outbox set not_before = ${told.notBefore.toISOString()}::timestamptz,
                            payload = payload || jsonb_build_object('until', ${told.until.toISOString()}::text)
           where exists (select 1 from closed)
             and chat_id = any(${`{${input.chatIds.join(',')}}`}::bigint[]) and status = 'pending'
             and business_id = ${input.businessId}::bigint and kind = 'till_offline'
             and payload->>'cashDeskId' = ${String(input.deskId)} and payload->>'from' = ${input.openedAt.toISOString()}
       returning id
        )
        select (select count(*) from closed) as closed, (select count(*) from told) as told`,
  );
  return Number(row?.closed ?? 0) > 0;
}

export async function watchdogThresholds(db: Executor, businessId: number): Promise<WatchdogThresholds> {
  const [row] = await db
    .select({ returnKop: businesses.returnAlertKop, discountPct: businesses.discountAlertPct, withdrawKop: businesses.withdrawAlertKop })
    .from(businesses)
    .where(eq(businesses.id, businessId));
  return { returnKop: row?.returnKop ?? null, discountPct: row?.discountPct ?? null, withdrawKop: row?.withdrawKop ?? null };
}

export type WatchdogThreshold = keyof WatchdogThresholds;

/** Sets one of the business's thresholds (null: off). */
export async function setWatchdogThreshold(db: Executor, businessId: number, which: WatchdogThreshold, value: number | null): Promise<void> {
  const set =
    which === 'returnKop' ? { returnAlertKop: value } : which === 'discountPct' ? { discountAlertPct: value } : { withdrawAlertKop: value };
  await db.update(businesses).set(set).where(eq(businesses.id, businessId));
}

/** A check of the business day already past a threshold (what setting it answers with). */
export interface PastCheck {
  checkId: number;
  numFiscal: string;
  orderNum: string | null;
  localNumber: number | null;
  uuid: string;
  orderedAt: Date;
  totalKop: number;
  discountKop: number;
}

/**
 * The business day's checks already past a threshold just set, newest first (at most `limit`):
 * returns above an amount, sales whose discounts are over a percent of their price before them,
 * withdrawals above an amount. The same rules as watchdog.ts, in SQL.
 */
export async function checksPast(
  db: Executor,
  input: { businessId: number; businessDate: string; which: WatchdogThreshold; value: number; limit?: number },
): Promise<PastCheck[]> {
  const { businessId, businessDate, which, value } = input;
  const condition =
    which === 'returnKop'
      ? sql`c.kind = 'return' and abs(c.total_kop) > ${value}::bigint`
      : which === 'discountPct'
        ? sql`c.kind = 'sale' and c.discount_kop <> 0 and abs(c.discount_kop) * 100 > ${value}::bigint * (abs(c.total_kop) + abs(c.discount_kop))`
        : sql`c.kind = 'service_out' and abs(c.total_kop) > ${value}::bigint`;
  const rows = await queryRows<{
    id: unknown;
    num_fiscal: string;
    order_num: string | null;
    local_number: unknown;
    uuid: string;
    ordered_at: unknown;
    total_kop: unknown;
    discount_kop: unknown;
  }>(
    db,
    sql`select c.id, d.num_fiscal, c.order_num, c.local_number, c.uuid, c.ordered_at, c.total_kop, c.discount_kop
          from checks c join cash_desks d on d.id = c.cash_desk_id
         where c.business_id = ${businessId}::bigint and c.business_date = ${businessDate}::date and ${condition}
         order by c.ordered_at desc, c.id desc
         limit ${input.limit ?? 20}`,
  );
  return rows.map((r) => ({
    checkId: Number(r.id),
    numFiscal: r.num_fiscal,
    orderNum: r.order_num,
    localNumber: r.local_number === null ? null : Number(r.local_number),
    uuid: r.uuid,
    orderedAt: r.ordered_at instanceof Date ? r.ordered_at : new Date(String(r.ordered_at)),
    totalKop: Number(r.total_kop),
    discountKop: Number(r.discount_kop),
  }));
}

/** An offline episode's checks as they are stored now (its message is rendered from them). */
export interface OfflineEpisode {
  numFiscal: string;
  firstAt: Date;
  lastAt: Date;
  count: number;
  totalKop: number;
  last: { checkId: number; link: string | null; hasPdf: boolean };
}

/**
 * The offline checks of a business's cash desk that arrived from..until (the episode), or
 * undefined when there are none (the desk is another business's, or the checks are gone).
 */
export async function loadOfflineEpisode(
  db: Executor,
  input: { businessId: number; cashDeskId: number; from: Date; until: Date },
): Promise<OfflineEpisode | undefined> {
  const [row] = await queryRows<{
    num_fiscal: string;
    first_at: unknown;
    last_at: unknown;
    count: unknown;
    total: unknown;
    last_id: unknown;
    last_link: string | null;
    last_pdf: boolean;
  }>(
    db,
    sql`with episode as (
          select c.id, c.ordered_at, c.kind, c.total_kop, c.link, c.has_pdf
            from checks c
           where c.business_id = ${input.businessId}::bigint and c.cash_desk_id = ${input.cashDeskId}::bigint and c.is_offline
             and c.received_at >= ${input.from.toISOString()}::timestamptz and c.received_at < ${input.until.toISOString()}::timestamptz
        ), last as (
          select id, link, has_pdf from episode order by ordered_at desc, id desc limit 1
        )
        select d.num_fiscal, min(e.ordered_at) as first_at, max(e.ordered_at) as last_at, count(*) as count,
               coalesce(sum(case e.kind when 'return' then -${countedSql(sql`e.total_kop`, 'e')} when 'sale' then e.total_kop else 0 end), 0) as total,
               (select id from last) as last_id, (select link from last) as last_link, (select has_pdf from last) as last_pdf
          from episode e join cash_desks d on d.id = ${input.cashDeskId}::bigint
         group by d.num_fiscal`,
  );
  if (!row || row.last_id === null) return undefined;
  const date = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));
  return {
    numFiscal: row.num_fiscal,
    firstAt: date(row.first_at),
    lastAt: date(row.last_at),
    count: Number(row.count),
    totalKop: Number(row.total),
    last: { checkId: Number(row.last_id), link: row.last_link, hasPdf: row.last_pdf },
  };
}
