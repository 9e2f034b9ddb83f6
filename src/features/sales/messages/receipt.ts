import type { OutgoingMessage } from '../../../platform/telegram/outgoing.js';
import type { Catalogue } from '../../../platform/i18n/catalogue.js';
import { formatMoney } from '../../../platform/money/format.js';
import { localDateTimeOf } from '../../../platform/time/business-time.js';
import { checkNumber, type CheckView } from '../check-view.js';
import { escapeHtml, link, outgoing, plainMessage } from '../../../platform/telegram/html.js';
import { CAPTION_LIMIT, cut } from '../../../platform/telegram/limits.js';
import { receiptUrl } from './sale-alert.js';

type ReceiptCheck = Pick<CheckView, 'orderNum' | 'localNumber' | 'uuid' | 'orderedAt' | 'totalKop' | 'link'>;

/** `DEV_00000128ebcfe.pdf`: the check number, with anything a file name should not hold replaced. */
export function receiptFilename(view: Pick<CheckView, 'orderNum' | 'localNumber' | 'uuid'>): string {
  const base = checkNumber(view)
    .replace(/[^\p{L}\p{N}_.-]+/gu, '_')
    .replace(/^[._]+/, '')
    .slice(0, 100);
  return `${base || 'check'}.pdf`;
}

/** The caption under a check's PDF: number, time and total, within Telegram's 1024. Pure. */
export function receiptCaption(view: ReceiptCheck, t: Catalogue, tz: string): string {
  const caption = t.receipt.caption(cut(checkNumber(view), 200), localDateTimeOf(view.orderedAt, tz), formatMoney(view.totalKop));
  return escapeHtml(cut(caption, CAPTION_LIMIT));
}

/** The PDF as a document; or, when CashDesk sent none, a message with the e-receipt link. Pure. */
export function renderReceipt(view: ReceiptCheck, pdf: Buffer | null, t: Catalogue, tz: string): OutgoingMessage {
  const caption = receiptCaption(view, t, tz);
  const url = receiptUrl(view.link);
  if (pdf) {
    // A chat that refuses documents gets the caption and the e-receipt's link instead.
    const instead = url ? outgoing([caption, `${escapeHtml(t.receipt.linkLabel)} ${link(url, url)}`].join('\n')) : outgoing(caption);
    return {
      ...outgoing(caption, { document: { bytes: pdf, filename: receiptFilename(view) } }),
      withoutMedia: { text: instead.text, plainText: instead.plainText },
    };
  }
  if (url) return outgoing([caption, '', escapeHtml(t.receipt.noPdf), `${escapeHtml(t.receipt.linkLabel)} ${link(url, url)}`].join('\n'));
  return outgoing([caption, '', escapeHtml(t.receipt.noPdf), escapeHtml(t.receipt.nothing)].join('\n'));
}

export function renderReceiptNotFound(t: Catalogue): OutgoingMessage {
  return plainMessage(t.receipt.notFound);
}
