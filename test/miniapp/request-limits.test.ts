import { describe, expect, it } from 'vitest';
import { createKeyedLimiter } from '../../src/miniapp/request-limits.js';

describe('createKeyedLimiter', () => {
  const clock = () => {
    let t = 1_000_000;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  };

  it('a burst, then one request per interval; the wait is said in whole seconds', () => {
    const c = clock();
    const limiter = createKeyedLimiter({ perSecond: 2, burst: 3, maxInFlight: Infinity, now: c.now });
    const results = Array.from({ length: 4 }, () => limiter.admit('u'));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false]);
    expect(results[3]).toEqual({ ok: false, retryAfterSeconds: 1 });
    c.advance(499);
    expect(limiter.admit('u').ok).toBe(false);
    c.advance(1);
    expect(limiter.admit('u').ok).toBe(true);
    // Another key has its own bucket.
    expect(limiter.admit('v').ok).toBe(true);
  });

  it('a slow rate names the seconds until the next token', () => {
    const c = clock();
    const limiter = createKeyedLimiter({ perSecond: 0.1, burst: 1, maxInFlight: Infinity, now: c.now });
    expect(limiter.admit(1).ok).toBe(true);
    expect(limiter.admit(1)).toEqual({ ok: false, retryAfterSeconds: 10 });
    c.advance(2500);
    expect(limiter.admit(1)).toEqual({ ok: false, retryAfterSeconds: 8 });
  });

  it('at most maxInFlight at once; a release (once) frees a slot', () => {
    const c = clock();
    const limiter = createKeyedLimiter({ perSecond: 100, burst: 100, maxInFlight: 2, now: c.now });
    const first = limiter.admit('u');
    const second = limiter.admit('u');
    expect(first.ok && second.ok).toBe(true);
    expect(limiter.admit('u')).toEqual({ ok: false, retryAfterSeconds: 1 });
    if (first.ok) {
      first.release();
      first.release();
    }
    expect(limiter.admit('u').ok).toBe(true);
    expect(limiter.admit('u').ok).toBe(false);
  });

  it('refused requests counted after the fact: waitSeconds, then charge', () => {
    const c = clock();
    const limiter = createKeyedLimiter({ perSecond: 1, burst: 2, maxInFlight: Infinity, now: c.now });
    expect(limiter.waitSeconds('1.2.3.4')).toBe(0);
    limiter.charge('1.2.3.4');
    expect(limiter.waitSeconds('1.2.3.4')).toBe(0);
    limiter.charge('1.2.3.4');
    expect(limiter.waitSeconds('1.2.3.4')).toBe(1);
    c.advance(1000);
    expect(limiter.waitSeconds('1.2.3.4')).toBe(0);
  });

  it('bounded: idle keys go at no cost, past maxKeys the least recently used idle ones; a key in flight stays', () => {
    const c = clock();
    const limiter = createKeyedLimiter({ perSecond: 1, burst: 1, maxInFlight: 1, maxKeys: 100, now: c.now });
    const held = limiter.admit('held');
    expect(held.ok).toBe(true);
    for (let i = 0; i < 1000; i++) {
      const r = limiter.admit(i);
      if (r.ok) r.release();
      expect(limiter.size).toBeLessThanOrEqual(100);
    }
    // 'held' was never dropped: it is still at its one request in flight.
    expect(limiter.admit('held')).toEqual({ ok: false, retryAfterSeconds: 1 });
    // Once their buckets are full again, every idle key is the same as a new one, and goes.
    c.advance(1000);
    for (let i = 0; i < 101; i++) limiter.charge(`late-${i}`);
    expect(limiter.size).toBeLessThanOrEqual(100);
  });
});
