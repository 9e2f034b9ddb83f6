/**
 * When to try a message again after Telegram or the network failed: exponential delays with
 * jitter (so a thousand chats failing together do not come back together), capped, and given up
 * after a window counted from when the message was written (SPEC: 24 hours).
 */
export interface BackoffPolicy {
  /** Delay after the first failure. */
  baseMs: number;
  /** No delay longer than this. */
  maxMs: number;
  /** Give up on a message this long after it was written. */
  giveUpAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  baseMs: 1_000,
  maxMs: 5 * 60_000,
  giveUpAfterMs: 24 * 60 * 60_000,
};

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

/**
 * `attempts`: failures so far, including this one (≥ 1). `random` in [0, 1). The delay is drawn
 * from [d/2, d) with d = min(max, base · 2^(attempts − 1)) ("equal jitter": spread out, never
 * much shorter than planned). No retry that would start after the give-up moment; the last one
 * is moved up to it instead, so a message is tried once more just before it is given up.
 */
export function nextRetry(policy: BackoffPolicy, attempts: number, createdAt: number, now: number, random: number): RetryDecision {
  const deadline = createdAt + policy.giveUpAfterMs;
  if (now >= deadline) return { retry: false };
  const exponent = Math.min(Math.max(attempts, 1) - 1, 52);
  const full = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  const jittered = full / 2 + (full / 2) * Math.min(Math.max(random, 0), 1);
  return { retry: true, delayMs: Math.max(0, Math.min(jittered, deadline - now)) };
}
