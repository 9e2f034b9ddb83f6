/**
 * The outbox's job kinds, as a type: kind → what a job of that kind carries (its `checkId`
 * and/or `payload`, as its producer writes them and the stored row reads back). The outbox
 * itself knows no kind but its own 'reply': each feature declares its kinds in its `jobs.ts` by
 * declaration merging,
 *
 *   declare module '../../platform/outbox/job-kinds.js' {
 *     interface JobKinds { sale: { checkId: number } }
 *   }
 *
 * and gives each kind its definition (schema and renderer, platform/outbox/job-renderer.ts). The
 * wiring (service.ts) composes them into a `JobRegistry`, typed so that a kind without a
 * definition does not compile (docs/adding-an-alert-kind.md).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface JobKinds {}

export type JobKind = Extract<keyof JobKinds, string>;

/** A job of one kind: `JobOf<'notice'>['payload']` is a notice's payload. */
export type JobOf<K extends JobKind> = { kind: K } & JobKinds[K];

/** Any one job: a member per kind. */
export type AnyJob = { [K in JobKind]: JobOf<K> }[JobKind];

/** A job to write (platform/outbox/enqueue.ts): where it goes, and one job of one kind. */
export type NewJob = {
  businessId: number;
  chatId: number;
  eventAt?: Date;
  /** Not to be sent before this; until then later messages to the chat pass it (outbox.not_before). */
  notBefore?: Date;
} & AnyJob;
