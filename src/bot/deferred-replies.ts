import type { Database } from '../platform/db/client.js';
import { enqueueJobs } from '../platform/outbox/enqueue.js';
import { hasPendingJob } from '../platform/outbox/outbox.js';
import type { Logger } from '../platform/observability/logger.js';
import type { OutgoingMessage } from '../platform/telegram/outgoing.js';
import { replyPayload } from '../platform/outbox/reply-job.js';

/**
 * Replies that could not go out within about a second (the chat's send budget was spent, or
 * Telegram answered 429): queued in the outbox as 'reply' jobs for a chat that belongs to a
 * business, dropped for any other chat. A handler therefore never sleeps for a send budget.
 *
 * Order within a chat: once a chat has a reply waiting in the outbox, its later replies queue
 * behind it instead of overtaking it. Which chats may have one is remembered in memory (bounded),
 * so the common case costs no query; a chat in that set costs one indexed read per reply until
 * its queue is empty.
 */
export interface DeferredReplies {
  /** True when an earlier reply to the chat still waits in the outbox: send this one after it. */
  hasWaiting(chatId: number): Promise<boolean>;
  /** Queues the reply (`queued`), or drops it when the chat is not a member (`dropped`). */
  defer(target: { chatId: number; businessId: number | undefined }, message: OutgoingMessage, reason: string): Promise<'queued' | 'dropped'>;
}

/** Chats remembered as having deferred replies; beyond it the oldest are forgotten (they only lose ordering). */
const MAX_REMEMBERED = 10_000;

export function createDeferredReplies(deps: { db: Database; logger: Logger; onOutboxWritten?: () => void }): DeferredReplies {
  const remembered = new Set<number>();

  return {
    async hasWaiting(chatId) {
      if (!remembered.has(chatId)) return false;
      const waiting = await hasPendingJob(deps.db, chatId, 'reply');
      if (!waiting) remembered.delete(chatId);
      return waiting;
    },
    async defer({ chatId, businessId }, message, reason) {
      if (businessId === undefined) {
        deps.logger.debug({ chatId, reason }, 'reply dropped: no send budget now and the chat is not connected');
        return 'dropped';
      }
      const payload = replyPayload(message);
      if (!payload) {
        deps.logger.warn({ chatId, reason }, 'reply dropped: no send budget now and its attachment is too big to queue');
        return 'dropped';
      }
      await enqueueJobs(deps.db, [{ businessId, chatId, kind: 'reply', payload }]);
      remembered.delete(chatId);
      remembered.add(chatId);
      if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.values().next().value!);
      deps.logger.info({ chatId, reason }, 'reply queued in the outbox: no send budget for it now');
      deps.onOutboxWritten?.();
      return 'queued';
    },
  };
}
