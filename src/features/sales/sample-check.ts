import type { CheckView } from './check-view.js';

/**
 * The check /start's test button shows (features/sales/messages/test-alert.ts): a realistic card sale of two
 * lines, shaped like a CashDesk check (fixtures' sale-card), dated when the button was pressed.
 * Built here, never stored: it is in no figure, summary, export or Mini App. No e-receipt link
 * and no PDF, so its alert has no buttons that would point at a check that does not exist.
 */
export function sampleCheckView(orderedAt: Date): CheckView {
  return {
    checkId: 0,
    businessId: 0,
    uuid: '00000000-0000-4000-8000-000000000000',
    kind: 'sale',
    checkType: 'SALE',
    numFiscal: '4000000000',
    orderedAt,
    orderNum: 'TEST-0001',
    localNumber: 1,
    isOffline: false,
    totalKop: 76_800,
    discountKop: 0,
    roundKop: 0,
    link: null,
    hasPdf: false,
    items: [
      { name: 'Кава зернова 1 кг', unitName: 'шт', amountMilli: 1000, priceKop: 68_900, costKop: 68_900, discountKop: 0 },
      { name: 'Круасан', unitName: 'шт', amountMilli: 2000, priceKop: 3_950, costKop: 7_900, discountKop: 0 },
    ],
    payments: [{ isCash: false, name: 'КАРТКА', sumKop: 76_800, providedKop: 76_800, remainsKop: 0 }],
  };
}
