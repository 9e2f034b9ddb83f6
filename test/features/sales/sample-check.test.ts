import { describe, expect, it } from 'vitest';
import { sampleCheckView } from '../../../src/features/sales/sample-check.js';
import { lineCostKop } from '../../../src/platform/money/parse.js';

describe('sampleCheckView', () => {
  const at = new Date('2026-12-07T10:15:00Z');
  const check = sampleCheckView(at);

  it('is dated when asked', () => {
    expect(check.orderedAt).toBe(at);
    expect(sampleCheckView(new Date(0)).orderedAt.getTime()).toBe(0);
  });

  it('adds up like a real check: each line its quantity times its price, the lines the total, the payment the total', () => {
    for (const item of check.items) expect(item.costKop).toBe(lineCostKop(item.amountMilli, item.priceKop) - item.discountKop);
    expect(check.items.reduce((sum, i) => sum + i.costKop, 0) - check.discountKop + check.roundKop).toBe(check.totalKop);
    expect(check.payments.reduce((sum, p) => sum + p.sumKop, 0)).toBe(check.totalKop);
    expect(check.totalKop).toBe(76_800);
  });

  it('points at nothing that does not exist: no stored check, no e-receipt link, no PDF', () => {
    expect(check.checkId).toBe(0);
    expect(check.businessId).toBe(0);
    expect(check.link).toBeNull();
    expect(check.hasPdf).toBe(false);
    expect(check.kind).toBe('sale');
    expect(check.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('a fresh object each time, so a caller may change its copy', () => {
    const other = sampleCheckView(at);
    expect(other).not.toBe(check);
    expect(other.items).not.toBe(check.items);
    expect(other).toEqual(check);
  });
});
