import { z } from 'zod';
import type { Database, Executor } from '../db/client.js';
import type { Logger } from '../observability/logger.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { catalogue, pickLang } from '../i18n/lang.js';
import type { OutgoingMessage } from '../telegram/outgoing.js';
import type { JobKind, JobKinds } from './job-kinds.js';
import type { OutboxJob } from './outbox.js';

/** A job's `checkId` (the outbox row's own column), as the kinds' schemas read it. */
export const checkIdSchema = z.number().int().positive();

/** An instant in a payload, as its producer wrote it (`Date.toISOString()`). */
export const isoInstantSchema = z.iso.datetime({ offset: true });

/** A stored job read with its kind's schema: the row's own fields, and what its kind carries. */
export type StoredJob<K extends JobKind> = JobMeta & { kind: K } & JobKinds[K];

/** A stored job's own fields, whatever its kind. */
type JobMeta = Omit<OutboxJob, 'kind' | 'checkId' | 'payload'>;

/** What a kind's renderer is given besides its job. */
export interface RenderContext {
  db: Database;
  /** The chat's language: its /lang choice, else Ukrainian (the worker has no Telegram user to ask). */
  t: Catalogue;
  /** BUSINESS_TZ. */
  tz: string;
  /** BUSINESS_DAY_START: the hour a business day starts. */
  dayStart: number;
}

/**
 * One job kind, as its feature declares it (src/features/<name>/jobs.ts): how its stored row
 * reads (`schema`, over the row's `checkId` and `payload`), and how it becomes a message at send
 * time, from what is stored then. `render` answers null when there is nothing to send any more
 * (its check is gone). A kind whose waiting jobs may go as one message when the chat falls
 * behind (today only 'sale') has `renderDigest` too.
 */
export interface JobDefinition<K extends JobKind> {
  schema: z.ZodType<JobKinds[K]>;
  render: (job: StoredJob<K>, ctx: RenderContext) => Promise<OutgoingMessage | null>;
  renderDigest?: (jobs: StoredJob<K>[], ctx: RenderContext) => Promise<OutgoingMessage | null>;
}

/** Some kinds' definitions: what a feature's jobs.ts exports. */
export type JobDefinitions<K extends JobKind> = { [P in K]: JobDefinition<P> };

/** Every kind's definition: a kind declared in JobKinds without one does not compile. */
export type JobRegistry = JobDefinitions<JobKind>;

/**
 * Turns outbox jobs into messages at send time, what the worker calls. `render` answers null
 * when there is nothing to send (the check is gone, the job unreadable); `renderDigest` merges
 * several waiting jobs of one kind (one that `coalesces`) for one chat into one message.
 */
export interface JobRenderer {
  render(job: OutboxJob): Promise<OutgoingMessage | null>;
  coalesces: (kind: string) => boolean;
  renderDigest(jobs: OutboxJob[]): Promise<OutgoingMessage | null>;
}

/**
 * The chat a message goes to, as the renderer needs it (features/shops reads it, features/chat-settings
 * decides its topic and quiet hours): read once per message, for its language and for `decorate`.
 */
export interface RecipientChats<C extends { lang: string | null }> {
  find(db: Executor, chatId: number): Promise<C | undefined>;
  /** The message as it goes to this chat at `at` (its forum topic, silent in its quiet hours). */
  decorate(message: OutgoingMessage, chat: C, at: Date): OutgoingMessage;
}

export interface JobRendererDeps<C extends { lang: string | null }> {
  db: Database;
  jobs: JobRegistry;
  chats: RecipientChats<C>;
  config: { businessTz: string; businessDayStart?: number };
  /** Told about jobs that cannot be read (rendered as nothing to send). */
  logger?: Logger;
  /** The clock of quiet hours (tests). */
  now?: () => Date;
}

/** A stored row read with its kind's definition, or what is wrong with it (for the log). */
export type ReadJob<K extends JobKind> = { ok: true; job: StoredJob<K> } | { ok: false; problem: string };

/** Reads a stored row with its kind's schema: an unknown kind, or a check id or payload that does not fit it, is a problem. */
export function readJob(jobs: JobRegistry, row: OutboxJob): ReadJob<JobKind> {
  if (!Object.hasOwn(jobs, row.kind)) return { ok: false, problem: 'unknown kind' };
  return readAs(jobs, row.kind as JobKind, row);
}

function readAs<K extends JobKind>(jobs: JobRegistry, kind: K, row: OutboxJob): ReadJob<K> {
  const parsed = jobs[kind].schema.safeParse({ checkId: row.checkId, payload: row.payload });
  if (!parsed.success) return { ok: false, problem: problemOf(parsed.error) };
  const { checkId: _checkId, payload: _payload, kind: _kind, ...meta } = row;
  const job: StoredJob<K> = Object.assign<JobMeta, { kind: K }, JobKinds[K]>(meta, { kind }, parsed.data);
  return { ok: true, job };
}

/** What is wrong with a stored job: the first problem zod found, and where. */
function problemOf(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unreadable job';
  const where = issue.path.length > 0 ? issue.path.join('.') : 'job';
  return `${where}: ${issue.message}`;
}

/**
 * Builds every outgoing message of the outbox at send time, with the definition of its kind, from
 * what is stored now; the chat's row is read once per message (or digest), for its language and
 * then to put the message into the chat's topic, silently in its quiet hours. An unknown kind or
 * an unreadable job is logged (without its payload) and rendered as nothing to send.
 */
export function createJobRenderer<C extends { lang: string | null }>(deps: JobRendererDeps<C>): JobRenderer {
  const { db, jobs, chats } = deps;
  const now = deps.now ?? (() => new Date());
  const base = { db, tz: deps.config.businessTz, dayStart: deps.config.businessDayStart ?? 0 };

  const read = (row: OutboxJob): StoredJob<JobKind> | undefined => {
    const result = readJob(jobs, row);
    if (result.ok) return result.job;
    deps.logger?.error({ jobId: row.id, kind: row.kind, problem: result.problem }, 'outbox job cannot be rendered');
    return undefined;
  };

  async function deliver(chatId: number, make: (ctx: RenderContext) => Promise<OutgoingMessage | null>): Promise<OutgoingMessage | null> {
    const chat = await chats.find(db, chatId);
    const message = await make({ ...base, t: catalogue(pickLang(chat?.lang, null)) });
    return message && chat ? chats.decorate(message, chat, now()) : message;
  }

  return {
    async render(row) {
      const job = read(row);
      if (!job) return null;
      return deliver(row.chatId, (ctx) => renderOne(jobs, job, ctx));
    },
    coalesces: (kind) => Object.hasOwn(jobs, kind) && jobs[kind as JobKind].renderDigest !== undefined,
    async renderDigest(rows) {
      const first = rows[0];
      if (!first) throw new Error('renderDigest needs at least one job');
      const read_ = rows.map(read).filter((job) => job !== undefined);
      if (read_.length === 0) return null;
      return deliver(first.chatId, (ctx) => renderMany(jobs, read_, ctx));
    },
  };
}

/** The job's own kind's renderer (K ties the job to its definition). */
function renderOne<K extends JobKind>(jobs: JobRegistry, job: StoredJob<K>, ctx: RenderContext): Promise<OutgoingMessage | null> {
  const definition: JobDefinition<K> = jobs[job.kind];
  return definition.render(job, ctx);
}

/** A digest of jobs of one kind (the head's: the worker merges only a run of one kind). */
function renderMany<K extends JobKind>(jobs: JobRegistry, batch: StoredJob<K>[], ctx: RenderContext): Promise<OutgoingMessage | null> {
  const kind = batch[0]!.kind;
  const definition: JobDefinition<K> = jobs[kind];
  if (!definition.renderDigest) throw new Error(`jobs of kind ${kind} do not merge into a digest`);
  return definition.renderDigest(
    batch.filter((job) => job.kind === kind),
    ctx,
  );
}
