import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/client.js';
import { cashDesks } from '../db/schema.js';
import { queryRows } from '../db/rows.js';
import type { Business } from '../access/businesses.js';
import type { NormalisedCheck } from '../cashdesk/normalise.js';
import { evaluateCashThresholds, type CashAlertKind } from '../alerts/cash-thresholds.js';
import { cashMovementKop, decideWatchdog, DRAWER_TOLERANCE_KOP, needsReturnShare, watchdogJobs, type DrawerBefore, type WatchdogFacts, type WatchdogThresholds } from '../alerts/watchdog.js';
import { claimOfflineEpisode, claimReturnShare } from '../alerts/watchdog-store.js';
import type { WatchdogKind } from '../alerts/kinds.js';
import { enqueueJobs } from '../delivery/enqueue.js';
import type { NewJob } from '../delivery/jobs.js';
import { followsDesk, wantsSaleAlert } from '../settings/chat-settings.js';
import { notifyOwners } from '../notices/owner-notices.js';

export type IngestResult =
  | { status: 'stored'; checkId: number; jobs: number; /** Watchdog alerts decided (for the metric, counted after the commit). */ watchdog: WatchdogKind[] }
  | { status: 'duplicate'; checkId: number };

/**
 * Stores a check with its items, payments and PDF, updates its cash desk, and writes the
 * messages it causes, all in ONE transaction: when this resolves, everything is committed.
 * The same uuid again within the business changes nothing and enqueues nothing.
 */
export async function ingestCheck(db: Database, business: Business, check: NormalisedCheck, receivedAt = new Date()): Promise<IngestResult> {
  return db.transaction(async (tx) => {
    // One statement stores the check with everything it carries and reads its recipients. In a
    // race (a concurrent first check of the same new desk, or of the same uuid) it may find
    // neither a new nor an existing row; the waiting it did means the rival is committed now,
    // so once more sees it.
    let stored = await storeCheck(tx, business.id, check, receivedAt);
    for (let attempt = 0; stored.checkId === null && stored.existingId === null && attempt < 3; attempt++) {
      stored = await storeCheck(tx, business.id, check, receivedAt);
    }
    if (stored.checkId === null) {
      if (stored.existingId === null) throw new Error('check neither stored nor found');
      return { status: 'duplicate', checkId: stored.existingId };
    }
    const { checkId, deskId, recipients, thresholds } = stored;

    // Each chat's noise control (/settings): muted, cash desks, only returns, minimum amount.
    const jobs: NewJob[] = recipients
      .filter((r) => wantsSaleAlert(r, check))
      .map((r) => ({ businessId: business.id, chatId: r.chatId, kind: 'sale', checkId, eventAt: receivedAt }));

    // The watchdog (src/alerts/watchdog.ts) decides from what these statements return; its rare
    // statements of its own: the day's returns share for a return in the afternoon
    // (before the drawer: the business row, then the desk row, the order /lowcash takes them in).
    const facts: WatchdogFacts = {};
    if (needsReturnShare(check)) {
      const share = await claimReturnShare(tx, business.id, check.businessDate);
      if (share) facts.returnShare = share;
    }

    // The drawer last but one: its row lock lasts from here to the commit, so it is held for two
    // statements only. The jobs are written under it, so checks of one cash desk get their
    // outbox ids in the order they commit, and the worker, which sends by id, never sends a
    // later check's alert before an earlier one's that was not yet visible.
    // A check dated more than a day after it arrived comes from a cash desk with a wrong clock:
    // its money is real (stored, counted on its own date), but it must not become the drawer's
    // "newest" figure, which would freeze the drawer and its alerts until that date.
    const datedAhead = isDatedAhead(check.orderedAt, receivedAt);
    let drawerBefore: DrawerBefore | null = null;
    if (!datedAhead && check.cashInBoxKop !== null) {
      const { alerts, before } = await updateDrawer(tx, business.id, deskId, check, check.cashInBoxKop, receivedAt);
      drawerBefore = before;
      for (const kind of alerts) {
        for (const r of recipients.filter((c) => followsDesk(c, check.numFiscal))) {
          jobs.push({
            businessId: business.id,
            chatId: r.chatId,
            kind,
            checkId,
            payload: { cashDeskId: deskId, cashKop: check.cashInBoxKop },
            eventAt: receivedAt,
          });
        }
      }
    }
    // ... and an offline check, its episode (the message goes out once the episode's checks are in).
    if (check.isOffline) {
      const openedAt = await claimOfflineEpisode(tx, deskId, receivedAt);
      if (openedAt) facts.offlineEpisode = { cashDeskId: deskId, openedAt };
    }
    const watchdog = decideWatchdog(check, thresholds, drawerBefore, facts);
    jobs.push(...watchdogJobs(watchdog, { businessId: business.id, checkId, numFiscal: check.numFiscal, eventAt: receivedAt }, recipients));
    await enqueueJobs(tx, jobs);
    // ... and the owner hears of it, once in 24 hours per cash desk, after the check's own alert.
    let notices = 0;
    if (datedAhead && (await claimClockNotice(tx, deskId, receivedAt))) {
      notices = await notifyOwners(tx, business.id, {
        key: 'desk_clock_wrong',
        args: { numFiscal: check.numFiscal, orderedAt: check.orderedAt.toISOString(), receivedAt: receivedAt.toISOString() },
      });
    }

    return { status: 'stored', checkId, jobs: jobs.length + notices, watchdog: watchdog.map((a) => a.kind) };
  });
}

/** A chat that may be told about the check, with its noise control. */
interface Recipient {
  chatId: number;
  muted: boolean;
  minSaleKop: number | null;
  onlyReturns: boolean;
  deskFilter: string[] | null;
  watchdogOff: string[];
}

type Stored =
  | { checkId: number; deskId: number; recipients: Recipient[]; thresholds: WatchdogThresholds; existingId: null }
  | { checkId: null; existingId: number | null };

/**
 * ONE statement (data-modifying CTEs): finds or creates the cash desk (taking no lock), inserts
 * the check unless its uuid is known in the business, its items, payments and PDF (the lines as
 * one jsonb parameter each, so a 10 000-line check needs no chunks under the protocol's 65 535
 * parameters), and reads the business's active chats when the check is new. The strings are
 * storable in jsonb (parseCheck's toStorableJson), so items and payments go through it unchanged.
 * The PDF goes as base64 text (4/3 of its size) rather than as a bytea parameter, which
 * postgres.js sends in hex (twice its size): the largest part of every check on the wire.
 */
async function storeCheck(tx: Executor, businessId: number, check: NormalisedCheck, receivedAt: Date): Promise<Stored> {
  const items = check.items.length > 0 ? JSON.stringify(check.items) : null;
  const payments = check.payments.length > 0 ? JSON.stringify(check.payments) : null;
  const [row] = await queryRows<{ check_id: unknown; desk_id: unknown; existing_id: unknown; recipients: unknown; thresholds: unknown }>(
    tx,
    sql`with desk_found as (
          select id from cash_desks where business_id = ${businessId}::bigint and num_fiscal = ${check.numFiscal}::text
        ), desk_new as (
          insert into cash_desks (business_id, num_fiscal)
          select ${businessId}::bigint, ${check.numFiscal}::text where not exists (select 1 from desk_found)
          on conflict do nothing
          returning id
        ), desk as (
          select id from desk_found union all select id from desk_new
        ), ins as (
          insert into checks (business_id, cash_desk_id, uuid, check_type, kind, order_num, fiscal_hash, ordered_at,
                              business_date, is_offline, total_kop, round_kop, discount_kop, cash_kop, cashless_kop,
                              cash_in_box_kop, link, local_number, has_pdf, raw, received_at)
          select ${businessId}::bigint, desk.id, ${check.uuid}::text, ${check.checkType}::text, ${check.kind}::text,
                 ${check.orderNum}::text, ${check.fiscalHash}::text, ${check.orderedAt.toISOString()}::timestamptz,
                 ${check.businessDate}::date, ${check.isOffline}::boolean, ${check.totalKop}::bigint, ${check.roundKop}::bigint,
                 ${check.discountKop}::bigint, ${check.cashKop}::bigint, ${check.cashlessKop}::bigint,
                 ${check.cashInBoxKop}::bigint, ${check.link}::text, ${check.localNumber}::bigint, ${check.pdf !== null}::boolean,
                 ${JSON.stringify(check.raw)}::jsonb, ${receivedAt.toISOString()}::timestamptz
            from desk
          on conflict (business_id, uuid) do nothing
          returning id
        ), item_rows as (
          insert into check_items (check_id, position, name, code, bar_code, unit_name, amount_milli, price_kop, cost_kop, discount_kop)
          select ins.id, x."position", x."name", x."code", x."barCode", x."unitName", x."amountMilli", x."priceKop", x."costKop", x."discountKop"
            from ins, jsonb_to_recordset(${items}::jsonb) as x("position" integer, "name" text, "code" text, "barCode" text,
                 "unitName" text, "amountMilli" bigint, "priceKop" bigint, "costKop" bigint, "discountKop" bigint)
        ), payment_rows as (
          insert into check_payments (check_id, position, code, name, sum_kop, provided_kop, remains_kop, is_cash)
          select ins.id, x."position", x."code", x."name", x."sumKop", x."providedKop", x."remainsKop", x."isCash"
            from ins, jsonb_to_recordset(${payments}::jsonb) as x("position" integer, "code" integer, "name" text,
                 "sumKop" bigint, "providedKop" bigint, "remainsKop" bigint, "isCash" boolean)
        ), pdf_row as (
          insert into check_pdfs (check_id, pdf)
          select ins.id, decode(${check.pdf?.toString('base64') ?? null}::text, 'base64') from ins where ${check.pdf !== null}::boolean
        )
        select (select id from ins) as check_id,
               (select id from desk) as desk_id,
               (select id from checks where business_id = ${businessId}::bigint and uuid = ${check.uuid}::text) as existing_id,
               (select coalesce(jsonb_agg(jsonb_build_object('chatId', c.chat_id, 'muted', c.muted, 'minSaleKop', c.min_sale_kop,
                                                             'onlyReturns', c.only_returns, 'deskFilter', c.desk_filter,
                                                             'watchdogOff', c.watchdog_off)
                                          order by c.chat_id), '[]'::jsonb)
                  from chats c
                 where c.business_id = ${businessId}::bigint and c.active and exists (select 1 from ins)) as recipients,
               (select jsonb_build_object('returnKop', b.return_alert_kop, 'discountPct', b.discount_alert_pct,
                                          'withdrawKop', b.withdraw_alert_kop)
                  from businesses b where b.id = ${businessId}::bigint) as thresholds`,
  );
  if (row?.check_id == null) return { checkId: null, existingId: row?.existing_id == null ? null : Number(row.existing_id) };
  const recipients = jsonOf(row.recipients) as Recipient[];
  const t = (jsonOf(row.thresholds) ?? {}) as Record<string, unknown>;
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const thresholds: WatchdogThresholds = { returnKop: num(t.returnKop), discountPct: num(t.discountPct), withdrawKop: num(t.withdrawKop) };
  return { checkId: Number(row.check_id), deskId: Number(row.desk_id), recipients, thresholds, existingId: null };
}

function jsonOf(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/** A check dated more than this after its arrival never moves the drawer (a wrong clock). */
export const CLOCK_AHEAD_TOLERANCE_MS = 24 * 60 * 60 * 1000;

export function isDatedAhead(orderedAt: Date, receivedAt: Date): boolean {
  return orderedAt.getTime() > receivedAt.getTime() + CLOCK_AHEAD_TOLERANCE_MS;
}

/**
 * True for the one check that may tell the owner about this desk's clock now: at most once in
 * 24 hours per cash desk. One conditional UPDATE: a concurrent check of the desk waits for the
 * row and then finds it already claimed.
 */
async function claimClockNotice(tx: Executor, deskId: number, receivedAt: Date): Promise<boolean> {
  const since = new Date(receivedAt.getTime() - CLOCK_AHEAD_TOLERANCE_MS);
  const claimed = await tx
    .update(cashDesks)
    .set({ clockNoticeAt: receivedAt })
    .where(and(eq(cashDesks.id, deskId), or(isNull(cashDesks.clockNoticeAt), lte(cashDesks.clockNoticeAt, since))))
    .returning({ id: cashDesks.id });
  return claimed.length > 0;
}

/**
 * The drawer follows the newest check by its own time: a late offline check neither overwrites
 * a newer figure nor raises alerts about an old state. One statement locks the desk row, reads
 * its state and thresholds (a /lowcash committed meanwhile counts) and writes the new state; the
 * lock lasts until the commit, so checks of one desk cross thresholds one at a time.
 * The new state in SQL is evaluateCashThresholds' rule (below or above a threshold that is not
 * 0); the alerts are decided by that function from the old state.
 * A figure dated more than a day after both this check's arrival and the present moment (left
 * by a desk with a wrong clock before such checks were kept out) is no figure to keep: any
 * current check replaces it. (Both: a check replayed with an old arrival time must not pass
 * for newer than a real figure.)
 */
async function updateDrawer(
  tx: Executor,
  businessId: number,
  deskId: number,
  check: Pick<NormalisedCheck, 'orderedAt' | 'businessDate' | 'kind' | 'totalKop' | 'cashKop'>,
  cashKop: number,
  receivedAt: Date,
): Promise<{ alerts: CashAlertKind[]; before: DrawerBefore | null }> {
  const { orderedAt } = check;
  const aheadOfNow = new Date(Math.max(receivedAt.getTime(), Date.now()) + CLOCK_AHEAD_TOLERANCE_MS);
  const movement = cashMovementKop(check);
  const [row] = await queryRows<{
    was_low: boolean;
    was_high: boolean;
    low: unknown;
    high: unknown;
    followed: boolean;
    before_kop: unknown;
    mismatch_on: string | null;
  }>(
    tx,
    sql`with old as (
          select d.id, d.low_cash_alerted, d.high_cash_alerted, d.cash_in_box_kop, d.cash_in_box_at, d.drawer_mismatch_on,
                 coalesce(d.low_cash_kop, b.default_low_cash_kop) as low,
                 coalesce(d.high_cash_kop, b.default_high_cash_kop) as high
          from cash_desks d join businesses b on b.id = d.business_id
          where d.id = ${deskId} and d.business_id = ${businessId}
            and (d.cash_in_box_at is null or d.cash_in_box_at <= ${orderedAt.toISOString()}::timestamptz
                 or d.cash_in_box_at > ${aheadOfNow.toISOString()}::timestamptz)
          for no key update of d
        )
        update cash_desks d
           set cash_in_box_kop = ${cashKop},
               cash_in_box_at = ${orderedAt.toISOString()}::timestamptz,
               low_cash_alerted = (old.low > 0 and ${cashKop} < old.low),
               high_cash_alerted = (old.high > 0 and ${cashKop} > old.high),
               drawer_mismatch_on = case
                 when old.cash_in_box_at <= ${orderedAt.toISOString()}::timestamptz and old.cash_in_box_kop is not null
                      and abs(${cashKop}::bigint - (old.cash_in_box_kop + ${movement}::bigint)) > ${DRAWER_TOLERANCE_KOP}
                 then ${check.businessDate}::date else old.drawer_mismatch_on end
          from old
         where d.id = old.id
     returning old.low_cash_alerted as was_low, old.high_cash_alerted as was_high, old.low, old.high,
               coalesce(old.cash_in_box_at <= ${orderedAt.toISOString()}::timestamptz, false) as followed,
               old.cash_in_box_kop as before_kop, old.drawer_mismatch_on::text as mismatch_on`,
  );
  if (!row) return { alerts: [], before: null }; // an older check than the drawer's figure
  const alerts = evaluateCashThresholds(
    { lowAlerted: row.was_low, highAlerted: row.was_high },
    { lowKop: Number(row.low), highKop: Number(row.high) },
    cashKop,
  ).alerts;
  // The figure this check directly follows (not one left by a wrong clock): drawerMismatch's
  // rule, which the drawer_mismatch_on update above mirrors.
  const before: DrawerBefore | null = row.followed
    ? { cashInBoxKop: row.before_kop === null ? null : Number(row.before_kop), mismatchOn: row.mismatch_on }
    : null;
  return { alerts, before };
}
