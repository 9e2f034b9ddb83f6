import { describe, expect, expectTypeOf, it } from 'vitest';
import type { DeliveryNoticePayload } from '../../src/delivery/jobs.js';
import { noticePayloadSchema, type NoticePayload } from '../../src/telegram/render/notice.js';

/**
 * Delivery writes its own notices (undelivered, topic closed, chat refuses) without importing the
 * renderer: their shapes, declared in delivery/jobs.ts, must be ones the renderer's schema takes.
 */
describe('the notices delivery writes', () => {
  it('are notices the renderer knows (types)', () => {
    expectTypeOf<DeliveryNoticePayload>().toExtend<NoticePayload>();
  });

  it.each<DeliveryNoticePayload>([
    { key: 'undelivered', args: { count: 3, since: '2026-03-01T10:00:00.000Z' } },
    { key: 'topic_closed', args: {} },
    { key: 'chat_refuses', args: { title: 'Shop group' } },
  ])('$key parses with the renderer schema', (payload) => {
    expect(noticePayloadSchema.parse({ ...payload })).toEqual(payload);
  });
});
