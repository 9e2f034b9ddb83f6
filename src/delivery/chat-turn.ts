import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { chats } from '../db/schema.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { TelegramGateway, SendOutcome } from '../telegram/gateway.js';
import type { JobRenderer, OutgoingMessage } from '../telegram/outgoing.js';
import type { SendRule } from '../telegram/rate-limits.js';
import { nextRetry, type BackoffPolicy } from './backoff.js';
import { chatWaitMs, releaseLease } from './chat-leases.js';
import {
  deactivateChat,
  deadLetter,
  dropChatJobs,
  followMigration,
  leaveClosedTopic,
  migrateChat,
  migratedTo,
  noteSendRefused,
  sendAccepted,
} from './chat-changes.js';
import { planNext, type CoalescePolicy, type SendPlan } from './coalesce.js';
import { finishJobs, markInFlight, pendingJobs, retryJobsLater, type PendingJob } from './outbox.js';

export interface TurnSettings {
  workerId: string;
  leaseMs: number;
  /** Wait in place for the chat's budget when it comes within this; otherwise give the chat back. */
  holdMs: number;
  backoff: BackoffPolicy;
  coalesce: CoalescePolicy;
  random: () => number;
}

export interface TurnDeps {
  db: Database;
  gateway: TelegramGateway;
  renderer: JobRenderer;
  logger: Logger;
  metrics: Metrics;
  ruleFor: (chatId: number) => SendRule;
  /** False once the worker is stopping: finish the message in hand, start no other. */
  isRunning: () => boolean;
  /** Something new is due elsewhere (a migrated chat): look again now. */
  wake: () => void;
}

/**
 * One turn of a worker with a chat whose lease it holds: sends the chat's due messages in order
 * while the chat's budget allows (single alerts, or a digest when behind), applies what Telegram
 * answers, and gives the lease back. The lease is always given back, whatever happens.
 */
export async function serveChat(deps: TurnDeps, settings: TurnSettings, chatId: number): Promise<void> {
  try {
    await sendDue(deps, settings, chatId);
  } finally {
    await releaseLease(deps.db, chatId, settings.workerId).catch((err: unknown) =>
      deps.logger.warn({ err, chatId }, 'could not release chat lease; it runs out by itself'),
    );
  }
}

async function sendDue(deps: TurnDeps, settings: TurnSettings, chatId: number): Promise<void> {
  const { db, logger } = deps;
  const [chat] = await db
    .select({ active: chats.active, deactivatedReason: chats.deactivatedReason, sendRefusedAt: chats.sendRefusedAt })
    .from(chats)
    .where(eq(chats.chatId, chatId));
  const movedTo = chat && !chat.active ? migratedTo(chat.deactivatedReason) : undefined;
  if (movedTo !== undefined) {
    const moved = await followMigration(db, chatId, movedTo);
    if (moved > 0) logger.info({ chatId, newChatId: movedTo, moved }, 'forwarded messages to the supergroup the chat became');
    deps.wake();
    return;
  }
  if (!chat || !chat.active) {
    const dropped = await dropChatJobs(db, chatId, chat ? 'chat switched off' : 'chat unknown');
    if (dropped > 0) logger.info({ chatId, dropped }, 'dropped messages for a chat that is gone');
    return;
  }
  const rule = deps.ruleFor(chatId);
  let refusing = chat.sendRefusedAt !== null;

  while (deps.isRunning()) {
    const jobs = await pendingJobs(db, chatId, settings.coalesce.maxDigest + 1);
    const head = jobs[0];
    if (!head || head.runAfter.getTime() > Date.now()) return;
    const wait = await chatWaitMs(db, chatId);
    if (wait > settings.holdMs) return;
    if (wait > 0) await sleep(wait);

    const planned = planNext(jobs, Date.now(), rule.intervalMs, settings.coalesce);
    const planIds = planned.kind === 'single' ? [planned.job.id] : planned.jobs.map((j) => j.id);
    const payloads = await markInFlight(db, chatId, planIds, settings.workerId, settings.leaseMs);
    const leaseHeldUntil = Date.now() + settings.leaseMs;
    if (!payloads) {
      logger.warn({ chatId }, 'chat lease lost before sending (another worker has it), or the chat was switched off');
      return;
    }
    // Rendered from the rows as marked (their payloads as they are now); nothing changes them
    // while they are in flight.
    const batch = (planned.kind === 'single' ? [planned.job] : planned.jobs)
      .filter((job) => payloads.has(job.id))
      .map((job): PendingJob => ({ ...(job as PendingJob), payload: payloads.get(job.id)! }));
    const ids = batch.map((j) => j.id);
    const plan: SendPlan = planned.kind === 'single' ? { kind: 'single', job: batch[0]! } : { kind: 'digest', jobs: batch };

    let message: OutgoingMessage | null;
    try {
      message = plan.kind === 'single' ? await deps.renderer.render(plan.job) : await deps.renderer.renderDigest(plan.jobs);
    } catch (err) {
      logger.error({ err, chatId, jobIds: ids }, 'could not render a message; retrying later');
      await retryOrGiveUp(deps, settings, batch, `render: ${errorText(err)}`);
      return;
    }
    if (message === null) {
      await finishJobs(db, ids, 'dropped', 'nothing to send');
      continue;
    }

    const { outcome, fallbackFrom } = await sendWithFallback(deps, chatId, message, ids);

    if (outcome.ok) {
      const notes = [fallbackFrom ? `sent as plain text: ${fallbackFrom}` : '', outcome.withoutMedia ? `sent without its photo or document: ${outcome.withoutMedia}` : ''];
      const note = notes.filter(Boolean).join('; ').slice(0, 300) || null;
      await finishSent(deps, ids, plan.kind === 'single' ? 'done' : 'merged', note, leaseHeldUntil);
      if (outcome.withoutMedia) logger.info({ chatId, jobIds: ids, reason: outcome.withoutMedia }, 'chat takes no photos or documents from the bot; sent the text alone');
      if (refusing) {
        refusing = false;
        await sendAccepted(db, chatId).catch((err: unknown) => logger.warn({ err, chatId }, 'could not record that the chat takes messages again'));
      }
      const now = Date.now();
      for (const job of batch) deps.metrics.deliveryLatency.observe({ kind: job.kind }, Math.max(0, now - job.eventAt.getTime()) / 1000);
      if (plan.kind === 'digest') logger.info({ chatId, merged: ids.length }, 'sent a digest of sale alerts');
      continue;
    }

    const failure = outcome.failure;
    switch (failure.kind) {
      case 'retryable':
        logger.warn({ chatId, jobIds: ids, reason: failure.reason, attempts: head.attempts + 1 }, 'telegram send failed; retrying later');
        await retryOrGiveUp(deps, settings, batch, failure.reason);
        return;
      case 'rate_limited':
        // The limits transformer already pushed the chat's budget back by retry_after; the
        // message waits at the head of the chat's queue until then (no backoff of its own).
        await retryJobsLater(db, ids, 0, failure.reason);
        return;
      case 'chat_gone': {
        const dropped = await deactivateChat(db, chatId, failure.reason);
        logger.info({ chatId, reason: failure.reason, dropped }, 'chat switched off: bot blocked, kicked or chat gone');
        return;
      }
      case 'migrated':
        await migrateChat(db, chatId, failure.newChatId);
        logger.info({ chatId, newChatId: failure.newChatId }, 'group moved to a supergroup; following it');
        deps.wake();
        return;
      case 'topic_gone': {
        if (message.messageThreadId === undefined) {
          await giveUpRefused(deps, chatId, batch, failure.reason);
          return;
        }
        // The forum topic was closed or deleted: the chat forgets it and the same messages go to
        // the group's General topic next (rendered again without the topic), at once.
        const forgot = await leaveClosedTopic(db, chatId, message.messageThreadId);
        logger.info({ chatId, threadId: message.messageThreadId, reason: failure.reason, forgot }, 'forum topic closed or deleted; posting in General');
        if (!forgot) {
          // The chat's topic had already changed meanwhile: the next try renders with the new one.
          await retryOrGiveUp(deps, settings, batch, failure.reason);
          return;
        }
        await retryJobsLater(db, ids, 0, failure.reason);
        continue;
      }
      case 'no_rights': {
        // The chat keeps the bot but does not let it send: keep the messages, back off, and tell
        // the owner once per episode.
        const told = refusing ? 0 : await noteSendRefused(db, chatId);
        refusing = true;
        if (told > 0) deps.wake();
        logger.warn({ chatId, jobIds: ids, reason: failure.reason, attempts: head.attempts + 1, told }, 'chat refuses the bot\'s messages; retrying later');
        await retryOrGiveUp(deps, settings, batch, failure.reason);
        return;
      }
      case 'media_forbidden':
      case 'bad_request':
        // Refused twice, as HTML and as plain text: trying again would only be refused again.
        await giveUpRefused(deps, chatId, batch, failure.reason);
        return;
      default: {
        const unknown: never = failure;
        throw new Error(`unhandled telegram failure ${JSON.stringify(unknown)}`);
      }
    }
  }
}

/** Telegram refused the message itself: the dead letter (the owner is told), no retry. */
async function giveUpRefused(deps: TurnDeps, chatId: number, batch: PendingJob[], reason: string): Promise<void> {
  const died = await deadLetter(deps.db, batch, `refused by telegram: ${reason}`);
  deps.metrics.outboxDead.inc(died);
  deps.logger.error({ chatId, jobIds: batch.map((j) => j.id), reason }, 'telegram refused even the plain-text message; given up');
}

/**
 * Sends the message; when Telegram refuses it as a bad request (our HTML, our length: a bug),
 * says so loudly and sends its plain text instead, once.
 */
async function sendWithFallback(
  deps: TurnDeps,
  chatId: number,
  message: OutgoingMessage,
  jobIds: number[],
): Promise<{ outcome: SendOutcome; fallbackFrom?: string }> {
  const outcome = await deps.gateway.send(chatId, message, 'html');
  if (outcome.ok || outcome.failure.kind !== 'bad_request') return { outcome };
  deps.logger.error(
    { chatId, jobIds, reason: outcome.failure.reason },
    'BUG: telegram refused a rendered message; sending its plain text instead',
  );
  return { outcome: await deps.gateway.send(chatId, message, 'plain'), fallbackFrom: outcome.failure.reason };
}

/** Backoff for the batch, or the dead letter for those past the retry window. */
async function retryOrGiveUp(deps: TurnDeps, settings: TurnSettings, batch: PendingJob[], reason: string): Promise<void> {
  const now = Date.now();
  const head = batch[0]!;
  const decision = nextRetry(settings.backoff, head.attempts + 1, head.createdAt.getTime(), now, settings.random());
  const expired = batch.filter((j) => !nextRetry(settings.backoff, j.attempts + 1, j.createdAt.getTime(), now, 0).retry);
  const live = batch.filter((j) => !expired.includes(j));
  if (expired.length > 0) {
    const died = await deadLetter(deps.db, expired, `gave up after retrying: ${reason}`);
    deps.metrics.outboxDead.inc(died);
    deps.logger.error({ chatId: head.chatId, jobIds: expired.map((j) => j.id), reason }, 'messages given up after the retry window');
  }
  const delayMs = decision.retry ? decision.delayMs : 0;
  await retryJobsLater(
    deps.db,
    live.map((j) => j.id),
    delayMs,
    reason.slice(0, 300),
  );
}

/**
 * Records a sent message. Telegram has it now, so this must not be lost to a database outage:
 * the message would go again once the lease runs out. So it is retried (backing off up to 2 s)
 * for as long as this worker still holds the chat's lease, with a margin; only a database that
 * stays away longer than that costs a duplicate.
 */
async function finishSent(deps: TurnDeps, ids: number[], status: 'done' | 'merged', note: string | null, leaseHeldUntil: number): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await finishJobs(deps.db, ids, status, note);
      return;
    } catch (err) {
      const pause = Math.min(100 * 2 ** attempt, 2_000);
      if (Date.now() + pause >= leaseHeldUntil - FINISH_MARGIN_MS) throw err;
      if (attempt === 0) deps.logger.warn({ err, jobIds: ids }, 'could not record a sent message; retrying while the lease holds');
      await sleep(pause);
    }
  }
}

/** Stop trying to record a sent message this long before the lease runs out. */
const FINISH_MARGIN_MS = 3_000;

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 200);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
