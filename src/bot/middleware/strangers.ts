import type { MiddlewareFn } from 'grammy';
import type { BotContext } from '../context.js';

/** A chat linked to no business gets at most one answer in this long. */
const STRANGER_ANSWER_EVERY_MS = 10 * 60_000;
/** Chats remembered at once; past it the longest-answered are forgotten (they may get one answer more). */
const MAX_REMEMBERED_STRANGERS = 50_000;

export interface StrangerThrottleOptions {
  /** Epoch ms (tests move it); Date.now by default. */
  clock?: () => number;
  everyMs?: number;
  maxChats?: number;
}

/** The update's leading bot command: its name, the bot it names (`/cmd@bot`), and the rest. */
function leadingCommand(ctx: BotContext): { name: string; target: string | undefined; payload: string } | undefined {
  const message = ctx.message;
  const text = message?.text;
  const entity = message?.entities?.[0];
  if (!text || !entity || entity.type !== 'bot_command' || entity.offset !== 0) return undefined;
  const [name = '', target] = text.slice(1, entity.length).split('@');
  return { name: name.toLowerCase(), target, payload: text.slice(entity.length).trim() };
}

/**
 * Chats that belong to no business (or whose link is off) cannot stall the bot or make it talk:
 * at most one answer per chat per `everyMs` (the handlers' own "not connected", help or usage
 * line); everything else from them is ignored here, before any handler, with no write. Ways in
 * always pass: `/start` in a private chat (register, come back) and `/start <code>` anywhere
 * (join by invite), the bot's own membership changes (chat-member.ts), and button presses (they
 * are answered with answerCallbackQuery, which sends nothing into the chat). Group chatter that
 * is no command of this bot is ignored without counting as the answer.
 *
 * The memory is per process, in a bounded map (a restart or another instance may answer once
 * more); whether the chat is a stranger comes from the access middleware's one indexed read.
 */
export function strangerThrottle(options: StrangerThrottleOptions = {}): MiddlewareFn<BotContext> {
  const clock = options.clock ?? Date.now;
  const everyMs = options.everyMs ?? STRANGER_ANSWER_EVERY_MS;
  const maxChats = options.maxChats ?? MAX_REMEMBERED_STRANGERS;
  /** Chat id → when it was last let through to be answered; oldest first (insertion order). */
  const answeredAt = new Map<number, number>();

  return async (ctx, next) => {
    const chat = ctx.chat;
    if (ctx.access.chat || !chat) return next();
    if (ctx.myChatMember || ctx.chatMember || ctx.callbackQuery) return next();
    if (!ctx.message) return;
    const command = leadingCommand(ctx);
    if (command?.target !== undefined && command.target.toLowerCase() !== ctx.me.username.toLowerCase()) return;
    if (command?.name === 'start' && (chat.type === 'private' || command.payload !== '')) return next();
    if (chat.type !== 'private' && !command) return;

    const now = clock();
    const last = answeredAt.get(chat.id);
    if (last !== undefined && now - last < everyMs) return;
    answeredAt.delete(chat.id);
    answeredAt.set(chat.id, now);
    if (answeredAt.size > maxChats) answeredAt.delete(answeredAt.keys().next().value!);
    return next();
  };
}
