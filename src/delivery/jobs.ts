/** What the outbox carries: the kind of message and just enough to render it at send time. */
type JobKind =
  | 'sale'
  | 'low_cash'
  | 'high_cash'
  | 'daily_summary'
  | 'weekly_digest'
  | 'receipt_pdf'
  | 'notice'
  // A bot reply that could not go out within about a second (telegram/render/reply-job.ts).
  | 'reply'
  // A period's checks as CSV or XLSX, asked for from the Mini App (telegram/render/checks-export.ts).
  | 'export';

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

/** Payload of the 'notice' job a group gets when its forum topic was closed or deleted. */
export interface TopicClosedNoticePayload {
  key: 'topic_closed';
  args: Record<string, never>;
}

/** Payload of the 'notice' job the owner gets when a chat keeps the bot but refuses its messages. */
export interface ChatRefusesNoticePayload {
  key: 'chat_refuses';
  args: { title: string };
}

/**
 * The notices delivery itself writes, in the renderer's `{ key, args }` shape (the renderer's
 * schema, telegram/render/notice.ts, accepts each: test/delivery/notice-payloads.test.ts).
 */
export type DeliveryNoticePayload = UndeliveredNoticePayload | TopicClosedNoticePayload | ChatRefusesNoticePayload;

/** Payload of the 'export' job (the Mini App's export button): the period's checks as a file. */
export interface ExportJobPayload {
  from: string;
  to: string;
  format: 'csv' | 'xlsx';
  /** The language the Mini App showed (the chat's own choice otherwise). */
  lang?: 'uk' | 'en';
}
