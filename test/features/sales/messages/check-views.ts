import type { CheckView } from '../../../../src/features/sales/check-view.js';

/** A check view as the loader gives it, to change freely in a test. */
export function checkView(patch: Partial<CheckView> = {}): CheckView {
  return {
    checkId: 42,
    businessId: 1,
    uuid: '0b6f3c1e-6a53-4a8e-9c1e-1f2a3b4c5d01',
    kind: 'sale',
    checkType: 'Z_SALE',
    numFiscal: '50037129',
    orderedAt: new Date('2026-11-27T08:15:03Z'),
    orderNum: 'DEV_00000128ebcfe',
    localNumber: 2,
    isOffline: false,
    totalKop: 14860,
    discountKop: 0,
    roundKop: -2,
    link: 'https://test.cashdesk.com.ua/check/0b6f3c1e/html',
    hasPdf: true,
    items: [
      { name: 'Хліб білий', unitName: 'шт', amountMilli: 2000, priceKop: 2890, costKop: 5780, discountKop: 0 },
      { name: 'Молоко 2,5% 0,9 л', unitName: 'шт', amountMilli: 1000, priceKop: 4135, costKop: 4135, discountKop: 0 },
      { name: 'Яблука Голден', unitName: 'кг', amountMilli: 1237, priceKop: 3999, costKop: 4947, discountKop: 0 },
    ],
    payments: [{ isCash: true, name: 'ГОТІВКА', sumKop: 14860, providedKop: 20000, remainsKop: 5140 }],
    ...patch,
  };
}
