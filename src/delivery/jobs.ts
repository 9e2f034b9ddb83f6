/** What the outbox carries: the kind of message and just enough to render it at send time. */
export const JOB_KINDS = ['sale', 'low_cash', 'high_cash', 'daily_summary', 'receipt_pdf', 'notice'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export interface NewJob {
  businessId: number;
  chatId: number;
  kind: JobKind;
  checkId?: number | null;
  payload?: Record<string, unknown>;
  eventAt?: Date;
}
