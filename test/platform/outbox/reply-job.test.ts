import { describe, expect, it } from 'vitest';
import { MAX_REPLY_ATTACHMENT_BYTES, renderReplyJob, replyPayload } from '../../../src/platform/outbox/reply-job.js';
import { replyPayloadSchema } from '../../../src/platform/outbox/reply-job.js';
import type { OutgoingMessage } from '../../../src/platform/telegram/outgoing.js';
import { documentBytes } from '../../support/documents.js';

const base: OutgoingMessage = { text: '<b>Сьогодні</b> &amp; ₴', plainText: 'Сьогодні & ₴', parseMode: 'HTML' };

describe("the outbox 'reply' job: a bot reply carried as rendered", () => {
  it('a text with buttons comes back as it was, through JSON (the jsonb column)', () => {
    const message: OutgoingMessage = {
      ...base,
      replyMarkup: { inline_keyboard: [[{ text: 'PDF', callback_data: 'pdf:7' }], [{ text: 'Чек', url: 'https://example.com/r' }]] },
      messageThreadId: 12,
    };
    const stored = JSON.parse(JSON.stringify(replyPayload(message)));
    expect(renderReplyJob(replyPayloadSchema.parse(stored))).toEqual(message);
  });

  it('a document and a photo carry their bytes', () => {
    const pdf = Buffer.from('%PDF-1.4 \x00\xff binary');
    const doc: OutgoingMessage = { ...base, document: { bytes: pdf, filename: 'check.pdf' } };
    const back = renderReplyJob(replyPayloadSchema.parse(JSON.parse(JSON.stringify(replyPayload(doc)))));
    expect(back.document!.filename).toBe('check.pdf');
    expect(documentBytes(back.document!).equals(pdf)).toBe(true);
    expect(back.photo).toBeUndefined();

    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]);
    const chart = renderReplyJob(replyPayloadSchema.parse(replyPayload({ ...base, photo: { bytes: png, filename: 'week.png' } })));
    expect(chart.photo!.bytes.equals(png)).toBe(true);
    expect(chart.document).toBeUndefined();
  });

  it('an attachment too big to queue is not queued; a payload of another shape is refused', () => {
    expect(replyPayload({ ...base, document: { bytes: Buffer.alloc(MAX_REPLY_ATTACHMENT_BYTES + 1), filename: 'x.csv' } })).toBeUndefined();
    expect(replyPayloadSchema.safeParse({ text: 'x' }).success).toBe(false);
    expect(replyPayloadSchema.safeParse({ text: 'x', plainText: 'x', attachment: { type: 'video', filename: 'a', base64: '' } }).success).toBe(false);
  });
});
