import type { CheckKind } from '../db/check-kinds.js';

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
