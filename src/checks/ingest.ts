import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/client.js';
import { cashDesks, chats, checkItems, checkPayments, checkPdfs, checks } from '../db/schema.js';
import { queryRows } from '../db/rows.js';
import type { Business } from '../access/businesses.js';
import type { NormalisedCheck } from '../cashdesk/normalise.js';
import { evaluateCashThresholds, type CashAlertKind } from '../alerts/cash-thresholds.js';
import { enqueueJobs } from '../delivery/enqueue.js';
import type { NewJob } from '../delivery/jobs.js';
import { followsDesk, wantsSaleAlert } from '../settings/chat-settings.js';
import { notifyOwners } from '../notices/owner-notices.js';

export type IngestResult = { status: 'stored'; checkId: number; jobs: number } | { status: 'duplicate'; checkId: number };

/**
 * Stores a check with its items, payments and PDF, updates its cash desk, and writes the
 * messages it causes, all in ONE transaction: when this resolves, everything is committed.
 * The same uuid again within the business changes nothing and enqueues nothing.
 */
export async function ingestCheck(db: Database, business: Business, check: NormalisedCheck, receivedAt = new Date()): Promise<IngestResult> {
  return db.transaction(async (tx) => {
    const deskId = await cashDeskId(tx, business.id, check.numFiscal);

    const [stored] = await tx
      .insert(checks)
      .values({
        businessId: business.id,
        cashDeskId: deskId,
        uuid: check.uuid,
        checkType: check.checkType,
        kind: check.kind,
        orderNum: check.orderNum,
        fiscalHash: check.fiscalHash,
        orderedAt: check.orderedAt,
        businessDate: check.businessDate,
        isOffline: check.isOffline,
        totalKop: check.totalKop,
        roundKop: check.roundKop,
        discountKop: check.discountKop,
        cashKop: check.cashKop,
        cashlessKop: check.cashlessKop,
        cashInBoxKop: check.cashInBoxKop,
        link: check.link,
        localNumber: check.localNumber,
        hasPdf: check.pdf !== null,
        raw: check.raw,
        receivedAt,
      })
      .onConflictDoNothing({ target: [checks.businessId, checks.uuid] })
      .returning({ id: checks.id });

    if (!stored) {
      const [existing] = await tx
        .select({ id: checks.id })
        .from(checks)
        .where(and(eq(checks.businessId, business.id), eq(checks.uuid, check.uuid)));
      return { status: 'duplicate', checkId: existing!.id };
    }
    const checkId = stored.id;

    // Independent writes and the recipients' read, issued together: postgres.js pipelines them
    // on the transaction's connection (PGlite simply runs them in turn).
    const [recipients] = await Promise.all([
      tx
        .select({
          chatId: chats.chatId,
          muted: chats.muted,
          minSaleKop: chats.minSaleKop,
          onlyReturns: chats.onlyReturns,
          deskFilter: chats.deskFilter,
        })
        .from(chats)
        .where(and(eq(chats.businessId, business.id), eq(chats.active, true)))
        .orderBy(chats.chatId),
      ...chunks(check.items, ROWS_PER_INSERT).map((part) => tx.insert(checkItems).values(part.map((i) => ({ checkId, ...i })))),
      ...chunks(check.payments, ROWS_PER_INSERT).map((part) => tx.insert(checkPayments).values(part.map((p) => ({ checkId, ...p })))),
      check.pdf ? tx.insert(checkPdfs).values({ checkId, pdf: check.pdf }) : undefined,
    ]);

    // Each chat's noise control (/settings): muted, cash desks, only returns, minimum amount.
    const jobs: NewJob[] = recipients
      .filter((r) => wantsSaleAlert(r, check))
      .map((r) => ({ businessId: business.id, chatId: r.chatId, kind: 'sale', checkId, eventAt: receivedAt }));

    // The drawer last but one: its row lock lasts from here to the commit, so it is held for two
    // statements only. The jobs are written under it, so checks of one cash desk get their
    // outbox ids in the order they commit, and the worker, which sends by id, never sends a
    // later check's alert before an earlier one's that was not yet visible.
    // A check dated more than a day after it arrived comes from a cash desk with a wrong clock:
    // its money is real (stored, counted on its own date), but it must not become the drawer's
    // "newest" figure, which would freeze the drawer and its alerts until that date.
    const datedAhead = isDatedAhead(check.orderedAt, receivedAt);
    if (!datedAhead && check.cashInBoxKop !== null) {
      const alerts = await updateDrawer(tx, business.id, deskId, check.orderedAt, check.cashInBoxKop, receivedAt);
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
    await enqueueJobs(tx, jobs);
    // ... and the owner hears of it, once in 24 hours per cash desk, after the check's own alert.
    let notices = 0;
    if (datedAhead && (await claimClockNotice(tx, deskId, receivedAt))) {
      notices = await notifyOwners(tx, business.id, {
        key: 'desk_clock_wrong',
        args: { numFiscal: check.numFiscal, orderedAt: check.orderedAt.toISOString(), receivedAt: receivedAt.toISOString() },
      });
    }

    return { status: 'stored', checkId, jobs: jobs.length + notices };
  });
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
 * Rows per INSERT of a check's items or payments: a statement takes at most 65 534 bound
 * parameters (postgres.js and the protocol), and a line is ten, so a check of 10 000 lines goes
 * in a few statements of the same transaction.
 */
export const ROWS_PER_INSERT = 2000;

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** The cash desk's id, created on its first check. Takes no lock. */
async function cashDeskId(tx: Executor, businessId: number, numFiscal: string): Promise<number> {
  const where = and(eq(cashDesks.businessId, businessId), eq(cashDesks.numFiscal, numFiscal));
  const [found] = await tx.select({ id: cashDesks.id }).from(cashDesks).where(where);
  if (found) return found.id;
  const [created] = await tx.insert(cashDesks).values({ businessId, numFiscal }).onConflictDoNothing().returning({ id: cashDesks.id });
  if (created) return created.id;
  const [raced] = await tx.select({ id: cashDesks.id }).from(cashDesks).where(where);
  return raced!.id;
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
  orderedAt: Date,
  cashKop: number,
  receivedAt: Date,
): Promise<CashAlertKind[]> {
  const aheadOfNow = new Date(Math.max(receivedAt.getTime(), Date.now()) + CLOCK_AHEAD_TOLERANCE_MS);
  const [row] = await queryRows<{ was_low: boolean; was_high: boolean; low: unknown; high: unknown }>(
    tx,
    sql`with old as (
          select d.id, d.low_cash_alerted, d.high_cash_alerted,
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
               high_cash_alerted = (old.high > 0 and ${cashKop} > old.high)
          from old
         where d.id = old.id
     returning old.low_cash_alerted as was_low, old.high_cash_alerted as was_high, old.low, old.high`,
  );
  if (!row) return []; // an older check than the drawer's figure
  return evaluateCashThresholds(
    { lowAlerted: row.was_low, highAlerted: row.was_high },
    { lowKop: Number(row.low), highKop: Number(row.high) },
    cashKop,
  ).alerts;
}
