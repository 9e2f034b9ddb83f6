/**
 * The fake Telegram Bot API HTTP server (node:http on 127.0.0.1, random port) and its test-facing API.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update, UserFromGetMe } from 'grammy/types';
import { readRequestParams } from './body.js';
import { ApiError, apiErrorFromFault, badRequest, forbidden } from './errors.js';
import { RateLimiter } from './limits.js';
import { canonicalMethodName, commandsKey, METHODS, WithDescription, type MethodOptions } from './methods.js';
import { inferChatType, TelegramState, type BotCommandEntry, type SendRights, type TopicState } from './state.js';
import type {
  CallbackAnswer,
  CallbackQueryOptions,
  ChatId,
  ChatType,
  FakeTelegramOptions,
  FaultDecision,
  FaultHook,
  FaultSpec,
  KnownChat,
  MyChatMemberOptions,
  Params,
  PressButtonOptions,
  RecordedRequest,
  SentMessage,
  UserMessageOptions,
  WebhookState,
  ChatMemberStatus,
} from './types.js';
import { buildButtonPress, buildCallbackQuery, buildMyChatMember, buildUserMessage, UpdateQueue } from './updates.js';

export const DEFAULT_TOKEN = '123456789:AAFakeTelegramTestToken_abcdefghijklm';
export const DEFAULT_BOT_USERNAME = 'cashdesk_test_bot';

type FailNextDecision = FaultSpec | 'timeout' | 'drop' | 'drop-after-send';

interface FailNextEntry {
  remaining: number;
  decision: FailNextDecision;
  methods: Set<string> | undefined;
}

export interface FailNextOptions {
  /** Only requests of these methods consume the failure. Default: every method except getUpdates. */
  methods?: string[];
}

export interface WaitForReplyOptions {
  /** Also resolve on edits (editMessageText / editMessageReplyMarkup) of messages in the chat. */
  includeEdits?: boolean;
}

export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const tg = new FakeTelegram(options);
  await tg.listen();
  return tg;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function describeSent(m: SentMessage): string {
  const text = m.text.length > 80 ? `${m.text.slice(0, 77)}...` : m.text;
  return `${m.method} -> ${m.chatId} #${m.messageId}: ${JSON.stringify(text)}`;
}

export class FakeTelegram {
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  /** Every successfully sent (or edited) message, in order. Cleared in place by reset(). */
  readonly sent: SentMessage[];
  /** Every request received (including failed ones). Cleared in place by reset(). */
  readonly requests: RecordedRequest[];
  /** Every successful answerCallbackQuery. */
  readonly callbackAnswers: CallbackAnswer[];

  private readonly state: TelegramState;
  private readonly updates = new UpdateQueue();
  private readonly limiter: RateLimiter | undefined;
  private readonly methodOptions: MethodOptions;
  private readonly holdTimeoutMs: number | undefined;
  private readonly server: Server;
  private failQueue: FailNextEntry[] = [];
  private faultHook: FaultHook | null = null;
  /** Cancels held ('timeout') and delayed requests on close(). */
  private readonly cancellers = new Set<() => void>();
  private closing: Promise<void> | undefined;
  private port = 0;

  constructor(options: FakeTelegramOptions = {}) {
    this.token = options.token ?? DEFAULT_TOKEN;
    if (options.port !== undefined) this.port = options.port;
    const m = /^(\d+):[A-Za-z0-9_-]+$/.exec(this.token);
    if (!m) throw new Error(`fake-telegram: malformed bot token "${this.token}"`);
    this.botInfo = {
      id: Number(m[1]),
      is_bot: true,
      first_name: options.botFirstName ?? 'Cashdesk Test Bot',
      username: options.botUsername ?? DEFAULT_BOT_USERNAME,
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
    } as UserFromGetMe;
    this.state = new TelegramState(this.botInfo);
    this.sent = this.state.sent;
    this.requests = this.state.requests;
    this.callbackAnswers = this.state.callbackAnswers;
    if (options.enforceLimits) {
      this.limiter = new RateLimiter(options.enforceLimits === true ? {} : options.enforceLimits, options.now ?? Date.now);
    }
    this.methodOptions = {
      lenientAmpersand: options.lenientAmpersand === true,
      requireKnownChats: options.requireKnownChats === true,
      acceptUnknownFileIds: options.acceptUnknownFileIds === true,
    };
    this.holdTimeoutMs = options.holdTimeoutMs;
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.reply(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${String(error)}` });
      });
    });
    this.server.keepAliveTimeout = 60_000;
  }

  /** API root for grammY's `client.apiRoot` / TELEGRAM_API_ROOT. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Stops the server: pending getUpdates return [], held requests are cut, waiters reject. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.updates.close();
    for (const cancel of [...this.cancellers]) cancel();
    this.state.events.emit('close');
    this.closing = new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
      setImmediate(() => this.server.closeAllConnections());
    });
    return this.closing;
  }

  /** Forgets messages, requests, chats, faults, queued updates, commands and the webhook. */
  reset(): void {
    this.state.reset();
    this.updates.reset();
    this.limiter?.reset();
    this.failQueue = [];
    this.faultHook = null;
  }

  // -------------------------------------------------------------------------------------------
  // assertions

  messagesTo(chatId: ChatId): SentMessage[] {
    const id = this.state.normalizeChatId(chatId);
    return this.sent.filter((m) => m.chatId === id);
  }

  /** Resolves with the first sent message (already sent or future) matching the predicate. */
  waitFor(predicate: (m: SentMessage) => boolean, timeoutMs = 5000): Promise<SentMessage> {
    const existing = this.sent.find(predicate);
    if (existing) return Promise.resolve(existing);
    return this.waitForSent(predicate, timeoutMs, 'a matching message');
  }

  /** Resolves with the next message sent to the chat after this call. */
  waitForReply(chatId: ChatId, timeoutMs = 5000, options: WaitForReplyOptions = {}): Promise<SentMessage> {
    const id = this.state.normalizeChatId(chatId);
    const isEdit = (m: SentMessage): boolean => m.method === 'editMessageText' || m.method === 'editMessageReplyMarkup';
    return this.waitForSent(
      (m) => m.chatId === id && (options.includeEdits === true || !isEdit(m)),
      timeoutMs,
      `a reply to chat ${String(chatId)}`,
    );
  }

  /** Resolves with the first request (already received or future) matching a method name or predicate. */
  waitForRequest(match: string | ((r: RecordedRequest) => boolean), timeoutMs = 5000): Promise<RecordedRequest> {
    const predicate = typeof match === 'string' ? (r: RecordedRequest) => r.method === match : match;
    const existing = this.requests.find(predicate);
    if (existing) return Promise.resolve(existing);
    return this.waitForEvent('request', predicate, timeoutMs, `a request ${typeof match === 'string' ? match : ''}`);
  }

  private waitForSent(predicate: (m: SentMessage) => boolean, timeoutMs: number, what: string): Promise<SentMessage> {
    return this.waitForEvent('sent', predicate, timeoutMs, what);
  }

  private waitForEvent<T>(event: string, predicate: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
    const { events } = this.state;
    return new Promise<T>((resolve, reject) => {
      const cleanup = (): void => {
        clearTimeout(timer);
        events.off(event, onEvent);
        events.off('close', onClose);
      };
      const onEvent = (value: T): void => {
        let matched: boolean;
        try {
          matched = predicate(value);
        } catch (error) {
          cleanup();
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        if (matched) {
          cleanup();
          resolve(value);
        }
      };
      const onClose = (): void => {
        cleanup();
        reject(new Error(`fake-telegram: closed while waiting for ${what}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake-telegram: timed out after ${timeoutMs}ms waiting for ${what}.\n${this.debugSummary()}`));
      }, timeoutMs);
      events.on(event, onEvent);
      events.once('close', onClose);
    });
  }

  /** Human-readable summary of recent traffic, used in timeout errors. */
  debugSummary(): string {
    const sent = this.sent.slice(-10).map((m) => `  ${describeSent(m)}`);
    const failed = this.requests
      .filter((r) => r.status >= 400)
      .slice(-10)
      .map((r) => `  ${r.method} -> ${r.status} ${r.description ?? ''}`);
    return [
      `Sent messages (${this.sent.length}, last 10):`,
      ...(sent.length > 0 ? sent : ['  (none)']),
      `Failed requests (${failed.length > 0 ? 'last 10' : 'none'}):`,
      ...failed,
    ].join('\n');
  }

  // -------------------------------------------------------------------------------------------
  // fault injection

  /** The next n requests (except getUpdates, unless listed in options.methods) fail like this. */
  failNext(n: number, fault: FailNextDecision, options: FailNextOptions = {}): void {
    if (!Number.isInteger(n) || n < 1) throw new Error('fake-telegram: failNext(n) needs n >= 1');
    this.failQueue.push({
      remaining: n,
      decision: fault,
      methods: options.methods ? new Set(options.methods.map((m) => canonicalMethodName(m) ?? m)) : undefined,
    });
  }

  /** A hook consulted for every request (after failNext entries); null removes it. */
  setFault(hook: FaultHook | null): void {
    this.faultHook = hook;
  }

  blockChat(chatId: number): void {
    this.setChatFault(chatId, forbidden('bot was blocked by the user'));
  }

  unblockChat(chatId: number): void {
    this.restoreChat(chatId);
  }

  deactivateUser(chatId: number): void {
    this.setChatFault(chatId, forbidden('user is deactivated'));
  }

  kickFromChat(chatId: number): void {
    const type = this.state.chatOrInferred(chatId).type;
    this.setChatFault(chatId, forbidden(`bot was kicked from the ${type === 'private' ? 'group' : type} chat`));
  }

  deleteChat(chatId: number): void {
    this.setChatFault(chatId, badRequest('chat not found'));
  }

  migrateChat(oldChatId: number, newChatId: number): void {
    const old = this.state.chatOrInferred(oldChatId);
    this.state.registerChat({ id: newChatId, type: 'supergroup', title: old.title ?? 'Test group' });
    this.setChatFault(
      oldChatId,
      new ApiError(400, 'Bad Request: group chat was upgraded to a supergroup chat', { migrate_to_chat_id: newChatId }),
    );
  }

  /** Removes any blocked/kicked/deleted/migrated/left state of the chat. */
  restoreChat(chatId: number): void {
    this.state.chatFaults.delete(chatId);
  }

  /** The group is a forum with topic `threadId` open (created, or reopened by an admin). */
  openForumTopic(chatId: number, threadId: number): void {
    this.setTopic(chatId, threadId, 'open');
  }

  /** An admin closed the topic: the bot's sends there get "TOPIC_CLOSED". */
  closeForumTopic(chatId: number, threadId: number): void {
    this.setTopic(chatId, threadId, 'closed');
  }

  /** An admin deleted the topic: the bot's sends there get "message thread not found". */
  deleteForumTopic(chatId: number, threadId: number): void {
    this.setTopic(chatId, threadId, 'deleted');
  }

  /**
   * The group's admins change what the bot may send (chat permissions); what is not given keeps
   * its value (all allowed at first). Refused sends get Telegram's "not enough rights to send ...".
   */
  setBotRights(chatId: number, rights: Partial<SendRights>): void {
    const current = this.state.sendRights.get(chatId) ?? { text: true, photos: true, documents: true };
    this.state.sendRights.set(chatId, { ...current, ...rights });
  }

  private setTopic(chatId: number, threadId: number, topic: TopicState): void {
    let topics = this.state.topics.get(chatId);
    if (!topics) {
      topics = new Map();
      this.state.topics.set(chatId, topics);
    }
    topics.set(threadId, topic);
  }

  private setChatFault(chatId: number, error: ApiError): void {
    this.state.chatFaults.set(chatId, error);
  }

  // -------------------------------------------------------------------------------------------
  // updates

  get pendingUpdates(): readonly Update[] {
    return this.updates.pending;
  }

  /** Queues a raw update for getUpdates; update_id is assigned when missing. */
  sendUpdate(update: Omit<Update, 'update_id'> & { update_id?: number }): Update {
    return this.updates.push(update);
  }

  /** A user's status in a group, as getChatMember answers it from now on. */
  setChatMemberStatus(chatId: number, userId: number, status: ChatMemberStatus): void {
    this.state.setMemberStatus(chatId, userId, status);
  }

  /** A user writes a text message (bot_command entities are added for /commands). */
  userMessage(options: UserMessageOptions): Update {
    return this.updates.push(buildUserMessage(this.state, options));
  }

  /** A user presses an inline button with the given callback data. */
  callbackQuery(options: CallbackQueryOptions): Update {
    return this.updates.push(buildCallbackQuery(this.state, options));
  }

  /** A user presses the inline button labelled `button` on the bot's last (or given) message. */
  pressButton(options: PressButtonOptions): Update {
    return this.updates.push(buildButtonPress(this.state, options));
  }

  /** The bot's membership changes (user blocks/unblocks the bot, bot added to/removed from a group). */
  myChatMember(options: MyChatMemberOptions): Update {
    const update = buildMyChatMember(this.state, options);
    if (options.applyState ?? true) {
      const type = this.state.chatOrInferred(options.chatId).type;
      if (options.newStatus === 'kicked') {
        if (type === 'private') this.blockChat(options.chatId);
        else this.kickFromChat(options.chatId);
      } else if (options.newStatus === 'left') {
        if (type === 'private') this.blockChat(options.chatId);
        else this.setChatFault(options.chatId, forbidden(`bot is not a member of the ${type} chat`));
      } else {
        this.restoreChat(options.chatId);
      }
    }
    return this.updates.push(update);
  }

  // -------------------------------------------------------------------------------------------
  // state

  /** Makes a chat known (for getChat, @username chat ids and requireKnownChats). */
  addChat(chat: { id: number; type?: ChatType } & Omit<Partial<KnownChat>, 'id' | 'type'>): KnownChat {
    return this.state.registerChat({ ...chat, type: chat.type ?? inferChatType(chat.id) });
  }

  get webhook(): WebhookState | undefined {
    return this.state.webhook;
  }

  /** The menu button setChatMenuButton set for a private chat (or the default one), as getChatMenuButton answers. */
  getMenuButton(chatId?: number): Record<string, unknown> | undefined {
    return this.state.menuButtons.get(chatId ?? 'default');
  }

  /** Commands stored by setMyCommands for a scope (default scope) and language code ('' by default). */
  getCommands(options: { scope?: Record<string, unknown>; languageCode?: string } = {}): BotCommandEntry[] {
    return this.state.commands.get(commandsKey(this.state, options.scope, options.languageCode)) ?? [];
  }

  // -------------------------------------------------------------------------------------------
  // HTTP

  private reply(res: ServerResponse, status: number, body: unknown): void {
    if (res.destroyed || res.writableEnded || res.headersSent) return;
    const json = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
    res.end(json);
  }

  private replyError(res: ServerResponse, record: RecordedRequest | undefined, error: ApiError): void {
    if (record) {
      record.status = error.status;
      record.description = error.description;
    }
    this.reply(res, error.status, error.toJSON());
  }

  private pickFault(method: string, params: Params): FaultDecision {
    const index = this.failQueue.findIndex((entry) =>
      entry.methods ? entry.methods.has(method) : method !== 'getUpdates',
    );
    const entry = this.failQueue[index];
    if (entry) {
      entry.remaining--;
      if (entry.remaining <= 0) this.failQueue.splice(index, 1);
      return entry.decision;
    }
    return this.faultHook?.({ method, params });
  }

  /** Waits for `ms` (or forever when undefined) unless the client leaves or the server closes. */
  private pause(ms: number | undefined, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        if (timer !== undefined) clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.cancellers.delete(done);
        resolve();
      };
      const timer = ms !== undefined && Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
      signal.addEventListener('abort', done);
      this.cancellers.add(done);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });

    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/bot([^/]*)\/([^/]*)$/.exec(url.pathname);
    const notFound = new ApiError(404, 'Not Found');
    if (!match || (req.method !== 'GET' && req.method !== 'POST')) {
      req.resume();
      return this.replyError(res, undefined, notFound);
    }
    const [, token = '', rawMethod = ''] = match;
    const method = canonicalMethodName(safeDecode(rawMethod));
    const record: RecordedRequest = { method: method ?? rawMethod, params: {}, status: 0, at: Date.now() };
    if (safeDecode(token) !== this.token) {
      req.resume();
      this.requests.push(record);
      return this.replyError(res, record, new ApiError(401, 'Unauthorized'));
    }
    if (method === undefined) {
      req.resume();
      this.requests.push(record);
      return this.replyError(res, record, notFound);
    }

    let body: Awaited<ReturnType<typeof readRequestParams>>;
    try {
      body = await readRequestParams(req, url);
    } catch (error) {
      this.requests.push(record);
      if (error instanceof ApiError) return this.replyError(res, record, error);
      throw error;
    }
    record.params = body.params;
    this.requests.push(record);
    this.state.events.emit('request', record);

    const decision = this.pickFault(method, body.params);
    if (decision === 'drop') {
      record.fault = 'drop';
      req.socket.destroy();
      return;
    }
    if (decision === 'timeout') {
      record.fault = 'timeout';
      await this.pause(this.holdTimeoutMs, abort.signal);
      req.socket.destroy();
      return;
    }
    if (decision && typeof decision === 'object' && 'status' in decision) {
      record.fault = 'injected';
      return this.replyError(res, record, apiErrorFromFault(decision));
    }

    let status = 200;
    let payload: Record<string, unknown>;
    try {
      const handler = METHODS[method];
      if (!handler) throw notFound;
      const result: unknown = await handler({
        method,
        params: body.params,
        files: body.files,
        state: this.state,
        updates: this.updates,
        limiter: this.limiter,
        options: this.methodOptions,
        signal: abort.signal,
      });
      payload =
        result instanceof WithDescription
          ? { ok: true, result: result.result, description: result.description }
          : { ok: true, result };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status = error.status;
      payload = error.toJSON();
      record.description = error.description;
    }

    if (decision === 'drop-after-send') {
      record.fault = 'drop-after-send';
      req.socket.destroy();
      return;
    }
    if (decision && typeof decision === 'object' && 'delayMs' in decision) {
      record.fault = 'delay';
      await this.pause(decision.delayMs, abort.signal);
    }
    record.status = status;
    this.reply(res, status, payload);
  }
}
