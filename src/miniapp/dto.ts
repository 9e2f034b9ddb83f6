import type { PeriodFigures } from '../features/reports/figures-types.js';
import type { FoundCheck } from '../features/sales/search.js';
import type { CheckView } from '../features/sales/check-view.js';
import { checkNumber, countedView } from '../features/sales/check-view.js';
import { countedKop } from '../platform/db/check-kinds.js';
import { receiptUrl } from '../features/sales/messages/sale-alert.js';
import type { CashDeskDto, CheckDetailResponse, CheckListItem, FiguresDto } from './api-contract.js';

/** From the domain's figures and checks to the API contract's shapes. Pure. */

export function figuresDto(f: PeriodFigures, checksCount: number): FiguresDto {
  return {
    from: f.from,
    to: f.to,
    sales: { ...f.sales },
    returns: { ...f.returns },
    netKop: f.netKop,
    cashKop: f.cashKop,
    cashlessKop: f.cashlessKop,
    averageCheckKop: f.averageCheckKop,
    roundingKop: f.roundingKop,
    serviceIn: { ...f.serviceIn },
    serviceOut: { ...f.serviceOut },
    checksCount,
  };
}

export function cashDesksDto(f: PeriodFigures, lastCheckAt: Map<number, Date>): CashDeskDto[] {
  return f.cashDesks.map((d) => ({
    id: d.cashDeskId,
    numFiscal: d.numFiscal,
    sales: { ...d.sales },
    returns: { ...d.returns },
    cashInBoxKop: d.cashInBoxKop,
    lastCheckAt: lastCheckAt.get(d.cashDeskId)?.toISOString() ?? null,
  }));
}

export function checkListItem(c: FoundCheck): CheckListItem {
  return {
    id: c.id,
    uuid: c.uuid,
    number: checkNumber(c),
    kind: c.kind,
    rawType: c.checkType ?? '',
    cashDesk: { id: c.cashDeskId, numFiscal: c.numFiscal },
    at: c.orderedAt.toISOString(),
    businessDate: c.businessDate,
    totalKop: countedKop(c, c.totalKop),
    itemsCount: c.itemsCount,
  };
}

export function checkDetail(
  sent: CheckView,
  extra: { cashDeskId: number; businessDate: string; cashInBoxKop: number | null },
): CheckDetailResponse {
  // Shown as it counts (a return by its absolute amounts, whichever sign the till sent).
  const view = countedView(sent);
  return {
    id: view.checkId,
    uuid: view.uuid,
    number: checkNumber(view),
    kind: view.kind,
    rawType: view.checkType ?? '',
    cashDesk: { id: extra.cashDeskId, numFiscal: view.numFiscal },
    at: view.orderedAt.toISOString(),
    businessDate: extra.businessDate,
    totalKop: view.totalKop,
    itemsCount: view.items.length,
    discountKop: view.discountKop,
    roundingKop: view.roundKop,
    cashInBoxKop: extra.cashInBoxKop,
    isOffline: view.isOffline,
    items: view.items.map((i) => ({
      name: i.name,
      unitName: i.unitName,
      quantityMilli: i.amountMilli,
      priceKop: i.priceKop,
      costKop: i.costKop,
      discountKop: i.discountKop,
    })),
    payments: view.payments.map((p) => ({ kind: p.isCash ? 'cash' : 'cashless', name: p.name, sumKop: p.sumKop })),
    // Only an http(s) link, as the bot's button: the Mini App opens it.
    receiptUrl: receiptUrl(view.link) ?? null,
    hasPdf: view.hasPdf,
  };
}
