/** The getUpdates queue (offset semantics + long polling) and builders for realistic updates. */
import type { Update } from 'grammy/types';
import { ApiError } from './errors.js';
import { inlineButtons } from './reply-markup.js';
import { chatObject, inferChatType, type TelegramState } from './state.js';
import type {
  CallbackQueryOptions,
  ChatMemberStatus,
  KnownChat,
  MyChatMemberOptions,
  PressButtonOptions,
  UserMessageOptions,
} from './types.js';

/** Update types delivered when allowed_updates is empty (Telegram's default). */
const NOT_DELIVERED_BY_DEFAULT = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);

export function updateType(update: Update): string {
  return Object.keys(update).find((k) => k !== 'update_id') ?? 'unknown';
}

interface Waiter {
  limit: number;
  finish: (updates: Update[]) => void;
  fail: (error: ApiError) => void;
}

export interface PollOptions {
  offset: number | undefined;
  limit: number;
  timeoutSeconds: number;
  allowedUpdates: string[] | undefined;
}

export class UpdateQueue {
  private queue: Update[] = [];
  private nextUpdateId = 100_000_001;
  private allowed: string[] | undefined;
  private waiter: Waiter | undefined;
  private closed = false;

  get pending(): readonly Update[] {
    return this.queue;
  }

  push(update: Omit<Update, 'update_id'> & { update_id?: number }): Update {
    const full = { ...update, update_id: update.update_id ?? this.nextUpdateId };
    this.nextUpdateId = Math.max(this.nextUpdateId, full.update_id) + 1;
    this.queue.push(full);
    if (this.waiter) {
      const batch = this.take(this.waiter.limit);
      if (batch.length > 0) this.waiter.finish(batch);
    }
    return full;
  }

  /** Drops all pending updates (drop_pending_updates). */
  drop(): void {
    this.queue = [];
  }

  reset(): void {
    this.queue = [];
    this.allowed = undefined;
  }

  close(): void {
    this.closed = true;
    this.waiter?.finish([]);
  }

  poll(options: PollOptions, signal: AbortSignal): Promise<Update[]> {
    if (this.waiter) {
      this.waiter.fail(
        new ApiError(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running'),
      );
    }
    if (options.offset !== undefined) this.confirm(options.offset);
    if (options.allowedUpdates !== undefined) {
      this.allowed = options.allowedUpdates.length > 0 ? options.allowedUpdates : undefined;
    }
    const batch = this.take(options.limit);
    if (batch.length > 0 || options.timeoutSeconds <= 0 || this.closed || signal.aborted) {
      return Promise.resolve(batch);
    }

    return new Promise<Update[]>((resolve, reject) => {
      const cleanup = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if (this.waiter === waiter) this.waiter = undefined;
      };
      const waiter: Waiter = {
        limit: options.limit,
        finish: (updates) => {
          cleanup();
          resolve(updates);
        },
        fail: (error) => {
          cleanup();
          reject(error);
        },
      };
      const onAbort = (): void => waiter.finish([]);
      const timer = setTimeout(() => waiter.finish([]), options.timeoutSeconds * 1000);
      signal.addEventListener('abort', onAbort);
      this.waiter = waiter;
    });
  }

  private confirm(offset: number): void {
    if (offset > 0) this.queue = this.queue.filter((u) => u.update_id >= offset);
    else if (offset < 0) this.queue = this.queue.slice(offset);
  }

  /** Returns up to `limit` deliverable updates; updates of non-allowed types are dropped for good. */
  private take(limit: number): Update[] {
    const allowed = this.allowed;
    this.queue = this.queue.filter((u) => {
      const type = updateType(u);
      return allowed ? allowed.includes(type) : !NOT_DELIVERED_BY_DEFAULT.has(type);
    });
    return this.queue.slice(0, limit);
  }
}

// ---------------------------------------------------------------------------------------------
// Builders

const DEFAULT_GROUP_USER_ID = 1_000_001;
/** The `from` of a message an anonymous group administrator sends. */
const GROUP_ANONYMOUS_BOT = { id: 1_087_968_824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' };
const unixNow = (): number => Math.floor(Date.now() / 1000);

/** Bot commands as Telegram detects them (tdlib's match_bot_commands). */
export function botCommandEntities(text: string): Array<{ type: 'bot_command'; offset: number; length: number }> {
  const result: Array<{ type: 'bot_command'; offset: number; length: number }> = [];
  const re = /\/([a-zA-Z0-9_]+)(@[a-zA-Z0-9_]+)?/g;
  const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}_]/u.test(c);
  const blocks = (c: string | undefined): boolean => isWordChar(c) || c === '/' || c === '<' || c === '>';
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const command = m[1] as string;
    const mention = m[2];
    if (blocks(text[m.index - 1])) continue;
    if (command.length > 64) continue;
    if (mention !== undefined && (mention.length - 1 < 3 || mention.length - 1 > 32)) continue;
    if (blocks(text[m.index + m[0].length])) continue;
    result.push({ type: 'bot_command', offset: m.index, length: m[0].length });
  }
  return result;
}

export function userObject(
  id: number,
  opts: { firstName?: string | undefined; lastName?: string | undefined; username?: string | undefined; languageCode?: string | undefined },
): Record<string, unknown> {
  const user: Record<string, unknown> = { id, is_bot: false, first_name: opts.firstName ?? 'Test' };
  if (opts.lastName !== undefined) user['last_name'] = opts.lastName;
  if (opts.username !== undefined) user['username'] = opts.username;
  if (opts.languageCode !== undefined) user['language_code'] = opts.languageCode;
  return user;
}

function resolveParticipants(
  state: TelegramState,
  chatId: number,
  chatType: KnownChat['type'] | undefined,
  fromId: number | undefined,
  who: { firstName?: string | undefined; lastName?: string | undefined; username?: string | undefined; chatTitle?: string | undefined },
): { chat: KnownChat; fromId: number } {
  const type = chatType ?? state.chats.get(chatId)?.type ?? inferChatType(chatId);
  if (type === 'private' && chatId <= 0) throw new Error(`fake-telegram: private chat ids must be positive, got ${chatId}`);
  if (type !== 'private' && chatId >= 0) throw new Error(`fake-telegram: ${type} chat ids must be negative, got ${chatId}`);
  const from = fromId ?? (type === 'private' ? chatId : DEFAULT_GROUP_USER_ID);
  if (type === 'private' && from !== chatId) {
    throw new Error(`fake-telegram: in a private chat the chat id equals the user id (chatId ${chatId}, fromId ${from})`);
  }
  const chat: KnownChat = { id: chatId, type };
  if (type !== 'private') state.noteParticipant(chatId, from);
  if (type === 'private') {
    chat.first_name = who.firstName ?? state.chats.get(chatId)?.first_name ?? 'Test';
    const lastName = who.lastName ?? state.chats.get(chatId)?.last_name;
    if (lastName !== undefined) chat.last_name = lastName;
    const username = who.username ?? state.chats.get(chatId)?.username;
    if (username !== undefined) chat.username = username;
  } else {
    chat.title = who.chatTitle ?? state.chats.get(chatId)?.title ?? 'Test group';
  }
  return { chat: state.registerChat(chat), fromId: from };
}

export function buildUserMessage(state: TelegramState, opts: UserMessageOptions): Omit<Update, 'update_id'> {
  const { chat, fromId } = resolveParticipants(state, opts.chatId, opts.chatType, opts.fromId, opts);
  const messageId = state.nextMessageId(chat.id);
  if (opts.asAnonymousAdmin && chat.type === 'private') throw new Error('fake-telegram: anonymous admins write in groups only');
  const message: Record<string, unknown> = {
    message_id: messageId,
    from: opts.asAnonymousAdmin ? GROUP_ANONYMOUS_BOT : userObject(fromId, opts),
    ...(opts.asAnonymousAdmin ? { sender_chat: chatObject(chat) } : {}),
    chat: chatObject(chat),
    date: unixNow(),
  };
  if (opts.messageThreadId !== undefined) {
    message['message_thread_id'] = opts.messageThreadId;
    message['is_topic_message'] = true;
  }
  if (opts.replyToMessageId !== undefined) {
    const replied = state.getMessage(chat.id, opts.replyToMessageId);
    if (!replied) throw new Error(`fake-telegram: message ${opts.replyToMessageId} not found in chat ${chat.id}`);
    message['reply_to_message'] = replied.message;
  }
  message['text'] = opts.text;
  const entities = botCommandEntities(opts.text);
  if (entities.length > 0) message['entities'] = entities;

  state.storeMessage({
    chatId: chat.id,
    messageId,
    fromBot: false,
    kind: 'text',
    text: opts.text,
    entities,
    replyMarkup: undefined,
    message,
  });
  return { message } as unknown as Omit<Update, 'update_id'>;
}

export function buildCallbackQuery(state: TelegramState, opts: CallbackQueryOptions): Omit<Update, 'update_id'> {
  const target =
    opts.messageId !== undefined ? state.getMessage(opts.chatId, opts.messageId) : state.lastBotMessage(opts.chatId);
  if (!target) {
    throw new Error(
      opts.messageId !== undefined
        ? `fake-telegram: callbackQuery: message ${opts.messageId} not found in chat ${opts.chatId}`
        : `fake-telegram: callbackQuery: the bot has not sent any message to chat ${opts.chatId}`,
    );
  }
  const { fromId } = resolveParticipants(state, opts.chatId, undefined, opts.fromId, opts);
  const callbackQuery: Record<string, unknown> = {
    id: state.newCallbackQueryId(),
    from: userObject(fromId, opts),
    message: target.message,
    chat_instance: String(BigInt.asUintN(63, BigInt(opts.chatId) * 2654435761n + BigInt(state.bot.id))),
    data: opts.data,
  };
  return { callback_query: callbackQuery } as unknown as Omit<Update, 'update_id'>;
}

export function buildButtonPress(state: TelegramState, opts: PressButtonOptions): Omit<Update, 'update_id'> {
  const target =
    opts.messageId !== undefined ? state.getMessage(opts.chatId, opts.messageId) : state.lastBotMessage(opts.chatId);
  if (!target) throw new Error(`fake-telegram: pressButton: no bot message found in chat ${opts.chatId}`);
  const buttons = inlineButtons(target.replyMarkup);
  const matches = (text: unknown): boolean =>
    typeof text === 'string' && (typeof opts.button === 'string' ? text === opts.button : opts.button.test(text));
  const button = buttons.find((b) => matches(b['text']));
  if (!button || typeof button['callback_data'] !== 'string') {
    const available = buttons.map((b) => JSON.stringify(b['text'])).join(', ') || 'none';
    throw new Error(
      `fake-telegram: pressButton: no callback button ${String(opts.button)} on message ${target.messageId} ` +
        `in chat ${opts.chatId} (buttons: ${available})`,
    );
  }
  const { button: _button, ...rest } = opts;
  return buildCallbackQuery(state, { ...rest, messageId: target.messageId, data: button['callback_data'] });
}

type MemberStatus = ChatMemberStatus;

/** A ChatMember object as the Bot API shapes it for each status. */
export function chatMember(user: Record<string, unknown>, status: MemberStatus, chatType: KnownChat['type']): Record<string, unknown> {
  switch (status) {
    case 'creator':
      return { user, status, is_anonymous: false };
    case 'restricted':
      return {
        user,
        status,
        is_member: true,
        can_send_messages: false,
        can_send_audios: false,
        can_send_documents: false,
        can_send_photos: false,
        can_send_videos: false,
        can_send_video_notes: false,
        can_send_voice_notes: false,
        can_send_polls: false,
        can_send_other_messages: false,
        can_add_web_page_previews: false,
        can_change_info: false,
        can_invite_users: false,
        can_pin_messages: false,
        can_manage_topics: false,
        until_date: 0,
      };
    case 'kicked':
      return { user, status, until_date: 0 };
    case 'administrator':
      return {
        user,
        status,
        can_be_edited: false,
        is_anonymous: false,
        can_manage_chat: true,
        can_delete_messages: true,
        can_manage_video_chats: true,
        can_restrict_members: true,
        can_promote_members: false,
        can_change_info: true,
        can_invite_users: true,
        can_post_stories: false,
        can_edit_stories: false,
        can_delete_stories: false,
        ...(chatType === 'channel' ? { can_post_messages: true, can_edit_messages: true } : { can_pin_messages: true }),
      };
    default:
      return { user, status };
  }
}

export function buildMyChatMember(state: TelegramState, opts: MyChatMemberOptions): Omit<Update, 'update_id'> {
  const { chat, fromId } = resolveParticipants(state, opts.chatId, opts.chatType, opts.fromId, opts);
  const oldStatus: MemberStatus =
    opts.oldStatus ??
    (opts.newStatus === 'kicked' || opts.newStatus === 'left' || opts.newStatus === 'administrator'
      ? 'member'
      : chat.type === 'private'
        ? 'kicked'
        : 'left');
  const bot = state.botUser();
  const update = {
    my_chat_member: {
      chat: chatObject(chat),
      from: userObject(fromId, {}),
      date: unixNow(),
      old_chat_member: chatMember(bot, oldStatus, chat.type),
      new_chat_member: chatMember(bot, opts.newStatus, chat.type),
    },
  };
  return update as unknown as Omit<Update, 'update_id'>;
}
