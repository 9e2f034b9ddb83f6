import { and, eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/client.js';
import { businesses, cashDesks, chats, checkItems, checkPayments, checkPdfs, checks } from '../db/schema.js';
import type { Business } from '../access/businesses.js';
import type { NormalisedCheck } from '../cashdesk/normalise.js';
import { evaluateCashThresholds, type CashAlertKind } from '../alerts/cash-thresholds.js';
import { enqueueJobs } from '../delivery/enqueue.js';
import type { NewJob } from '../delivery/jobs.js';

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
        .select({ chatId: chats.chatId, muted: chats.muted })
        .from(chats)
        .where(and(eq(chats.businessId, business.id), eq(chats.active, true)))
        .orderBy(chats.chatId),
      check.items.length > 0 ? tx.insert(checkItems).values(check.items.map((i) => ({ checkId, ...i }))) : undefined,
      check.payments.length > 0 ? tx.insert(checkPayments).values(check.payments.map((p) => ({ checkId, ...p }))) : undefined,
      check.pdf ? tx.insert(checkPdfs).values({ checkId, pdf: check.pdf }) : undefined,
    ]);

    const jobs: NewJob[] = recipients
      .filter((r) => !r.muted)
      .map((r) => ({ businessId: business.id, chatId: r.chatId, kind: 'sale', checkId, eventAt: receivedAt }));

    if (check.cashInBoxKop !== null) {
      const alerts = await updateDrawer(tx, business.id, deskId, check.orderedAt, check.cashInBoxKop);
      for (const kind of alerts) {
        for (const r of recipients) {
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
    return { status: 'stored', checkId, jobs: jobs.length };
  });
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
 * a newer figure nor raises alerts about an old state. The desk row is locked only from here to
 * the commit, so checks of one desk are stored in parallel up to this point.
 */
async function updateDrawer(tx: Executor, businessId: number, deskId: number, orderedAt: Date, cashKop: number): Promise<CashAlertKind[]> {
  // Thresholds read under the lock, so a /lowcash committed meanwhile counts for this check.
  const [desk] = await tx
    .select({
      cashInBoxAt: cashDesks.cashInBoxAt,
      lowAlerted: cashDesks.lowCashAlerted,
      highAlerted: cashDesks.highCashAlerted,
      lowKop: sql<number>`coalesce(${cashDesks.lowCashKop}, ${businesses.defaultLowCashKop})`.mapWith(Number),
      highKop: sql<number>`coalesce(${cashDesks.highCashKop}, ${businesses.defaultHighCashKop})`.mapWith(Number),
    })
    .from(cashDesks)
    .innerJoin(businesses, eq(businesses.id, cashDesks.businessId))
    .where(and(eq(cashDesks.id, deskId), eq(cashDesks.businessId, businessId)))
    .for('no key update', { of: cashDesks });
  if (desk!.cashInBoxAt !== null && orderedAt < desk!.cashInBoxAt) return [];
  const { state, alerts } = evaluateCashThresholds(
    { lowAlerted: desk!.lowAlerted, highAlerted: desk!.highAlerted },
    { lowKop: desk!.lowKop, highKop: desk!.highKop },
    cashKop,
  );
  await tx
    .update(cashDesks)
    .set({ cashInBoxKop: cashKop, cashInBoxAt: orderedAt, lowCashAlerted: state.lowAlerted, highCashAlerted: state.highAlerted })
    .where(eq(cashDesks.id, deskId));
  return alerts;
}
