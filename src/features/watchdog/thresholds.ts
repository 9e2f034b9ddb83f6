import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { businesses, cashDesks } from '../../platform/db/schema.js';

/**
 * Cash thresholds the owner sets with /lowcash and /highcash: one for all cash desks (the
 * business default) or one desk's own. Changing a threshold re-arms its alert, so the next check
 * is judged against the new value.
 */
export type ThresholdKind = 'low' | 'high';

interface DeskThreshold {
  cashDeskId: number;
  numFiscal: string;
  /** The desk's own threshold; null follows the business default. */
  ownKop: number | null;
  cashInBoxKop: number | null;
}

export interface Thresholds {
  kind: ThresholdKind;
  defaultKop: number;
  desks: DeskThreshold[];
}

export async function listThresholds(db: Executor, businessId: number, kind: ThresholdKind): Promise<Thresholds> {
  const [business] = await db
    .select({ low: businesses.defaultLowCashKop, high: businesses.defaultHighCashKop })
    .from(businesses)
    .where(eq(businesses.id, businessId));
  const desks = await db
    .select({
      cashDeskId: cashDesks.id,
      numFiscal: cashDesks.numFiscal,
      low: cashDesks.lowCashKop,
      high: cashDesks.highCashKop,
      cashInBoxKop: cashDesks.cashInBoxKop,
    })
    .from(cashDesks)
    .where(eq(cashDesks.businessId, businessId))
    .orderBy(asc(cashDesks.numFiscal));
  return {
    kind,
    defaultKop: Number((kind === 'low' ? business?.low : business?.high) ?? 0),
    desks: desks.map((d) => {
      const own = kind === 'low' ? d.low : d.high;
      return {
        cashDeskId: d.cashDeskId,
        numFiscal: d.numFiscal,
        ownKop: own === null ? null : Number(own),
        cashInBoxKop: d.cashInBoxKop === null ? null : Number(d.cashInBoxKop),
      };
    }),
  };
}

/**
 * Sets a threshold for all cash desks (they drop their own) or for the desk with this fiscal
 * number. 'desk_not_found' when the business has no such desk.
 */
export async function setThreshold(
  db: Executor,
  input: { businessId: number; kind: ThresholdKind; numFiscal?: string; kop: number },
): Promise<'ok' | 'desk_not_found'> {
  const { businessId, kind, kop } = input;
  if (input.numFiscal === undefined) {
    await db
      .update(businesses)
      .set(kind === 'low' ? { defaultLowCashKop: kop } : { defaultHighCashKop: kop })
      .where(eq(businesses.id, businessId));
    await db
      .update(cashDesks)
      .set(kind === 'low' ? { lowCashKop: null, lowCashAlerted: false } : { highCashKop: null, highCashAlerted: false })
      .where(eq(cashDesks.businessId, businessId));
    return 'ok';
  }
  const updated = await db
    .update(cashDesks)
    .set(kind === 'low' ? { lowCashKop: kop, lowCashAlerted: false } : { highCashKop: kop, highCashAlerted: false })
    .where(and(eq(cashDesks.businessId, businessId), eq(cashDesks.numFiscal, input.numFiscal)))
    .returning({ id: cashDesks.id });
  return updated.length > 0 ? 'ok' : 'desk_not_found';
}

/** The threshold in force for one desk, or undefined when the desk is not the business's. */
export async function effectiveThreshold(
  db: Executor,
  businessId: number,
  cashDeskId: number,
  kind: ThresholdKind,
): Promise<{ numFiscal: string; thresholdKop: number } | undefined> {
  const [row] = await db
    .select({
      numFiscal: cashDesks.numFiscal,
      low: cashDesks.lowCashKop,
      high: cashDesks.highCashKop,
      defaultLow: businesses.defaultLowCashKop,
      defaultHigh: businesses.defaultHighCashKop,
    })
    .from(cashDesks)
    .innerJoin(businesses, eq(businesses.id, cashDesks.businessId))
    .where(and(eq(cashDesks.id, cashDeskId), eq(cashDesks.businessId, businessId)));
  if (!row) return undefined;
  const own = kind === 'low' ? row.low : row.high;
  const fallback = kind === 'low' ? row.defaultLow : row.defaultHigh;
  return { numFiscal: row.numFiscal, thresholdKop: Number(own ?? fallback) };
}
