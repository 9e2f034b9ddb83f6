import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CHECK_KINDS, countedKop, countedSign } from '../../../src/platform/db/check-kinds.js';
import { countedView } from '../../../src/features/sales/check-view.js';
import { checkView } from '../../features/sales/messages/check-views.js';

/** The one rule for how a stored check's amounts count: a return by its absolute amount. */
describe('counted amounts', () => {
  it('a return sent negative is read the other way round; everything else as sent', () => {
    expect(countedSign({ kind: 'return', totalKop: -3_977_00 })).toBe(-1);
    expect(countedSign({ kind: 'return', totalKop: 3_977_00 })).toBe(1);
    expect(countedSign({ kind: 'return', totalKop: 0 })).toBe(1);
    expect(countedSign({ kind: 'sale', totalKop: -100 })).toBe(1);
    expect(countedKop({ kind: 'return', totalKop: -3_977_00 }, -977_00)).toBe(977_00);
    expect(countedKop({ kind: 'return', totalKop: -3_977_00 }, 1)).toBe(-1);
    expect(Object.is(countedKop({ kind: 'return', totalKop: -1 }, 0), 0)).toBe(true);
  });

  it('a return counts the same whichever sign it came with (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 12 }), fc.integer({ min: -(10 ** 12), max: 10 ** 12 }), (total, part) => {
        const positive = { kind: 'return' as const, totalKop: total };
        const negative = { kind: 'return' as const, totalKop: -total };
        expect(countedKop(negative, negative.totalKop)).toBe(total);
        expect(countedKop(negative, -part)).toBe(countedKop(positive, part));
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...CHECK_KINDS.filter((k) => k !== 'return')), fc.integer(), fc.integer(), (kind, total, part) => {
        expect(countedKop({ kind, totalKop: total }, part)).toBe(part === 0 ? 0 : part);
      }),
    );
  });

  it('a check view of a negative return reads as the positive one; others are left as they are', () => {
    const positive = checkView({
      kind: 'return',
      checkType: 'RETURN',
      totalKop: 3_977_00,
      roundKop: 1,
      discountKop: 10_00,
      items: [{ name: 'Праска', unitName: 'шт', amountMilli: 1000, priceKop: 3_987_00, costKop: 3_977_00, discountKop: 10_00 }],
      payments: [
        { isCash: true, name: 'ГОТІВКА', sumKop: 977_00, providedKop: 977_00, remainsKop: 0 },
        { isCash: false, name: 'КАРТКА', sumKop: 3_000_00, providedKop: null, remainsKop: null },
      ],
    });
    const negative = checkView({
      ...positive,
      totalKop: -3_977_00,
      roundKop: -1,
      discountKop: -10_00,
      items: [{ name: 'Праска', unitName: 'шт', amountMilli: -1000, priceKop: 3_987_00, costKop: -3_977_00, discountKop: -10_00 }],
      payments: [
        { isCash: true, name: 'ГОТІВКА', sumKop: -977_00, providedKop: -977_00, remainsKop: 0 },
        { isCash: false, name: 'КАРТКА', sumKop: -3_000_00, providedKop: null, remainsKop: null },
      ],
    });
    expect(countedView(negative)).toEqual(positive);
    expect(countedView(positive)).toBe(positive);
    const sale = checkView();
    expect(countedView(sale)).toBe(sale);
  });
});
