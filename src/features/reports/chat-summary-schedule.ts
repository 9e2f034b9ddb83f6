import { sql } from 'drizzle-orm';
import type { LookSchedule } from '../../platform/schedules/scheduler.js';
import { daysBefore, deleteInBatches, type PruneTask } from '../../platform/schedules/housekeeping.js';
import { CHAT_SUMMARY_JOB, runChatSummaries } from './chat-summary.js';

/** Days a chat summary's claim row is kept once done (the look asks only about today and yesterday). */
const KEEP_CLAIMS_DAYS = 7;

export interface ChatSummaryScheduleDeps {
  config: { businessTz: string; businessDayStart?: number };
  /** Called after summaries were written to the outbox (wakes this process's delivery worker). */
  onOutboxWritten?: () => void;
  /** How often to look for chats whose time has come (default every minute; tests: every second). */
  tickCron?: string;
}

/**
 * Looks every minute for chats whose own summary time has come (runChatSummaries). Every
 * instance looks; the claim rows make each summary go once. A look that fails is simply the
 * next minute's to do.
 */
export function chatSummarySchedule(deps: ChatSummaryScheduleDeps): LookSchedule {
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
    },
  };
}

/** The nightly pruning (platform/schedules/housekeeping.ts): chat summaries' claims, done more than KEEP_CLAIMS_DAYS ago. */
export const chatSummaryClaimPruning: PruneTask = {
  table: 'schedule_runs',
  prune: (db, now) =>
    deleteInBatches(
      db,
      'schedule_runs',
      'ctid',
      sql`select ctid from schedule_runs
          where job = ${CHAT_SUMMARY_JOB} and finished_at is not null and claimed_at < ${daysBefore(now, KEEP_CLAIMS_DAYS)}::timestamptz`,
    ),
};
