/**
 * Telegram's flood limits as send rules, and the one piece of arithmetic behind them (GCRA,
 * equivalent to a token bucket): a rule is "one message every `intervalMs`, up to `burst` at once".
 * The state of a rule is one instant, `notBefore`: the earliest moment the next message may go.
 * It is small enough to live in a database row, so every instance shares it.
 */
export interface TelegramLimits {
  /** Messages a second over all chats (Telegram: about 30). */
  globalPerSecond: number;
  /** Sustained messages a second to one private chat (Telegram: about 1)… */
  privatePerSecond: number;
  /** …with short bursts of this many. */
  privateBurst: number;
  /** Messages a minute to one group, supergroup or channel (Telegram: 20). */
  groupPerMinute: number;
}

/** Telegram's published figures. */
export const TELEGRAM_LIMITS: TelegramLimits = {
  globalPerSecond: 30,
  privatePerSecond: 1,
  privateBurst: 3,
  groupPerMinute: 20,
};

export interface SendRule {
  /** Sustained spacing between two messages. */
  intervalMs: number;
  /** Messages that may go at once after a quiet spell (1: none beyond the spacing). */
  burst: number;
}

export interface SendRules {
  global: SendRule;
  privateChat: SendRule;
  group: SendRule;
}

/**
 * The overall budget keeps a wider margin: its count adds up the sends of every instance, and an
 * instance that stalls (a pause of its event loop, a slow connection) sends the slots it held
 * late, on top of the others' on-time ones. At 0.9 × 0.85 of 30 a second, a stall of up to
 * about 170 ms still leaves every second's window under Telegram's count.
 */
const GLOBAL_SHARE = 0.85;

/**
 * Our budget under Telegram's limits. `margin` keeps us below them so that network jitter (two
 * messages spaced correctly here may arrive closer together there) never tips a window over.
 * Groups and the global budget get no burst: Telegram counts them in sliding windows, where a
 * burst on top of the sustained rate would exceed the window's count.
 */
export function sendRules(limits: TelegramLimits = TELEGRAM_LIMITS, margin = 0.9): SendRules {
  return {
    global: { intervalMs: 1000 / (limits.globalPerSecond * margin * GLOBAL_SHARE), burst: 1 },
    privateChat: { intervalMs: 1000 / (limits.privatePerSecond * margin), burst: Math.max(1, Math.floor(limits.privateBurst)) },
    group: { intervalMs: 60_000 / (limits.groupPerMinute * margin), burst: 1 },
  };
}

/** Telegram's ids: users are positive, groups, supergroups and channels negative. */
function isGroupChat(chatId: number | string): boolean {
  return typeof chatId === 'string' || chatId < 0;
}

export function ruleForChat(rules: SendRules, chatId: number | string): SendRule {
  return isGroupChat(chatId) ? rules.group : rules.privateChat;
}

export interface Reservation {
  /** When the reserved message may go (now, or later if the budget is spent). */
  slotAt: number;
  /** The rule's new state. */
  notBefore: number;
}

/**
 * Reserves the next slot under a rule. With state `notBefore` (null: never used), a message at
 * `now` may go at max(now, notBefore), and the state moves to max(notBefore, now − tolerance) +
 * interval, where tolerance = (burst − 1) · interval lets a quiet rule save up `burst` slots.
 * The SQL in platform/outbox/send-budget.ts computes exactly this; this function is its executable statement.
 */
export function reserve(notBefore: number | null, now: number, rule: SendRule): Reservation {
  const tolerance = (rule.burst - 1) * rule.intervalMs;
  const next = Math.max(notBefore ?? -Infinity, now - tolerance) + rule.intervalMs;
  // max(now, notBefore) = max(now, next − interval), since now − tolerance ≤ now.
  return { slotAt: Math.max(now, next - rule.intervalMs), notBefore: next };
}
