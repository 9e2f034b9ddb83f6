import type { InlineKeyboardButton } from 'grammy/types';
import type { Catalogue } from '../../../platform/i18n/catalogue.js';
import type { OutgoingMessage } from '../../../platform/telegram/outgoing.js';
import { escapeHtml, bold, fitMessage, outgoing } from '../../../platform/telegram/html.js';
import { TEXT_LIMIT, cut } from '../../../platform/telegram/limits.js';
import { membersCallbackData } from './members-callback.js';

/** One chat of the shop as /members shows it. */
export interface MemberView {
  chatId: number;
  role: string;
  type: string;
  title: string | null;
  active: boolean;
  /** When it joined, already in BUSINESS_TZ ("27.11.2026 12:00"). */
  joined: string;
}

/** Telegram allows 100 buttons on a message; a shop with more chats removes them in turns. */
const MAX_BUTTONS = 90;
/** Telegram shows about this much of a button's text on a phone. */
const BUTTON_NAME_MAX = 40;

export function memberName(view: Pick<MemberView, 'chatId' | 'title'>, t: Catalogue): string {
  return cut(view.title?.trim() || t.members.unnamed(view.chatId), 200);
}

const isGroup = (type: string) => type !== 'private';

/** /members: every chat of the shop (owner first), and a remove button per member chat; `shop`: its display name. Pure. */
export function renderMembers(views: MemberView[], t: Catalogue, shop?: string): OutgoingMessage {
  const lines = views.map((v) => {
    const name = memberName(v, t);
    const who = v.role === 'owner' ? t.members.owner(name) : isGroup(v.type) ? t.members.group(name) : t.members.person(name);
    const parts = [who, t.members.joined(v.joined), ...(v.active ? [] : [t.members.off])];
    return escapeHtml(parts.join(' · '));
  });
  const members = views.filter((v) => v.role !== 'owner');
  const { html } = fitMessage({
    head: [...(shop === undefined ? [] : [`🏪 ${bold(shop)}`]), bold(t.members.title), ''],
    body: lines,
    tail: ['', escapeHtml(members.length === 0 ? t.members.onlyOwner : t.members.hint)],
    limit: TEXT_LIMIT,
    more: (n) => t.sale.more(n),
  });
  const buttons: InlineKeyboardButton[][] = members
    .slice(0, MAX_BUTTONS)
    .map((v) => [{ text: t.members.removeButton(cut(memberName(v, t), BUTTON_NAME_MAX)), callback_data: membersCallbackData.ask(v.chatId) }]);
  return outgoing(html, buttons.length > 0 ? { replyMarkup: { inline_keyboard: buttons } } : {});
}

/** The question before a chat is removed, with its yes and cancel buttons. Pure. */
export function renderRemoveConfirm(view: Pick<MemberView, 'chatId' | 'title'>, t: Catalogue): OutgoingMessage {
  const name = memberName(view, t);
  return outgoing(escapeHtml(t.members.confirm(name)), {
    replyMarkup: {
      inline_keyboard: [
        [{ text: t.members.confirmButton(cut(name, BUTTON_NAME_MAX)), callback_data: membersCallbackData.remove(view.chatId) }],
        [{ text: t.members.cancelButton, callback_data: membersCallbackData.list() }],
      ],
    },
  });
}
