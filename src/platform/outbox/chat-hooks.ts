import type { Database, Executor } from '../db/client.js';

/**
 * What the outbox asks of the chats it sends to, and tells them, beyond one message: the chat as
 * a turn finds it, and what Telegram's answers change (a chat gone, a group that became a
 * supergroup, a closed forum topic, a chat that refuses the bot), and messages given up on. The
 * outbox knows no chat row: features/shops implements these (chat-lifecycle.ts), service.ts
 * hands them to createDelivery.
 */
export interface ChatHooks {
  /**
   * The chat as a turn finds it: on (and whether it refuses the bot's messages), or not to be
   * served: then its waiting messages were forwarded to the supergroup it became, or dropped.
   */
  openTurn(db: Database, chatId: number): Promise<ChatAtTurn>;
  /** Blocked, kicked, deleted: the chat is switched off, its waiting messages dropped (answers how many). */
  chatGone(db: Database, chatId: number, reason: string): Promise<number>;
  /** The group became the supergroup `newChatId`: the chat and its waiting messages follow it. */
  chatMigrated(db: Database, chatId: number, newChatId: number): Promise<void>;
  /** The chat's forum topic was closed or deleted; answers whether this call made the chat forget it. */
  topicClosed(db: Database, chatId: number, threadId: number): Promise<boolean>;
  /** The chat keeps the bot but refuses its messages; answers how many chats were told (first refusal of an episode). */
  sendRefused(db: Database, chatId: number): Promise<number>;
  /** A message went through to a chat that had refused them. */
  sendAccepted(db: Database, chatId: number): Promise<void>;
  /** Messages of one business given up on after the retry window, in the transaction that buries them. */
  messagesLost(tx: Executor, businessId: number, jobs: readonly LostJob[]): Promise<void>;
}

export type ChatAtTurn =
  | { state: 'on'; refusing: boolean }
  | { state: 'moved'; to: number; moved: number }
  | { state: 'gone'; why: 'chat switched off' | 'chat unknown'; dropped: number };

export interface LostJob {
  id: number;
  businessId: number;
  kind: string;
  createdAt: Date;
}
