/** In-memory state of the fake: chats, messages, files, commands, recordings. */
import { EventEmitter } from 'node:events';
import type { MessageEntity, UserFromGetMe } from 'grammy/types';
import { ApiError } from './errors.js';
import type {
  CallbackAnswer,
  ChatId,
  ChatMemberStatus,
  ChatType,
  FakeFile,
  KnownChat,
  RecordedRequest,
  SentMessage,
  WebhookState,
} from './types.js';

export type FileKind = 'document' | 'photo';

/** A forum topic of a group as Telegram keeps it: open, closed by an admin, or deleted. */
export type TopicState = 'open' | 'closed' | 'deleted';

/** What the group's admins let the bot send (Telegram's chat permissions); all true by default. */
export interface SendRights {
  text: boolean;
  photos: boolean;
  documents: boolean;
}

export interface StoredFile extends FakeFile {
  kind: FileKind;
}

export interface StoredMessage {
  chatId: number;
  messageId: number;
  fromBot: boolean;
  kind: 'text' | FileKind;
  text: string;
  entities: MessageEntity[];
  replyMarkup: Record<string, unknown> | undefined;
  /** The Bot API Message object (kept up to date on edits). */
  message: Record<string, unknown>;
}

export interface BotCommandEntry {
  command: string;
  description: string;
}

/** Telegram ids: users > 0, basic groups -1..-999999999999, supergroups/channels -100xxxxxxxxxx. */
export function inferChatType(chatId: number): ChatType {
  if (chatId > 0) return 'private';
  return chatId <= -1_000_000_000_000 ? 'supergroup' : 'group';
}

export function chatObject(chat: KnownChat): Record<string, unknown> {
  const result: Record<string, unknown> = { id: chat.id, type: chat.type };
  if (chat.type === 'private') {
    result['first_name'] = chat.first_name ?? 'Test';
    if (chat.last_name !== undefined) result['last_name'] = chat.last_name;
  } else {
    result['title'] = chat.title ?? (chat.type === 'channel' ? 'Test channel' : 'Test group');
  }
  if (chat.username !== undefined) result['username'] = chat.username;
  return result;
}

export class TelegramState {
  readonly events = new EventEmitter();
  readonly sent: SentMessage[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly callbackAnswers: CallbackAnswer[] = [];
  readonly chats = new Map<number, KnownChat>();
  /** Error answered for any chat-targeted method (blocked, kicked, deleted, migrated...). */
  readonly chatFaults = new Map<number, ApiError>();
  /** Forum topics of groups that are forums (a group with none here accepts any thread id). */
  readonly topics = new Map<number, Map<number, TopicState>>();
  /** Restricted send rights of the bot per group (absent: may send everything). */
  readonly sendRights = new Map<number, SendRights>();
  readonly messages = new Map<number, Map<number, StoredMessage>>();
  readonly files = new Map<string, StoredFile>();
  readonly openCallbackQueries = new Set<string>();
  readonly commands = new Map<string, BotCommandEntry[]>();
  /** Users' statuses in groups (getChatMember); a user who wrote in a group is at least a member. */
  readonly memberships = new Map<number, Map<number, ChatMemberStatus>>();
  /** setChatMenuButton: per private chat id, and 'default' for the bot's default button. */
  readonly menuButtons = new Map<number | 'default', Record<string, unknown>>();
  webhook: WebhookState | undefined;
  private readonly lastMessageIds = new Map<number, number>();
  private fileCounter = 0;
  private callbackCounter = 0;

  constructor(readonly bot: UserFromGetMe) {
    this.events.setMaxListeners(1000);
  }

  reset(): void {
    this.sent.length = 0;
    this.requests.length = 0;
    this.callbackAnswers.length = 0;
    this.chats.clear();
    this.chatFaults.clear();
    this.topics.clear();
    this.sendRights.clear();
    this.messages.clear();
    this.files.clear();
    this.openCallbackQueries.clear();
    this.commands.clear();
    this.memberships.clear();
    this.menuButtons.clear();
    this.webhook = undefined;
    this.lastMessageIds.clear();
  }

  botUser(): Record<string, unknown> {
    return { id: this.bot.id, is_bot: true, first_name: this.bot.first_name, username: this.bot.username };
  }

  registerChat(chat: KnownChat): KnownChat {
    const existing = this.chats.get(chat.id);
    const merged: KnownChat = { ...existing, ...chat };
    this.chats.set(chat.id, merged);
    return merged;
  }

  chatOrInferred(chatId: number): KnownChat {
    return this.chats.get(chatId) ?? { id: chatId, type: inferChatType(chatId) };
  }

  findChatByUsername(username: string): KnownChat | undefined {
    const wanted = username.replace(/^@/, '').toLowerCase();
    for (const chat of this.chats.values()) {
      if (chat.username?.toLowerCase() === wanted) return chat;
    }
    return undefined;
  }

  /** Normalises a chat id given by a test (number, numeric string or @username). */
  normalizeChatId(chatId: ChatId): ChatId {
    if (typeof chatId === 'number') return chatId;
    if (/^-?\d+$/.test(chatId)) return Number(chatId);
    return this.findChatByUsername(chatId)?.id ?? chatId;
  }

  nextMessageId(chatId: number): number {
    const id = (this.lastMessageIds.get(chatId) ?? 0) + 1;
    this.lastMessageIds.set(chatId, id);
    return id;
  }

  storeMessage(message: StoredMessage): void {
    let chatMessages = this.messages.get(message.chatId);
    if (!chatMessages) {
      chatMessages = new Map();
      this.messages.set(message.chatId, chatMessages);
    }
    chatMessages.set(message.messageId, message);
  }

  getMessage(chatId: number, messageId: number): StoredMessage | undefined {
    return this.messages.get(chatId)?.get(messageId);
  }

  lastBotMessage(chatId: number): StoredMessage | undefined {
    const chatMessages = [...(this.messages.get(chatId)?.values() ?? [])].filter((m) => m.fromBot);
    return chatMessages.sort((a, b) => b.messageId - a.messageId)[0];
  }

  registerFile(kind: FileKind, file: Omit<FakeFile, 'fileId' | 'fileUniqueId'>): StoredFile {
    this.fileCounter++;
    const serial = String(this.fileCounter).padStart(6, '0');
    const prefix = kind === 'photo' ? 'AgACAgIAAxkBAAI' : 'BQACAgIAAxkBAAI';
    const stored: StoredFile = {
      ...file,
      kind,
      fileId: `${prefix}${serial}FakeFileId_${kind}`,
      fileUniqueId: `AgAD${serial}`,
    };
    this.files.set(stored.fileId, stored);
    return stored;
  }

  newCallbackQueryId(): string {
    this.callbackCounter++;
    const id = (4_000_000_000_000_000_000n + BigInt(this.callbackCounter)).toString();
    this.openCallbackQueries.add(id);
    return id;
  }

  setMemberStatus(chatId: number, userId: number, status: ChatMemberStatus): void {
    let members = this.memberships.get(chatId);
    if (!members) {
      members = new Map();
      this.memberships.set(chatId, members);
    }
    members.set(userId, status);
  }

  /** A user seen writing in a group is in it: a member unless a test said more. */
  noteParticipant(chatId: number, userId: number): void {
    const status = this.memberships.get(chatId)?.get(userId);
    if (status === undefined || status === 'left') this.setMemberStatus(chatId, userId, 'member');
  }

  memberStatus(chatId: number, userId: number): ChatMemberStatus {
    return this.memberships.get(chatId)?.get(userId) ?? 'left';
  }

  recordSent(message: SentMessage): void {
    this.sent.push(message);
    this.events.emit('sent', message);
  }
}
