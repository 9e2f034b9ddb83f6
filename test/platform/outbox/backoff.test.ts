import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, nextRetry } from '../../../src/platform/outbox/backoff.js';

const HOUR = 3_600_000;

describe('nextRetry', () => {
  it('doubles the delay with each failure, with jitter between half and all of it', () => {
    const low = [1, 2, 3, 4].map((n) => nextRetry(DEFAULT_BACKOFF, n, 0, 1000, 0));
    const high = [1, 2, 3, 4].map((n) => nextRetry(DEFAULT_BACKOFF, n, 0, 1000, 0.999999));
    expect(low.map((d) => (d.retry ? d.delayMs : -1))).toEqual([500, 1000, 2000, 4000]);
    expect(high.map((d) => (d.retry ? Math.round(d.delayMs) : -1))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('caps the delay', () => {
    const d = nextRetry(DEFAULT_BACKOFF, 40, 0, 1000, 0.999999);
    expect(d.retry && d.delayMs).toBeLessThanOrEqual(DEFAULT_BACKOFF.maxMs);
    expect(d.retry && d.delayMs).toBeGreaterThan(DEFAULT_BACKOFF.maxMs / 2 - 1);
  });

  it('gives up 24 hours after the message was written, trying once more right before', () => {
    expect(nextRetry(DEFAULT_BACKOFF, 300, 0, 24 * HOUR, 0.5)).toEqual({ retry: false });
    const last = nextRetry(DEFAULT_BACKOFF, 300, 0, 24 * HOUR - 10_000, 0.9);
    expect(last).toEqual({ retry: true, delayMs: 10_000 });
  });

  it('spreads chats that failed together', () => {
    const delays = Array.from({ length: 50 }, (_, i) => nextRetry(DEFAULT_BACKOFF, 5, 0, 0, i / 50));
    expect(new Set(delays.map((d) => (d.retry ? d.delayMs : 0))).size).toBe(50);
  });
});
