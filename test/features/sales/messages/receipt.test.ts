import { describe, expect, it } from 'vitest';
import { receiptCaption, receiptFilename, renderReceipt } from '../../../../src/features/sales/messages/receipt.js';
import { uk } from '../../../../src/platform/i18n/uk.js';
import { en } from '../../../../src/platform/i18n/en.js';
import { parseHtml } from '../../../support/fake-telegram.js';
import { checkView } from './check-views.js';
import { documentBytes } from '../../../support/documents.js';

const TZ = 'Europe/Kyiv';

describe('receipt', () => {
  it('sends the PDF bytes as a document named after the check number, captioned with number, time and total', () => {
    const pdf = Buffer.from('%PDF-1.4 test');
    const msg = renderReceipt(checkView(), pdf, uk, TZ);
    expect(documentBytes(msg.document!)).toBe(pdf);
    expect(msg.document?.filename).toBe('DEV_00000128ebcfe.pdf');
    expect(parseHtml(msg.text).text).toBe('Чек № DEV_00000128ebcfe · 27.11.2026 10:15 · 148,60 ₴');
  });

  it('names the e-receipt link for a chat that takes no documents', () => {
    const msg = renderReceipt(checkView(), Buffer.from('%PDF-1.4 test'), en, TZ);
    const instead = parseHtml(msg.withoutMedia!.text);
    expect(instead.text.startsWith('Check no. DEV_00000128ebcfe · 27.11.2026 10:15 · 148,60 ₴')).toBe(true);
    expect(instead.text).toContain(en.receipt.linkLabel);
    expect(instead.entities.find((e) => e.type === 'text_link' || e.type === 'url')).toBeDefined();
    expect(msg.withoutMedia!.plainText).toContain(en.receipt.linkLabel);
    expect(renderReceipt(checkView({ link: null }), Buffer.from('%PDF'), en, TZ).withoutMedia?.plainText).toBe(
      'Check no. DEV_00000128ebcfe · 27.11.2026 10:15 · 148,60 ₴',
    );
  });

  it('keeps the caption within 1024 characters whatever the number, and escapes it', () => {
    const view = checkView({ orderNum: `<${'9'.repeat(5000)}&>` });
    const caption = receiptCaption(view, en, TZ);
    const visible = parseHtml(caption).text;
    expect(visible.length).toBeLessThanOrEqual(1024);
    expect(visible.startsWith('Check no. <999')).toBe(true);
    expect(visible).toContain('148,60 ₴');
  });

  it('makes a safe file name from any number, falling back to the uuid', () => {
    expect(receiptFilename({ orderNum: '../../etc/passwd', localNumber: null, uuid: 'u' })).toBe('etc_passwd.pdf');
    expect(receiptFilename({ orderNum: 'Чек 12/3', localNumber: null, uuid: 'u' })).toBe('Чек_12_3.pdf');
    expect(receiptFilename({ orderNum: null, localNumber: 7, uuid: 'u' })).toBe('7.pdf');
    expect(receiptFilename({ orderNum: null, localNumber: null, uuid: 'abc-1' })).toBe('abc-1.pdf');
  });

  it('without a PDF: the e-receipt link, or says there is none', () => {
    const withLink = renderReceipt(checkView(), null, uk, TZ);
    expect(withLink.document).toBeUndefined();
    const parsed = parseHtml(withLink.text);
    expect(parsed.text).toContain('CashDesk не надіслав PDF цього чека.');
    expect(parsed.entities.find((e) => e.type === 'text_link' || e.type === 'url')).toBeDefined();
    const none = renderReceipt(checkView({ link: null }), null, en, TZ);
    expect(none.plainText).toContain('There is no e-receipt link either.');
  });
});
