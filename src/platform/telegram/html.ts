import type { InlineKeyboardMarkup } from 'grammy/types';
import type { OutgoingMessage } from './outgoing.js';
import { cut } from './limits.js';

/**
 * Telegram HTML, the one parse mode we use. Every piece of text that is not our own markup goes
 * through escapeHtml; lengths are what Telegram counts: the visible text after entity parsing,
 * in UTF-16 code units (the limits and the one cut: platform/telegram/limits.ts).
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ESCAPES[c]!);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' };

/** What a reader sees of our HTML: tags gone, entities decoded. */
export function htmlToPlain(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot);/g, (_, name: string) => ENTITIES[name]!);
}

export function visibleLength(html: string): number {
  return htmlToPlain(html).length;
}

export const bold = (text: string): string => `<b>${escapeHtml(text)}</b>`;
export const italic = (text: string): string => `<i>${escapeHtml(text)}</i>`;
export const code = (text: string): string => `<code>${escapeHtml(text)}</code>`;
export const link = (url: string, text: string): string => `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>`;

export interface FitInput {
  /** Lines always kept at the top (HTML). */
  head: string[];
  /** Blocks (HTML, one or more lines each) dropped from the end when the whole does not fit. */
  body: string[];
  /** Lines always kept at the bottom: totals. */
  tail: string[];
  limit: number;
  /** The plain-text line that replaces the dropped blocks: "…і ще N". */
  more: (omitted: number) => string;
}

/**
 * Joins head, body and tail with newlines, keeping head and tail whole and as many body blocks as
 * fit in `limit` visible characters; the rest become one "…and N more" line.
 */
export function fitMessage(input: FitInput): { html: string; omitted: number } {
  const all = [...input.head, ...input.body, ...input.tail];
  const lengths = (lines: string[]) => lines.reduce((sum, l) => sum + visibleLength(l) + 1, 0);
  if (lengths(all) - 1 <= input.limit) return { html: all.join('\n'), omitted: 0 };

  const worstMore = escapeHtml(input.more(input.body.length));
  let budget = input.limit - (lengths(input.head) + lengths(input.tail) + visibleLength(worstMore));
  let kept = 0;
  for (const block of input.body) {
    const cost = visibleLength(block) + 1;
    if (cost > budget) break;
    budget -= cost;
    kept += 1;
  }
  const omitted = input.body.length - kept;
  const html = [...input.head, ...input.body.slice(0, kept), escapeHtml(input.more(omitted)), ...input.tail].join('\n');
  if (visibleLength(html) <= input.limit) return { html, omitted };
  // Head and tail alone are too long (never with our renderers' clipped fields): plain text, cut.
  return { html: escapeHtml(cut(htmlToPlain(html), input.limit)), omitted };
}

/** The message as the gateway sends it, with its plain-text twin. */
export function outgoing(
  html: string,
  extra: {
    replyMarkup?: InlineKeyboardMarkup;
    document?: OutgoingMessage['document'];
    photo?: { bytes: Buffer; filename: string };
    disableNotification?: boolean;
  } = {},
): OutgoingMessage {
  const message: OutgoingMessage = { text: html, parseMode: 'HTML', plainText: htmlToPlain(html) };
  if (extra.replyMarkup) message.replyMarkup = extra.replyMarkup;
  if (extra.document) message.document = extra.document;
  if (extra.photo) message.photo = extra.photo;
  if (extra.disableNotification) message.disableNotification = true;
  return message;
}

/** A message of plain sentences (no markup). */
export function plainMessage(...paragraphs: string[]): OutgoingMessage {
  return outgoing(paragraphs.map(escapeHtml).join('\n\n'));
}
