/** Telegram-like flood control for message-sending methods. */
import type { ChatType, RateLimitConfig } from './types.js';

export const TELEGRAM_LIMITS: RateLimitConfig = {
  globalPerSecond: 30,
  privatePerSecond: 1,
  privateBurst: 3,
  groupPerMinute: 20,
};

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class RateLimiter {
  private readonly config: RateLimitConfig;
  private readonly now: () => number;
  private globalSends: number[] = [];
  private readonly privateBuckets = new Map<string, Bucket>();
  private readonly groupSends = new Map<string, number[]>();

  constructor(config: Partial<RateLimitConfig> = {}, now: () => number = Date.now) {
    this.config = { ...TELEGRAM_LIMITS, ...config };
    this.now = now;
  }

  /**
   * Checks whether one more message may be sent to the chat. If yes, counts it and returns undefined;
   * otherwise returns the `retry_after` (seconds, >= 1) Telegram would answer with.
   */
  take(chatId: number | string, chatType: ChatType): number | undefined {
    const now = this.now();
    const key = String(chatId);
    const retries: number[] = [];

    this.globalSends = this.globalSends.filter((t) => t > now - 1000);
    if (this.globalSends.length >= this.config.globalPerSecond) {
      retries.push(((this.globalSends[0] as number) + 1000 - now) / 1000);
    }

    let bucket: Bucket | undefined;
    let groupSends: number[] | undefined;
    if (chatType === 'private') {
      const b = this.privateBuckets.get(key) ?? { tokens: this.config.privateBurst, updatedAt: now };
      const refilled = Math.min(
        this.config.privateBurst,
        b.tokens + ((now - b.updatedAt) / 1000) * this.config.privatePerSecond,
      );
      bucket = { tokens: refilled, updatedAt: now };
      if (refilled < 1) retries.push((1 - refilled) / this.config.privatePerSecond);
    } else {
      groupSends = (this.groupSends.get(key) ?? []).filter((t) => t > now - 60_000);
      if (groupSends.length >= this.config.groupPerMinute) {
        retries.push(((groupSends[0] as number) + 60_000 - now) / 1000);
      }
    }

    if (bucket) this.privateBuckets.set(key, bucket);
    if (groupSends) this.groupSends.set(key, groupSends);
    if (retries.length > 0) return Math.max(1, Math.ceil(Math.max(...retries)));

    this.globalSends.push(now);
    if (bucket) bucket.tokens -= 1;
    if (groupSends) groupSends.push(now);
    return undefined;
  }

  reset(): void {
    this.globalSends = [];
    this.privateBuckets.clear();
    this.groupSends.clear();
  }
}
