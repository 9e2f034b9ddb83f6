import type { OutgoingMessage } from '../../../platform/telegram/outgoing.js';
import type { Catalogue } from '../../../platform/i18n/catalogue.js';
import { bold, code, escapeHtml, link, outgoing } from '../../../platform/telegram/html.js';
import { testAlertCallbackData } from '../../sales/index.js';
import { botChatLink } from '../../../platform/telegram/bot-link.js';

/** The webhook URL with the steps to paste it into CashDesk. */
function webhookSection(url: string, t: Catalogue): string[] {
  return [
    bold(t.start.urlLabel),
    code(url),
    '',
    bold(t.start.stepsTitle),
    ...t.start.steps.map((step, i) => escapeHtml(`${i + 1}. ${step}`)),
    '',
    escapeHtml(t.start.keepSecret),
  ];
}

/** /start for the owner: registered now, or again with the same URL; a button sends a test alert. Pure. */
export function renderOwnerStart(url: string, created: boolean, t: Catalogue): OutgoingMessage {
  return outgoing(
    [
      bold(created ? t.start.registered : t.start.again),
      '',
      ...webhookSection(url, t),
      '',
      escapeHtml(t.start.next),
    ].join('\n'),
    // A sample alert now, before the first sale (marked as a test, counted nowhere).
    { replyMarkup: { inline_keyboard: [[{ text: t.testAlert.button, callback_data: testAlertCallbackData }]] } },
  );
}

/** /webhook: the URL again. Pure. */
export function renderWebhookUrl(url: string, t: Catalogue): OutgoingMessage {
  return outgoing(webhookSection(url, t).join('\n'));
}

/** /rotate: the new URL, and that the old one stopped. Pure. */
export function renderRotated(url: string, t: Catalogue): OutgoingMessage {
  return outgoing([bold(t.webhook.rotated), escapeHtml(t.webhook.oldStops), '', ...webhookSection(url, t)].join('\n'));
}

export interface InviteView {
  botUsername: string;
  code: string;
  /** Local date and time the invite expires, already formatted. */
  expires: string;
  /** The shop's display name (features/shops/shop-name.ts). */
  shop?: string;
}

const inviteLink = (botUsername: string, inviteCode: string): string => `${botChatLink(botUsername)}?start=${inviteCode}`;
/** Adds the bot to a group the person picks; Telegram then sends `/start@bot <code>` there, which joins it. */
const groupInviteLink = (botUsername: string, inviteCode: string): string => `${botChatLink(botUsername)}?startgroup=${inviteCode}`;

/** /invite: the one-time link for a person, the link that adds the bot to a group, and the command for a group. Pure. */
export function renderInvite(view: InviteView, t: Catalogue): OutgoingMessage {
  const url = inviteLink(view.botUsername, view.code);
  const groupUrl = groupInviteLink(view.botUsername, view.code);
  return outgoing(
    [
      ...(view.shop === undefined ? [] : [`🏪 ${bold(view.shop)}`]),
      bold(t.invite.created(view.expires)),
      '',
      escapeHtml(t.invite.forPerson),
      link(url, url),
      '',
      escapeHtml(t.invite.forGroup),
      link(groupUrl, groupUrl),
      escapeHtml(t.invite.forGroupByHand),
      code(`/start@${view.botUsername} ${view.code}`),
    ].join('\n'),
  );
}
