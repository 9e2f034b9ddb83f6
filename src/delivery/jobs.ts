/** What the outbox carries: the kind of message and just enough to render it at send time. */
export const JOB_KINDS = [
  'sale',
  'low_cash',
  'high_cash',
  'daily_summary',
  'weekly_digest',
  'receipt_pdf',
  'notice',
  // A bot reply that could not go out within about a second (telegram/render/reply-job.ts).
  'reply',
] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export interface NewJob {
  businessId: number;
  chatId: number;
  kind: JobKind;
  checkId?: number | null;
  payload?: Record<string, unknown>;
  eventAt?: Date;
}

/**
 * Payload of the 'notice' job the owner gets when messages were given up on after the retry
 * window (shaped like the renderer's other notices, `{ key, args }`): one notice per episode;
 * while it waits to be sent, further losses raise `count`.
 */
export interface UndeliveredNoticePayload {
  key: 'undelivered';
  args: {
    /** Messages given up on (to any chat of the business). */
    count: number;
    /** When the first of them was written (ISO 8601). */
    since: string;
  };
}
