import type { LookSchedule } from '../../platform/schedules/scheduler.js';
import { pruneScheduleRuns } from '../../platform/schedules/run-coordinator.js';
import { CHAT_SUMMARY_JOB, runChatSummaries } from './chat-summary.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ChatSummaryScheduleDeps {
  config: { businessTz: string; businessDayStart?: number };
  /** Called after summaries were written to the outbox (wakes this process's delivery worker). */
  onOutboxWritten?: () => void;
  /** How often to look for chats whose time has come (default every minute; tests: every second). */
  tickCron?: string;
  /** How long claim rows are kept, by the database's clock. */
  keepClaimsMs?: number;
}

/**
 * Looks every minute for chats whose own summary time has come (runChatSummaries). Every
 * instance looks; the claim rows make each summary go once. A look that fails is simply the
 * next minute's to do.
 */
export function chatSummarySchedule(deps: ChatSummaryScheduleDeps): LookSchedule {
  const keepClaimsMs = deps.keepClaimsMs ?? 7 * DAY_MS;
  let lastPrune = 0;
  return {
    kind: 'look',
    name: 'chat-summary-tick',
    ...(deps.tickCron ? { tickCron: deps.tickCron } : {}),
    component: 'chat-summaries',
    label: 'chat summary',
    look: async ({ db, instanceId, now, logger }) => {
      const run = await runChatSummaries(db, {
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
        await pruneScheduleRuns(db, { job: CHAT_SUMMARY_JOB, olderThanMs: keepClaimsMs });
      }
    },
  };
}
