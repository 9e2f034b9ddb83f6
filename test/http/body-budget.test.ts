import { describe, expect, it } from 'vitest';
import { createBodyBudget } from '../../src/http/read-body.js';

describe('createBodyBudget', () => {
  it('admits bodies while the total stays within the limit, and again once released', () => {
    const seen: number[] = [];
    const budget = createBodyBudget(100, (n) => seen.push(n));
    expect(budget.tryReserve(60)).toBe(true);
    expect(budget.tryReserve(40)).toBe(true);
    expect(budget.tryReserve(1)).toBe(false);
    expect(budget.inFlight).toBe(100);
    budget.release(40);
    expect(budget.tryReserve(30)).toBe(true);
    expect(budget.tryReserve(11)).toBe(false);
    budget.release(60);
    budget.release(30);
    expect(budget.inFlight).toBe(0);
    expect(seen).toEqual([60, 100, 60, 90, 30, 0]);
  });

  it('always admits a body when nothing else is in flight, however large', () => {
    const budget = createBodyBudget(100);
    expect(budget.tryReserve(500)).toBe(true);
    expect(budget.tryReserve(1)).toBe(false);
    budget.release(500);
    expect(budget.tryReserve(1)).toBe(true);
  });

  it('defaults to 64 MiB', () => {
    expect(createBodyBudget().limitBytes).toBe(64 * 1024 * 1024);
  });
});
