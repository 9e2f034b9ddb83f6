import { countedKop, countedSign, type CheckKind } from '../../platform/db/check-kinds.js';

/** A stored check as the messages about it need it (loaded by load-check-views.ts; pure, so messages/ renders it). */
export interface CheckView {
  checkId: number;
  businessId: number;
  uuid: string;
  kind: CheckKind;
  /** check_type exactly as CashDesk sent it. */
  checkType: string | null;
  numFiscal: string;
  orderedAt: Date;
  orderNum: string | null;
  localNumber: number | null;
  isOffline: boolean;
  totalKop: number;
  discountKop: number;
  roundKop: number;
  link: string | null;
  hasPdf: boolean;
  items: CheckItemView[];
  payments: CheckPaymentView[];
}

export interface CheckItemView {
  name: string;
  unitName: string | null;
  amountMilli: number;
  priceKop: number;
  costKop: number;
  discountKop: number;
}

export interface CheckPaymentView {
  isCash: boolean;
  name: string | null;
  sumKop: number;
  providedKop: number | null;
  remainsKop: number | null;
}

/** The number people know a check by: CashDesk's ORDERNUM, else its local number, else the uuid. */
export function checkNumber(view: Pick<CheckView, 'orderNum' | 'localNumber' | 'uuid'>): string {
  return view.orderNum ?? (view.localNumber !== null ? String(view.localNumber) : view.uuid);
}

/**
 * The check as it counts and is shown (platform/db/check-kinds.ts's rule): a return sent with negative
 * sums reads as the return of its absolute amounts (total, payments, rounding, discounts, each
 * line's cost; quantities and prices by their size). Any other check is returned as it is; the
 * stored check always stays as the till sent it.
 */
export function countedView<V extends Pick<CheckView, 'kind' | 'totalKop' | 'discountKop' | 'roundKop' | 'items' | 'payments'>>(view: V): V {
  if (countedSign(view) === 1) return view;
  const flip = (kop: number) => countedKop(view, kop);
  return {
    ...view,
    totalKop: flip(view.totalKop),
    discountKop: flip(view.discountKop),
    roundKop: flip(view.roundKop),
    items: view.items.map((i) => ({
      ...i,
      amountMilli: Math.abs(i.amountMilli),
      priceKop: Math.abs(i.priceKop),
      costKop: flip(i.costKop),
      discountKop: flip(i.discountKop),
    })),
    payments: view.payments.map((p) => ({
      ...p,
      sumKop: flip(p.sumKop),
      providedKop: p.providedKop === null ? null : flip(p.providedKop),
      remainsKop: p.remainsKop === null ? null : flip(p.remainsKop),
    })),
  };
}
