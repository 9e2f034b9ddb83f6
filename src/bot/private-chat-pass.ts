import type { Database } from '../platform/db/client.js';
import { classifyTelegramError } from '../platform/telegram/telegram-errors.js';
import { claimStartWork, finishStartWork, releaseStartWork, type StartClaim } from '../platform/schedules/start-claims.js';
import { activePrivateChats, type PrivateChatRef } from '../features/shops/chats.js';
import type { Logger } from '../platform/observability/logger.js';

/** Chats per page of a pass. */
const PAGE = 200;
/**
 * Bot API calls a pass makes per second at most. Telegram publishes no limit for the settings
 * methods (setMyCommands, setChatMenuButton); this stays well under its ~30 requests a second
 * for a bot, leaving room for the replies and alerts going out meanwhile.
 */
const CALLS_PER_SECOND = 10;
/** Refusals in a row after which Telegram counts as away (not one chat gone): the next start tries again. */
const FAILURES_IN_A_ROW = 3;

export interface PrivateChatPassDeps {
  db: Database;
  logger: Logger;
  instanceId: string;
  /** Least time between two Bot API calls of the pass (default 1000 / CALLS_PER_SECOND ms). */
  minIntervalMs?: number;
}

/**
 * One Bot API call of a pass, made when the pass's pace allows it; Telegram's 429 waits its
 * retry_after and tries again. Resolves false when the pass was stopped meanwhile.
 */
export type PacedCall = (call: () => Promise<unknown>) => Promise<boolean>;

export interface PrivateChatPass {
  /** How many chats were done (0 when another start did or does the pass). */
  done: Promise<number>;
  /** Ends the pass between calls and lets its claim go (the next start does it again). */
  stop(): void;
}

/**
 * At start: `perChat` for every linked private chat that is on, once per claim (job, slot) across
 * all instances and restarts (platform/schedules/start-claims.ts), so a restart costs one insert.
 * Runs in the background, paced (`minIntervalMs` between calls, a 429 waited out); `perChat`
 * answers whether the chat was done. Stopped, or refused three chats in a row (Telegram away),
 * it lets the claim go: the next start does it again.
 */
export function runPrivateChatPass(
  deps: PrivateChatPassDeps,
  claim: StartClaim,
  what: string,
  perChat: (chat: PrivateChatRef, call: PacedCall) => Promise<boolean>,
): PrivateChatPass {
  const minIntervalMs = deps.minIntervalMs ?? 1000 / CALLS_PER_SECOND;
  let stopped = false;
  let wake: (() => void) | undefined;
  let nextCallAt = 0;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (stopped || ms <= 0) return resolve();
      const timer = setTimeout(() => {
        wake = undefined;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const call: PacedCall = async (apiCall) => {
    for (;;) {
      await sleep(nextCallAt - Date.now());
      if (stopped) return false;
      nextCallAt = Date.now() + minIntervalMs;
      try {
        await apiCall();
        return true;
      } catch (err) {
        const failure = classifyTelegramError(err);
        if (failure.kind !== 'rate_limited') throw err;
        nextCallAt = Date.now() + failure.retryAfterMs;
      }
    }
  };

  const run = async (): Promise<number> => {
    if (!(await claimStartWork(deps.db, { ...claim, claimedBy: deps.instanceId }))) return 0;
    const release = () => releaseStartWork(deps.db, claim);
    let done = 0;
    let after = 0;
    let failedInARow = 0;
    for (;;) {
      const page = await activePrivateChats(deps.db, { after, limit: PAGE });
      // A stop cuts the pass only when it leaves a chat without its call: one that comes after
      // the last chat's call finished still counts the pass as done.
      let cut = false;
      for (const chat of page) {
        if (stopped) {
          cut = true;
          break;
        }
        if (await perChat(chat, call)) {
          done++;
          failedInARow = 0;
        } else if (stopped) {
          cut = true;
          break;
        } else if (++failedInARow >= FAILURES_IN_A_ROW) {
          await release();
          deps.logger.warn({ chats: done }, `${what}: Telegram refused three chats in a row; the next start tries again`);
          return done;
        }
      }
      if (cut) {
        await release();
        return done;
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.chatId;
    }
    await finishStartWork(deps.db, claim);
    deps.logger.info({ chats: done }, `${what}: done`);
    return done;
  };

  const done = run().catch(async (err: unknown) => {
    // The database failed us half-way: the next start tries again.
    deps.logger.warn({ err }, `${what}: failed; the next start tries again`);
    await releaseStartWork(deps.db, claim).catch(() => undefined);
    return 0;
  });
  return {
    done,
    stop: () => {
      stopped = true;
      wake?.();
    },
  };
}
