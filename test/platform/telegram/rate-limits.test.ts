import { describe, expect, it } from 'vitest';
import { reserve, ruleForChat, sendRules, TELEGRAM_LIMITS, type SendRule } from '../../../src/platform/telegram/rate-limits.js';

/** Slots of `n` messages all asked for at `now` one after another. */
function slots(rule: SendRule, n: number, now = 0, start: number | null = null): number[] {
  let state = start;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = reserve(state, now, rule);
    out.push(r.slotAt);
    state = r.notBefore;
  }
  return out;
}

/** The most slots inside any window [t, t + width). */
function maxInWindow(times: number[], width: number): number {
  let best = 0;
  for (const t of times) best = Math.max(best, times.filter((x) => x >= t && x < t + width).length);
  return best;
}

describe('reserve (GCRA)', () => {
  it('lets a burst go at once, then spaces messages by the interval', () => {
    expect(slots({ intervalMs: 1000, burst: 3 }, 5, 10_000)).toEqual([10_000, 10_000, 10_000, 11_000, 12_000]);
    expect(slots({ intervalMs: 1000, burst: 1 }, 3, 0)).toEqual([0, 1000, 2000]);
  });

  it('saves up at most `burst` slots over a quiet spell', () => {
    const rule = { intervalMs: 1000, burst: 3 };
    const first = reserve(null, 0, rule);
    // An hour later: three at once again, not 3600.
    expect(slots(rule, 4, 3_600_000, first.notBefore)).toEqual([3_600_000, 3_600_000, 3_600_000, 3_601_000]);
  });

  it('honours a pushed-back state (retry_after) before anything else', () => {
    expect(slots({ intervalMs: 1000, burst: 3 }, 2, 0, 5000)).toEqual([5000, 6000]);
  });
});

describe('sendRules', () => {
  const rules = sendRules(TELEGRAM_LIMITS);

  it('keeps any minute of a group at or under 20 and any second overall under 30', () => {
    expect(maxInWindow(slots(rules.group, 100), 60_000)).toBeLessThanOrEqual(20);
    expect(maxInWindow(slots(rules.global, 300), 1000)).toBeLessThan(30);
  });

  it('keeps a private chat within a burst of 3 and about one a second', () => {
    const times = slots(rules.privateChat, 30);
    expect(times.slice(0, 3)).toEqual([0, 0, 0]);
    expect(maxInWindow(times, 10_000)).toBeLessThanOrEqual(3 + 10);
  });

  it('tells groups from private chats by the sign of the id', () => {
    expect(ruleForChat(rules, 12345)).toBe(rules.privateChat);
    expect(ruleForChat(rules, -4567)).toBe(rules.group);
    expect(ruleForChat(rules, -1001234567890123)).toBe(rules.group);
  });
});
