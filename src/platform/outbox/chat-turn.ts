import type { Database } from '../db/client.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { TelegramGateway, SendOutcome } from '../telegram/gateway.js';
import { needsPlainText } from '../telegram/send-core.js';
import type { JobRenderer } from './job-renderer.js';
import type { ChatHooks } from './chat-hooks.js';
import type { OutgoingMessage } from '../telegram/outgoing.js';
import type { SendRule } from '../telegram/rate-limits.js';
import type { TelegramFailure } from '../telegram/telegram-errors.js';
import type { BackoffPolicy } from './backoff.js';
import { chatWaitMs, releaseLease } from './chat-leases.js';
import { planNext, type CoalescePolicy, type SendPlan } from './coalesce.js';
import { giveUpRefused, retryOrGiveUp } from './failed-sends.js';
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
  /** The chats' side of what Telegram answers (features/shops). */
  chats: ChatHooks;
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

/** Sends the chat's due messages, one plan (a single alert or a digest) after another. */
async function sendDue(deps: TurnDeps, settings: TurnSettings, chatId: number): Promise<void> {
  const chat = await chatToServe(deps, chatId);
  if (!chat) return;
  const rule = deps.ruleFor(chatId);
  const state: TurnState = { refusing: chat.refusing };
  while (deps.isRunning()) {
    const due = await nextDue(deps, settings, chatId, rule);
    if (!due) return;
    const claimed = await claimBatch(deps, settings, chatId, due);
    if (!claimed) return;
    const message = await renderBatch(deps, settings, chatId, claimed);
    if (message === undefined) return;
    if (message === null) {
      await finishJobs(deps.db, claimed.ids, 'dropped', 'nothing to send');
      continue;
    }
    // What the message holds outside memory (an export part's file) is freed whatever happens:
    // a retry renders the message again.
    let next: 'continue' | 'stop';
    try {
      const { outcome, fallbackFrom } = await sendWithFallback(deps, chatId, message, claimed.ids);
      if (outcome.ok) {
        await recordSent(deps, chatId, claimed, state, outcome, fallbackFrom);
        continue;
      }
      next = await handleFailure(deps, settings, chatId, claimed, message, state, outcome.failure, due.head.attempts);
    } finally {
      await message.release?.().catch((err: unknown) => deps.logger.warn({ err, chatId }, 'could not remove a sent message\'s temporary file'));
    }
    if (next === 'stop') return;
  }
}

interface TurnState {
  /** The chat refuses the bot's messages (an episode the owner was told about). */
  refusing: boolean;
}

/** What the chat's queue holds next, read before claiming it. */
interface DueJobs {
  head: PendingJob;
  planned: SendPlan;
}

/** What this worker marked as in flight: the plan over the rows as they are now. */
interface ClaimedBatch {
  plan: SendPlan;
  batch: PendingJob[];
  ids: number[];
  leaseHeldUntil: number;
}

/**
 * The chat as the turn finds it: on, or nothing to serve. A chat that became a supergroup has
 * had its waiting messages forwarded to the new id; one switched off or unknown has had them dropped.
 */
async function chatToServe(deps: TurnDeps, chatId: number): Promise<{ refusing: boolean } | undefined> {
  const { logger } = deps;
  const chat = await deps.chats.openTurn(deps.db, chatId);
  switch (chat.state) {
    case 'on':
      return chat;
    case 'moved':
      if (chat.moved > 0) logger.info({ chatId, newChatId: chat.to, moved: chat.moved }, 'forwarded messages to the supergroup the chat became');
      deps.wake();
      return undefined;
    case 'gone':
      if (chat.dropped > 0) logger.info({ chatId, dropped: chat.dropped, why: chat.why }, 'dropped messages for a chat that is gone');
      return undefined;
  }
}

/**
 * The chat's next plan when its head is due and its budget allows now or within `holdMs` (waited
 * for in place); undefined otherwise (the chat is given back). Behind, sale alerts become a digest.
 */
async function nextDue(deps: TurnDeps, settings: TurnSettings, chatId: number, rule: SendRule): Promise<DueJobs | undefined> {
  let jobs = await pendingJobs(deps.db, chatId, settings.coalesce.maxDigest + 1);
  let head = jobs[0];
  if (!head || head.runAfter.getTime() > Date.now()) return undefined;
  const wait = await chatWaitMs(deps.db, chatId);
  if (wait > settings.holdMs) return undefined;
  if (wait > 0) {
    await sleep(wait);
    // A reply to a person written meanwhile goes first: read the queue as it is now.
    jobs = await pendingJobs(deps.db, chatId, settings.coalesce.maxDigest + 1);
    head = jobs[0];
    if (!head || head.runAfter.getTime() > Date.now()) return undefined;
  }
  return { head, planned: planNext(jobs, Date.now(), rule.intervalMs, settings.coalesce, deps.renderer.coalesces) };
}

/** Marks the plan's jobs as in flight under the chat's lease; undefined when the lease is lost. */
async function claimBatch(deps: TurnDeps, settings: TurnSettings, chatId: number, due: DueJobs): Promise<ClaimedBatch | undefined> {
  const { planned } = due;
  const planIds = planned.kind === 'single' ? [planned.job.id] : planned.jobs.map((j) => j.id);
  const payloads = await markInFlight(deps.db, chatId, planIds, settings.workerId, settings.leaseMs);
  const leaseHeldUntil = Date.now() + settings.leaseMs;
  if (!payloads) {
    deps.logger.warn({ chatId }, 'chat lease lost before sending (another worker has it), or the chat was switched off');
    return undefined;
  }
  // Rendered from the rows as marked (their payloads as they are now); nothing changes them
  // while they are in flight.
  const batch = (planned.kind === 'single' ? [planned.job] : planned.jobs)
    .filter((job) => payloads.has(job.id))
    .map((job): PendingJob => ({ ...(job as PendingJob), payload: payloads.get(job.id)! }));
  const plan: SendPlan = planned.kind === 'single' ? { kind: 'single', job: batch[0]! } : { kind: 'digest', jobs: batch };
  return { plan, batch, ids: batch.map((j) => j.id), leaseHeldUntil };
}

/**
 * The message of a claimed batch: null when there is nothing to send, undefined when rendering
 * failed (the batch is retried later, or given up past the retry window).
 */
async function renderBatch(deps: TurnDeps, settings: TurnSettings, chatId: number, claimed: ClaimedBatch): Promise<OutgoingMessage | null | undefined> {
  const { plan } = claimed;
  try {
    return plan.kind === 'single' ? await deps.renderer.render(plan.job) : await deps.renderer.renderDigest(plan.jobs);
  } catch (err) {
    deps.logger.error({ err, chatId, jobIds: claimed.ids }, 'could not render a message; retrying later');
    await retryOrGiveUp(deps, settings, claimed.batch, `render: ${errorText(err)}`);
    return undefined;
  }
}

/** Telegram has the message: the jobs are done (or merged), a refusal episode ends, latency counted. */
async function recordSent(
  deps: TurnDeps,
  chatId: number,
  claimed: ClaimedBatch,
  state: TurnState,
  outcome: Extract<SendOutcome, { ok: true }>,
  fallbackFrom: string | undefined,
): Promise<void> {
  const { db, logger } = deps;
  const { plan, batch, ids } = claimed;
  const notes = [fallbackFrom ? `sent as plain text: ${fallbackFrom}` : '', outcome.withoutMedia ? `sent without its photo or document: ${outcome.withoutMedia}` : ''];
  const note = notes.filter(Boolean).join('; ').slice(0, 300) || null;
  await finishSent(deps, ids, plan.kind === 'single' ? 'done' : 'merged', note, claimed.leaseHeldUntil);
  if (outcome.withoutMedia) logger.info({ chatId, jobIds: ids, reason: outcome.withoutMedia }, 'chat takes no photos or documents from the bot; sent the text alone');
  if (state.refusing) {
    state.refusing = false;
    await deps.chats.sendAccepted(db, chatId).catch((err: unknown) => logger.warn({ err, chatId }, 'could not record that the chat takes messages again'));
  }
  const now = Date.now();
  for (const job of batch) deps.metrics.deliveryLatency.observe({ kind: job.kind }, Math.max(0, now - job.eventAt.getTime()) / 1000);
  if (plan.kind === 'digest') logger.info({ chatId, merged: ids.length }, 'sent a digest of sale alerts');
}

/**
 * Applies what Telegram answered instead of taking the message: retry, wait for the budget,
 * switch the chat off, follow a migration, leave a closed topic, tell the owner of a refusal,
 * or give up. Answers whether the turn goes on with the chat's next message.
 */
async function handleFailure(
  deps: TurnDeps,
  settings: TurnSettings,
  chatId: number,
  claimed: ClaimedBatch,
  message: OutgoingMessage,
  state: TurnState,
  failure: TelegramFailure,
  headAttempts: number,
): Promise<'continue' | 'stop'> {
  const { db, logger } = deps;
  const { batch, ids } = claimed;
  switch (failure.kind) {
    case 'retryable':
      logger.warn({ chatId, jobIds: ids, reason: failure.reason, attempts: headAttempts + 1 }, 'telegram send failed; retrying later');
      await retryOrGiveUp(deps, settings, batch, failure.reason);
      return 'stop';
    case 'rate_limited':
      // The limits transformer already pushed the chat's budget back by retry_after; the
      // message waits at the head of the chat's queue until then (no backoff of its own).
      await retryJobsLater(db, ids, 0, failure.reason);
      return 'stop';
    case 'chat_gone': {
      const dropped = await deps.chats.chatGone(db, chatId, failure.reason);
      logger.info({ chatId, reason: failure.reason, dropped }, 'chat switched off: bot blocked, kicked or chat gone');
      return 'stop';
    }
    case 'migrated':
      await deps.chats.chatMigrated(db, chatId, failure.newChatId);
      logger.info({ chatId, newChatId: failure.newChatId }, 'group moved to a supergroup; following it');
      deps.wake();
      return 'stop';
    case 'topic_gone': {
      if (message.messageThreadId === undefined) {
        await giveUpRefused(deps, chatId, batch, failure.reason);
        return 'stop';
      }
      // The forum topic was closed or deleted: the chat forgets it and the same messages go to
      // the group's General topic next (rendered again without the topic), at once.
      const forgot = await deps.chats.topicClosed(db, chatId, message.messageThreadId);
      logger.info({ chatId, threadId: message.messageThreadId, reason: failure.reason, forgot }, 'forum topic closed or deleted; posting in General');
      if (!forgot) {
        // The chat's topic had already changed meanwhile: the next try renders with the new one.
        await retryOrGiveUp(deps, settings, batch, failure.reason);
        return 'stop';
      }
      await retryJobsLater(db, ids, 0, failure.reason);
      return 'continue';
    }
    case 'no_rights': {
      // The chat keeps the bot but does not let it send: keep the messages, back off, and tell
      // the owner once per episode.
      const told = state.refusing ? 0 : await deps.chats.sendRefused(db, chatId);
      state.refusing = true;
      if (told > 0) deps.wake();
      logger.warn({ chatId, jobIds: ids, reason: failure.reason, attempts: headAttempts + 1, told }, 'chat refuses the bot\'s messages; retrying later');
      await retryOrGiveUp(deps, settings, batch, failure.reason);
      return 'stop';
    }
    case 'media_forbidden':
    case 'bad_request':
      // Refused twice, as HTML and as plain text: trying again would only be refused again.
      await giveUpRefused(deps, chatId, batch, failure.reason);
      return 'stop';
    default: {
      const unknown: never = failure;
      throw new Error(`unhandled telegram failure ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * Sends the message; when Telegram refuses it (the send core's one fallback rule, needsPlainText:
 * our HTML, our length: a bug), says so loudly and sends its plain text instead, once.
 */
async function sendWithFallback(
  deps: TurnDeps,
  chatId: number,
  message: OutgoingMessage,
  jobIds: number[],
): Promise<{ outcome: SendOutcome; fallbackFrom?: string }> {
  const outcome = await deps.gateway.send(chatId, message, 'html');
  if (outcome.ok || !needsPlainText(outcome.failure)) return { outcome };
  deps.logger.error(
    { chatId, jobIds, reason: outcome.failure.reason },
    'BUG: telegram refused a rendered message; sending its plain text instead',
  );
  return { outcome: await deps.gateway.send(chatId, message, 'plain'), fallbackFrom: outcome.failure.reason };
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
