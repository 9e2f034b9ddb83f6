import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Database } from '../db/client.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { TelegramGateway } from '../telegram/gateway.js';
import type { JobRenderer } from './job-renderer.js';
import type { ChatHooks } from './chat-hooks.js';
import { ruleForChat, type SendRules } from '../telegram/rate-limits.js';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import { claimDueChats } from './chat-leases.js';
import { serveChat } from './chat-turn.js';
import { DEFAULT_COALESCE, type CoalescePolicy } from './coalesce.js';

export interface WorkerSettings {
  /** Names this process in leases; unique per process. */
  workerId: string;
  /** Chats served at once. */
  concurrency: number;
  /** How often to look for due messages written by other instances (in-process writes call wake()). */
  pollIntervalMs: number;
  /** How long a claimed chat stays ours without renewal; a dead process's chats are retaken after it. */
  leaseMs: number;
  /**
   * Least time between two looks when woken: a wake per stored batch (hundreds a second under
   * load) would otherwise be a claiming query each, most finding nothing new (each a
   * connection the ingest waited for). Looks woken meanwhile become one.
   */
  claimGapMs: number;
  holdMs: number;
  backoff: BackoffPolicy;
  coalesce: CoalescePolicy;
  random: () => number;
}

/** How often a worker also looks for pending jobs of chats without a lease row (claimDueChats). */
const ENSURE_LEASES_EVERY_MS = 5_000;

const DEFAULT_WORKER_SETTINGS: Omit<WorkerSettings, 'workerId'> = {
  concurrency: 16,
  pollIntervalMs: 250,
  // Longer than the gateway's call timeout, so a slow send never outlives its lease.
  leaseMs: 60_000,
  claimGapMs: 20,
  holdMs: 50,
  backoff: DEFAULT_BACKOFF,
  coalesce: DEFAULT_COALESCE,
  random: Math.random,
};

export interface WorkerDeps {
  db: Database;
  gateway: TelegramGateway;
  renderer: JobRenderer;
  chats: ChatHooks;
  rules: SendRules;
  logger: Logger;
  metrics: Metrics;
}

export interface DeliveryWorker {
  readonly workerId: string;
  start(): void;
  /** Sends nothing new; waits for messages in flight to be sent and recorded, gives chats back. */
  stop(): Promise<void>;
  /** Something was just written to the outbox: look now rather than at the next poll. A
   * property, not a method: it is handed on unbound as `onOutboxWritten`. */
  readonly wake: () => void;
}

/**
 * The outbox worker: claims chats with due messages (chat-leases.ts), serves up to `concurrency`
 * of them at once (chat-turn.ts), and looks again whenever a chat is done, when woken, and every
 * poll interval. Any number of these may run, in one process or many, over one database.
 */
export function createDeliveryWorker(deps: WorkerDeps, overrides: Partial<WorkerSettings> = {}): DeliveryWorker {
  const settings: WorkerSettings = {
    ...DEFAULT_WORKER_SETTINGS,
    workerId: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    ...overrides,
  };
  const log = deps.logger.child({ worker: settings.workerId });
  const active = new Set<Promise<void>>();
  let running = false;
  let loop: Promise<void> | undefined;
  let woken = false;
  let wakeUp: (() => void) | undefined;
  let leasesEnsuredAt = 0;
  let claimedAt = Number.NEGATIVE_INFINITY;

  const wake = () => {
    woken = true;
    wakeUp?.();
  };

  const turnDeps = {
    db: deps.db,
    gateway: deps.gateway,
    renderer: deps.renderer,
    chats: deps.chats,
    logger: log,
    metrics: deps.metrics,
    ruleFor: (chatId: number) => ruleForChat(deps.rules, chatId),
    isRunning: () => running,
    wake,
  };

  async function waitForWork(): Promise<void> {
    if (!woken) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, settings.pollIntervalMs);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = undefined;
    }
    const gap = claimedAt + settings.claimGapMs - Date.now();
    if (gap > 0 && running) await new Promise((resolve) => setTimeout(resolve, gap));
    // The look that follows covers every wake until now.
    woken = false;
  }

  async function run(): Promise<void> {
    while (running) {
      const free = settings.concurrency - active.size;
      let claimed: number[] = [];
      if (free > 0) {
        try {
          const ensureLeases = Date.now() - leasesEnsuredAt >= ENSURE_LEASES_EVERY_MS;
          if (ensureLeases) leasesEnsuredAt = Date.now();
          claimedAt = Date.now();
          claimed = await claimDueChats(deps.db, { workerId: settings.workerId, leaseMs: settings.leaseMs, limit: free, ensureLeases });
        } catch (err) {
          log.warn({ err }, 'could not claim chats from the outbox');
        }
      }
      for (const chatId of claimed) {
        if (!running) break;
        const turn = serveChat(turnDeps, settings, chatId)
          .catch((err: unknown) => log.error({ err, chatId }, 'delivery turn failed; the chat is retried'))
          .finally(() => {
            active.delete(turn);
            wake();
          });
        active.add(turn);
      }
      if (claimed.length > 0 && claimed.length === free) continue;
      await waitForWork();
    }
  }

  return {
    workerId: settings.workerId,
    start() {
      if (running) return;
      running = true;
      loop = run();
      log.info({ concurrency: settings.concurrency }, 'delivery worker started');
    },
    async stop() {
      if (!running) return;
      running = false;
      wake();
      await loop;
      await Promise.allSettled([...active]);
      log.info('delivery worker stopped');
    },
    wake,
  };
}
