import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database } from '../../platform/db/client.js';
import type { Logger } from '../../platform/observability/logger.js';
import { CHAT_SUMMARY_JOB, runChatSummaries } from './chat-summary.js';
import { pruneScheduleRuns } from '../../platform/schedules/run-coordinator.js';
import { startMinuteLook, type MinuteLook } from '../../platform/schedules/minute-look.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ChatSummaryScheduleDeps {
  db: Database;
  config: { businessTz: string; businessDayStart?: number };
  logger: Logger;
  /** Called after summaries were written to the outbox (wakes this process's delivery worker). */
  onOutboxWritten?: () => void;
  now?: () => Date;
  /** Who claims, in schedule_runs; unique per running instance. */
  instanceId?: string;
  /** How often to look for chats whose time has come (default every minute; tests: every second). */
  tickCron?: string;
  /** How long claim rows are kept, by the database's clock. */
  keepClaimsMs?: number;
}

export type ChatSummarySchedule = MinuteLook;

/**
 * Looks every minute for chats whose own summary time has come (runChatSummaries). Every
 * instance looks; the claim rows make each summary go once. A look that fails is simply the
 * next minute's to do.
 */
export function startChatSummarySchedule(deps: ChatSummaryScheduleDeps): ChatSummarySchedule {
  const now = deps.now ?? (() => new Date());
  const instanceId = deps.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const keepClaimsMs = deps.keepClaimsMs ?? 7 * DAY_MS;
  const logger = deps.logger.child({ component: 'chat-summaries' });
  let lastPrune = 0;

  const look = async (): Promise<void> => {
    try {
      const run = await runChatSummaries(deps.db, {
        now: now(),
        tz: deps.config.businessTz,
        dayStart: deps.config.businessDayStart ?? 0,
        claimedBy: instanceId,
      });
      if (run.chats > 0) {
        deps.onOutboxWritten?.();
        logger.info({ chats: run.chats }, 'chat summaries enqueued');
      }
      if (Date.now() - lastPrune > 60 * 60_000) {
        lastPrune = Date.now();
        await pruneScheduleRuns(deps.db, { job: CHAT_SUMMARY_JOB, olderThanMs: keepClaimsMs });
      }
    } catch (err) {
      logger.error({ err }, 'chat summary look failed; trying again at the next tick');
    }
  };
  return startMinuteLook({ name: 'chat-summary-tick', tz: deps.config.businessTz, ...(deps.tickCron ? { tickCron: deps.tickCron } : {}), look });
}
