import { Composer } from 'grammy';
import type { Chat as TelegramChat, User } from 'grammy/types';
import { registerBusiness, webhookUrl } from '../../features/shops/businesses.js';
import { reactivateChat } from '../../features/shops/chats.js';
import { joinByInvite } from '../../features/shops/invites.js';
import { notifyOwners } from '../../features/shops/owner-notices.js';
import { catalogue, langFromTelegram } from '../../platform/i18n/lang.js';
import { plainMessage } from '../../platform/telegram/html.js';
import { renderOwnerStart } from '../../features/shops/messages/onboarding.js';
import type { BotContext, BotDeps } from '../context.js';
import { sendReply } from '../reply.js';
import { parseInviteCode } from '../arguments.js';
import { updateChatSettings } from '../../features/chat-settings/store.js';
import { threadOf } from '../settings-menu.js';
import { setChatMenu } from '../command-menu.js';

/** What a chat is called in a notice to the owner: a group's title, a person's name and @username. */
export function chatTitle(chat: TelegramChat, from: User | undefined): string {
  if ('title' in chat && chat.title) return chat.title;
  const who = from ?? ('first_name' in chat ? (chat as unknown as User) : undefined);
  if (!who) return String(chat.id);
  const name = [who.first_name, who.last_name].filter(Boolean).join(' ');
  return who.username ? `${name} (@${who.username})` : name;
}

/**
 * /start: registers the caller's business (private chat; whom SIGNUP and ALLOWED_USER_IDS let
 * in, see registerBusiness) and shows its webhook URL, the same one every time; anyone else gets
 * one line that the bot is private and to ask its owner for an invite. /start <code>: joins a business by invite, in a
 * private chat or (as /start@bot <code>) in a group.
 */
export function startCommand(deps: BotDeps): Composer<BotContext> {
  const { db, config, logger } = deps;
  const composer = new Composer<BotContext>();

  composer.command('start', async (ctx) => {
    const payload = ctx.match.trim();
    if (payload) return join(ctx, payload);
    return register(ctx);
  });

  async function register(ctx: BotContext) {
    const { t, chatRow } = ctx.access;
    const chat = ctx.chat!;
    const from = ctx.from;
    if (chat.type !== 'private' || !from) {
      const message = ctx.access.chat ? t.start.memberHere : t.start.privateOnly(ctx.me.username);
      return sendReply(ctx, plainMessage(message), logger);
    }
    if (chatRow?.role === 'member') {
      if (chatRow.active) await sendReply(ctx, plainMessage(t.start.memberHere), logger);
      else {
        await reactivateChat(db, chat.id);
        await sendReply(ctx, plainMessage(t.start.reactivated, t.start.memberHere), logger);
      }
      // A member's chat has the members' menu (again, if blocking the bot took it away).
      return setChatMenu(ctx.api, chat.id, 'member', logger);
    }
    // The owner's own chat: back on if it was off, and the same URL again.
    if (chatRow && !chatRow.active) await reactivateChat(db, chat.id);
    const registration = await registerBusiness(
      db,
      {
        ownerUserId: from.id,
        ownerChatId: chat.id,
        chatType: chat.type,
        chatTitle: chatTitle(chat, from),
        lang: ctx.access.lang,
        defaultLowCashKop: config.lowCashThresholdKop,
      },
      config,
    );
    if (registration.status === 'refused') {
      logger.info({ chatId: chat.id }, 'registration refused: sign-up is closed (SIGNUP)');
      return sendReply(ctx, plainMessage(t.common.registrationClosed), logger);
    }
    const { business, created } = registration;
    if (created) logger.info({ businessId: business.id, chatId: chat.id }, 'business registered');
    await sendReply(ctx, renderOwnerStart(webhookUrl(config.publicUrl, business.webhookToken), created, t), logger);
    // The owner's chat gets the owner's command menu (the owner's own commands included).
    await setChatMenu(ctx.api, chat.id, 'owner', logger);
  }

  async function join(ctx: BotContext, payload: string) {
    const chat = ctx.chat!;
    const code = parseInviteCode(payload);
    const lang = ctx.access.chatRow?.lang ? ctx.access.lang : langFromTelegram(ctx.from?.language_code);
    const t = catalogue(lang);
    if (!code) return sendReply(ctx, plainMessage(t.invite.invalid), logger);
    const title = chatTitle(chat, ctx.from);
    const result = await joinByInvite(db, code, { chatId: chat.id, type: chat.type, title, lang }, deps.now?.());
    switch (result.status) {
      case 'invalid':
        return sendReply(ctx, plainMessage(t.invite.invalid), logger);
      case 'other_business':
      case 'already_member': {
        const why = result.status === 'other_business' ? t.invite.otherBusiness : t.invite.alreadyHere;
        if (result.spent) logger.info({ chatId: chat.id, chatType: chat.type, status: result.status }, 'invite spent in a group that could not join');
        return sendReply(ctx, plainMessage(why, result.spent ? t.invite.spentInGroup : t.invite.keptForPrivate), logger);
      }
      case 'joined': {
        logger.info({ businessId: result.businessId, chatId: chat.id, chatType: chat.type }, 'chat joined by invite');
        // Linked from inside a forum topic: the chat's messages go into that topic.
        await updateChatSettings(db, chat.id, { messageThreadId: threadOf(ctx) });
        if ((await notifyOwners(db, result.businessId, { key: 'member_joined', args: { title } }, chat.id)) > 0) deps.onOutboxWritten?.();
        await sendReply(ctx, plainMessage(catalogue(lang).invite.joined), logger);
        // A member's private chat gets the members' menu (a group has the groups' scopes).
        if (chat.type === 'private') await setChatMenu(ctx.api, chat.id, 'member', logger);
        return;
      }
    }
  }

  return composer;
}
