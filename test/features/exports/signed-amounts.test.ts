import { describe, expect, it } from 'vitest';
import { signedKop } from '../../../src/features/exports/signed-amounts.js';

describe('signedKop', () => {
  it("a sale counts plus and a return minus, whatever sign the till sent", () => {
    expect(signedKop('sale', 12_345)).toBe(12_345);
    expect(signedKop('sale', -12_345)).toBe(12_345);
    expect(signedKop('return', 2_890)).toBe(-2_890);
    expect(signedKop('return', -2_890)).toBe(-2_890);
    expect(signedKop('sale', 0)).toBe(0);
  });

  it('a service deposit or withdrawal, or a kind we do not know, counts for nothing', () => {
    for (const kind of ['service_in', 'service_out', 'z_report', '', 'SALE']) expect(signedKop(kind, 5_000), kind).toBeNull();
  });

  it('a plain sum over the signed column is sales minus returns', () => {
    const rows: Array<[string, number]> = [['sale', 10_000], ['return', -3_000], ['service_out', 50_000], ['sale', -500], ['return', 700]];
    expect(rows.reduce((sum, [kind, kop]) => sum + (signedKop(kind, kop) ?? 0), 0)).toBe(10_000 - 3_000 + 500 - 700);
  });
});
