import { describe, expect, it } from 'vitest';
import { createBodyBudget } from '../../src/platform/http/read-body.js';

describe('createBodyBudget', () => {
  it('admits bodies while the total stays within the limit, and again once released', () => {
    const seen: number[] = [];
    const budget = createBodyBudget(100, (n) => seen.push(n), 100);
    const a = budget.hold('a');
    const b = budget.hold('b');
    const c = budget.hold('c');
    expect(a.growTo(60)).toBe(true);
    expect(b.growTo(40)).toBe(true);
    expect(c.growTo(1)).toBe(false);
    expect(budget.inFlight).toBe(100);
    b.release();
    expect(c.growTo(30)).toBe(true);
    expect(c.growTo(41)).toBe(false);
    expect(c.held).toBe(30);
    a.release();
    c.release();
    c.release();
    expect(budget.inFlight).toBe(0);
    expect(seen).toEqual([60, 100, 60, 90, 30, 0]);
  });

  it('grows a hold as its bytes arrive, counting only the growth', () => {
    const budget = createBodyBudget(100, undefined, 100);
    const a = budget.hold('a');
    expect(a.growTo(10)).toBe(true);
    expect(a.growTo(50)).toBe(true);
    expect(a.growTo(40)).toBe(true);
    expect(budget.inFlight).toBe(50);
    expect(budget.inFlightOf('a')).toBe(50);
  });

  it('always admits a body when nothing else is in flight, however large', () => {
    const budget = createBodyBudget(100, undefined, 50);
    const big = budget.hold('a');
    expect(big.growTo(200)).toBe(true);
    expect(big.growTo(500)).toBe(true);
    expect(budget.hold('b').growTo(1)).toBe(false);
    big.release();
    expect(budget.hold('b').growTo(1)).toBe(true);
  });

  it("holds one key to its share: another key's bodies still fit", () => {
    const budget = createBodyBudget(100, undefined, 30);
    const a1 = budget.hold('shop-a');
    const a2 = budget.hold('shop-a');
    expect(a1.growTo(20)).toBe(true);
    expect(a2.growTo(10)).toBe(true);
    expect(a2.growTo(11)).toBe(false);
    expect(budget.hold('shop-a').growTo(1)).toBe(false);
    expect(budget.inFlightOf('shop-a')).toBe(30);
    const b = budget.hold('shop-b');
    expect(b.growTo(30)).toBe(true);
    expect(budget.inFlightOf('shop-b')).toBe(30);
    a1.release();
    expect(a2.growTo(30)).toBe(true);
    expect(budget.inFlight).toBe(60);
  });

  it('defaults to 64 MiB in all and an eighth of it per key', () => {
    expect(createBodyBudget().limitBytes).toBe(64 * 1024 * 1024);
    expect(createBodyBudget().perKeyLimitBytes).toBe(8 * 1024 * 1024);
  });
});
