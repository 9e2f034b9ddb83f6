import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { cashDesks, chats, checkItems, checkPayments, checkPdfs, checks } from '../db/schema.js';
import type { Business } from '../access/businesses.js';
import type { NormalisedCheck } from '../cashdesk/normalise.js';
import { evaluateCashThresholds } from '../alerts/cash-thresholds.js';
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
    // Locks the cash desk row: checks of one desk are stored one at a time, so the cash
    // crossing below sees the state the previous check left.
    const [desk] = await tx
      .insert(cashDesks)
      .values({ businessId: business.id, numFiscal: check.numFiscal })
      .onConflictDoUpdate({ target: [cashDesks.businessId, cashDesks.numFiscal], set: { numFiscal: sql`excluded.num_fiscal` } })
      .returning();

    const [stored] = await tx
      .insert(checks)
      .values({
        businessId: business.id,
        cashDeskId: desk!.id,
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

    if (check.items.length > 0) {
      await tx.insert(checkItems).values(check.items.map((i) => ({ checkId, ...i })));
    }
    if (check.payments.length > 0) {
      await tx.insert(checkPayments).values(check.payments.map((p) => ({ checkId, ...p })));
    }
    if (check.pdf) await tx.insert(checkPdfs).values({ checkId, pdf: check.pdf });

    const recipients = await tx
      .select({ chatId: chats.chatId, muted: chats.muted })
      .from(chats)
      .where(and(eq(chats.businessId, business.id), eq(chats.active, true)))
      .orderBy(chats.chatId);

    const jobs: NewJob[] = recipients
      .filter((r) => !r.muted)
      .map((r) => ({ businessId: business.id, chatId: r.chatId, kind: 'sale', checkId, eventAt: receivedAt }));

    // The drawer's cash follows the newest check by its own time: a late offline check does not
    // overwrite a newer figure, and does not raise alerts about an old state.
    const isNewest = desk!.cashInBoxAt === null || check.orderedAt >= desk!.cashInBoxAt;
    if (check.cashInBoxKop !== null && isNewest) {
      const { state, alerts } = evaluateCashThresholds(
        { lowAlerted: desk!.lowCashAlerted, highAlerted: desk!.highCashAlerted },
        { lowKop: desk!.lowCashKop ?? business.defaultLowCashKop, highKop: desk!.highCashKop ?? business.defaultHighCashKop },
        check.cashInBoxKop,
      );
      await tx
        .update(cashDesks)
        .set({
          cashInBoxKop: check.cashInBoxKop,
          cashInBoxAt: check.orderedAt,
          lowCashAlerted: state.lowAlerted,
          highCashAlerted: state.highAlerted,
        })
        .where(eq(cashDesks.id, desk!.id));
      for (const kind of alerts) {
        for (const r of recipients) {
          jobs.push({
            businessId: business.id,
            chatId: r.chatId,
            kind,
            checkId,
            payload: { cashDeskId: desk!.id, cashKop: check.cashInBoxKop },
            eventAt: receivedAt,
          });
        }
      }
    }

    await enqueueJobs(tx, jobs);
    return { status: 'stored', checkId, jobs: jobs.length };
  });
}
