import type { Executor } from '../db/client.js';
import { findChat } from '../../features/shops/chats.js';
import { applyChatDelivery } from '../../features/chat-settings/chat-delivery.js';
import type { JobRenderer, OutboxJob } from './jobs.js';
import type { OutgoingMessage } from '../telegram/outgoing.js';

/** A renderer whose messages follow their chat's topic and quiet hours (features/chat-settings/chat-delivery.ts). */
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
