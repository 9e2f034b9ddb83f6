import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { cashDesks, checkItems, checkPayments, checkPdfs, checks } from '../../platform/db/schema.js';
import type { CheckKind } from '../../platform/db/check-kinds.js';
import type { CheckView } from './check-view.js';

/** Loaders of the stored checks the messages show (the CheckView the renderers of messages/ take). */

const headColumns = {
  checkId: checks.id,
  businessId: checks.businessId,
  uuid: checks.uuid,
  kind: checks.kind,
  checkType: checks.checkType,
  numFiscal: cashDesks.numFiscal,
  orderedAt: checks.orderedAt,
  orderNum: checks.orderNum,
  localNumber: checks.localNumber,
  isOffline: checks.isOffline,
  totalKop: checks.totalKop,
  discountKop: checks.discountKop,
  roundKop: checks.roundKop,
  link: checks.link,
  hasPdf: checks.hasPdf,
};

/**
 * Checks of one business by id, in the order asked; ids of other businesses or of no check are
 * left out. Items and payments only when asked for (a 400-item check is not read for a digest).
 */
export async function loadCheckViews(
  db: Executor,
  businessId: number,
  checkIds: number[],
  options: { items?: boolean; payments?: boolean } = {},
): Promise<CheckView[]> {
  if (checkIds.length === 0) return [];
  const heads = await db
    .select(headColumns)
    .from(checks)
    .innerJoin(cashDesks, eq(cashDesks.id, checks.cashDeskId))
    .where(and(eq(checks.businessId, businessId), inArray(checks.id, checkIds)));
  const found = heads.map((h) => h.checkId);
  const items =
    options.items && found.length > 0
      ? await db
          .select()
          .from(checkItems)
          .where(inArray(checkItems.checkId, found))
          .orderBy(asc(checkItems.checkId), asc(checkItems.position))
      : [];
  const payments =
    (options.payments ?? options.items) && found.length > 0
      ? await db
          .select()
          .from(checkPayments)
          .where(inArray(checkPayments.checkId, found))
          .orderBy(asc(checkPayments.checkId), asc(checkPayments.position))
      : [];
  const byId = new Map(
    heads.map((h) => [
      h.checkId,
      {
        ...h,
        kind: h.kind as CheckKind,
        items: items
          .filter((i) => i.checkId === h.checkId)
          .map((i) => ({
            name: i.name,
            unitName: i.unitName,
            amountMilli: Number(i.amountMilli),
            priceKop: Number(i.priceKop),
            costKop: Number(i.costKop),
            discountKop: Number(i.discountKop),
          })),
        payments: payments
          .filter((p) => p.checkId === h.checkId)
          .map((p) => ({
            isCash: p.isCash,
            name: p.name,
            sumKop: Number(p.sumKop),
            providedKop: p.providedKop === null ? null : Number(p.providedKop),
            remainsKop: p.remainsKop === null ? null : Number(p.remainsKop),
          })),
      } satisfies CheckView,
    ]),
  );
  return checkIds.map((id) => byId.get(id)).filter((v): v is CheckView => v !== undefined);
}

/** One check of a business with its items and payments, or undefined (gone, or another business's). */
export async function loadCheckView(db: Executor, businessId: number, checkId: number): Promise<CheckView | undefined> {
  const [view] = await loadCheckViews(db, businessId, [checkId], { items: true });
  return view;
}

/** The id of a business's check by its CashDesk uuid; nothing for another business's. */
export async function findCheckIdByUuid(db: Executor, businessId: number, uuid: string): Promise<number | undefined> {
  const [row] = await db
    .select({ id: checks.id })
    .from(checks)
    .where(and(eq(checks.businessId, businessId), eq(checks.uuid, uuid)))
    .limit(1);
  return row?.id;
}

/** The PDF CashDesk sent with a check, byte for byte, or null. */
export async function loadCheckPdf(db: Executor, checkId: number): Promise<Buffer | null> {
  const [row] = await db.select({ pdf: checkPdfs.pdf }).from(checkPdfs).where(eq(checkPdfs.checkId, checkId)).limit(1);
  return row?.pdf ?? null;
}
