import { describe, expect, it } from 'vitest';
import { classifyCheck } from '../../../src/platform/db/check-types.js';

describe('check kinds: one table', () => {
  it.each([
    ['Z_SALE', 1, 'sale'],
    ['SALE', 0, 'sale'],
    ['RETURN', 1, 'return'],
    ['Z_RETURN', 1, 'return'],
    ['REFUND', 0, 'return'],
    ['SERVICE_IN', 0, 'service_in'],
    ['SERVICE_OUT', 0, 'service_out'],
    ['service_in', 0, 'service_in'],
    ['SOMETHING_NEW', 2, 'sale'],
    ['SOMETHING_NEW', 0, 'other'],
    [null, 0, 'other'],
    [null, 3, 'sale'],
  ] as const)('%s with %i products → %s', (type, products, kind) => {
    expect(classifyCheck(type, products)).toBe(kind);
  });

  it('type name wins over products (a return with products is a return)', () => {
    expect(classifyCheck('RETURN', 5)).toBe('return');
  });
});
