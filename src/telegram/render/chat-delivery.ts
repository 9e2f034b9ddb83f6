import type { Executor } from '../../db/client.js';
import { findChat } from '../../access/chats.js';
import { isQuietAt, quietHoursOf } from '../../settings/chat-settings.js';
import type { JobRenderer, OutboxJob, OutgoingMessage } from '../outgoing.js';

export interface ChatDelivery {
  quietFrom: number | null;
  quietTo: number | null;
  messageThreadId: number | null;
}

/**
 * Where and how a message goes to a chat, decided at send time: into the chat's forum topic when
 * it has one, and silently (disable_notification) during its quiet hours in BUSINESS_TZ. Pure.
 */
export function applyChatDelivery(message: OutgoingMessage, chat: ChatDelivery, at: Date, tz: string): OutgoingMessage {
  const quiet = isQuietAt(quietHoursOf(chat), at, tz);
  return {
    ...message,
    ...(quiet || message.disableNotification ? { disableNotification: true } : {}),
    ...(chat.messageThreadId !== null ? { messageThreadId: chat.messageThreadId } : {}),
  };
}

/** A renderer whose messages follow their chat's topic and quiet hours (applyChatDelivery). */
export function withChatDelivery(renderer: JobRenderer, deps: { db: Executor; tz: string; now?: () => Date }): JobRenderer {
  const now = deps.now ?? (() => new Date());
  async function apply(chatId: number, message: OutgoingMessage): Promise<OutgoingMessage> {
    const chat = await findChat(deps.db, chatId);
    return chat ? applyChatDelivery(message, chat, now(), deps.tz) : message;
  }
  return {
    async render(job: OutboxJob) {
      const message = await renderer.render(job);
      return message && apply(job.chatId, message);
    },
    async renderDigest(jobs: OutboxJob[]) {
      const message = await renderer.renderDigest(jobs);
      return jobs[0] ? apply(jobs[0].chatId, message) : message;
    },
  };
}
