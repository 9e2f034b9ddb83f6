import { reserve, type SendRule } from '../platform/telegram/rate-limits.js';

/**
 * Per-key request limits of the Mini App API, in this process: a token bucket (the GCRA of
 * platform/telegram/rate-limits.ts: `perSecond` sustained, `burst` at once) and at most `maxInFlight`
 * requests at a time. The state is bounded: a key whose bucket is full again and that has nothing
 * in flight is the same as a key never seen, so it is dropped at no cost; past `maxKeys` the
 * least recently used keys with nothing in flight go too.
 */
export interface KeyedLimitOptions {
  perSecond: number;
  burst: number;
  /** Requests at once per key (Infinity: only the rate). */
  maxInFlight: number;
  /** Keys kept at most (default 10 000). */
  maxKeys?: number;
  /** The clock in milliseconds (tests). */
  now?: () => number;
}

export type Admission = { ok: true; release: () => void } | { ok: false; retryAfterSeconds: number };

interface Entry {
  notBefore: number | null;
  inFlight: number;
}

export interface KeyedLimiter {
  /** Takes a token and an in-flight slot, or says how long to wait. */
  admit(key: string | number): Admission;
  /** Seconds until `key` may spend again (0: now), without spending. */
  waitSeconds(key: string | number): number;
  /** Spends a token of `key` whatever its state (a failure counted after the fact). */
  charge(key: string | number): void;
  /** Keys held now (tests, metrics). */
  readonly size: number;
}

export function createKeyedLimiter(options: KeyedLimitOptions): KeyedLimiter {
  const rule: SendRule = { intervalMs: 1000 / options.perSecond, burst: Math.max(1, Math.floor(options.burst)) };
  const tolerance = (rule.burst - 1) * rule.intervalMs;
  const maxKeys = options.maxKeys ?? 10_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string | number, Entry>();

  /** The key's entry, moved to the most recently used end. */
  const touch = (key: string | number): Entry => {
    const entry = entries.get(key) ?? { notBefore: null, inFlight: 0 };
    entries.delete(key);
    entries.set(key, entry);
    if (entries.size > maxKeys) evict();
    return entry;
  };
  const idle = (e: Entry, t: number) => e.inFlight === 0 && (e.notBefore === null || e.notBefore <= t - tolerance);
  const evict = () => {
    const t = now();
    for (const [key, e] of entries) if (idle(e, t)) entries.delete(key);
    // Still too many (many keys busy at once): the least recently used ones with nothing in flight
    // go, down to 90 %, so the next sweep is 10 % of the keys away.
    for (const [key, e] of entries) {
      if (entries.size <= maxKeys * 0.9) break;
      if (e.inFlight === 0) entries.delete(key);
    }
  };
  const secondsUntil = (at: number, t: number) => Math.max(1, Math.ceil((at - t) / 1000));

  return {
    admit(key) {
      const entry = touch(key);
      const t = now();
      if (entry.inFlight >= options.maxInFlight) return { ok: false, retryAfterSeconds: 1 };
      const r = reserve(entry.notBefore, t, rule);
      if (r.slotAt > t) return { ok: false, retryAfterSeconds: secondsUntil(r.slotAt, t) };
      entry.notBefore = r.notBefore;
      entry.inFlight++;
      let released = false;
      return {
        ok: true,
        release: () => {
          if (released) return;
          released = true;
          entry.inFlight--;
        },
      };
    },
    waitSeconds(key) {
      const entry = entries.get(key);
      if (!entry) return 0;
      const t = now();
      const r = reserve(entry.notBefore, t, rule);
      return r.slotAt > t ? secondsUntil(r.slotAt, t) : 0;
    },
    charge(key) {
      const entry = touch(key);
      entry.notBefore = reserve(entry.notBefore, now(), rule).notBefore;
    },
    get size() {
      return entries.size;
    },
  };
}
