import type { Database, Executor } from '../../platform/db/client.js';
import { enqueueJobs } from '../../platform/outbox/enqueue.js';
import type { NewJob } from '../../platform/outbox/job-kinds.js';
import { wantsSaleAlert } from '../chat-settings/index.js';
import type { Business } from '../shops/index.js';
import { watchStoredChecks, type WatchdogKind } from '../watchdog/index.js';
import { tellDeskCapOnce } from './desk-cap.js';
import { tellWrongClock } from './desk-clock-notice.js';
import type { NormalisedCheck } from './normalise.js';
import { chunkByPdfs } from './pdf-chunks.js';
import { storeChecks, type StoreEntry } from './store-statement.js';
import type { Recipient, Stored, StoredCheck } from './stored-rows.js';

export type IngestResult =
  | { status: 'stored'; checkId: number; jobs: number; /** Watchdog alerts decided (for the metric, counted after the commit). */ watchdog: WatchdogKind[] }
  | { status: 'duplicate'; checkId: number };

/** What ingest says of a check that came with a token (IngestEntry.tokenHash). */
export type IngestOutcome =
  | IngestResult
  | { /** The business no longer has that token (rotated): nothing stored. */ status: 'revoked' }
  | {
      /** From a new cash desk beyond the shop's limit (IngestOptions.maxCashDesks): nothing stored, the owner told once. */
      status: 'refused';
      problem: string;
      /** Notices queued by this batch for it (0 after the first). */
      jobs: number;
    };

/** A shop's most cash desks unless configured (MAX_CASH_DESKS_PER_SHOP). */
export const DEFAULT_MAX_CASH_DESKS = 200;

export interface IngestOptions {
  /** A check from a new fiscal number of a shop with this many cash desks is refused. */
  maxCashDesks?: number;
}

/** The 422's problem for a check refused for the shop's cash desk limit. */
export const deskCapProblem = (cap: number): string =>
  `num_fiscal: a new cash desk, and the shop has its limit of ${cap} cash desks already (MAX_CASH_DESKS_PER_SHOP)`;

/** One check to store, with the business it came for and when it arrived. */
export interface IngestEntry {
  business: Business;
  check: NormalisedCheck;
  receivedAt: Date;
  /**
   * The hash of the token it came with (the webhook): stored only if the business still has it,
   * checked by the statement that stores it, since the webhook's lookup remembers tokens.
   */
  tokenHash?: string;
}

/**
 * Stores a check with its items, payments and PDF, updates its cash desk, and writes the
 * messages it causes, all in ONE transaction: when this resolves, everything is committed.
 * The same uuid again within the business changes nothing and enqueues nothing.
 */
export async function ingestCheck(db: Database, business: Business, check: NormalisedCheck, receivedAt = new Date()): Promise<IngestResult> {
  const [result] = await ingestChecks(db, [{ business, check, receivedAt }]);
  return result!;
}

/**
 * Stores many checks in ONE transaction with the statements one check would take (group commit,
 * see ingest-queue.ts): one for every check with its desk, items, payments, PDF, recipients and
 * its desk's drawer state (locked), one for the drawers that moved, one for every job. The
 * results come in the entries' order; checks of one cash desk are applied in that order, so the
 * drawer and its alerts see them one after the other exactly as separate transactions would.
 * A uuid twice within one business in the batch is stored once; the second is a duplicate.
 * Throws when anything fails: nothing of the batch is then committed.
 */
export async function ingestChecks(db: Database, entries: Array<Omit<IngestEntry, 'tokenHash'>>, options: IngestOptions = {}): Promise<IngestResult[]> {
  const outcomes = await ingestWithTokens(db, entries, options);
  return outcomes.map((o) => {
    if (o.status === 'revoked') throw new Error('a check without a token cannot be revoked');
    if (o.status === 'refused') throw new Error(o.problem);
    return o;
  });
}

/**
 * ingestChecks for checks that came with a token (the webhook's group commit): a check whose
 * business no longer has its token (IngestEntry.tokenHash) is not stored and comes back revoked.
 */
export async function ingestWithTokens(db: Database, entries: IngestEntry[], options: IngestOptions = {}): Promise<IngestOutcome[]> {
  if (entries.length === 0) return [];
  const maxCashDesks = options.maxCashDesks ?? DEFAULT_MAX_CASH_DESKS;
  return db.transaction(async (tx) => {
    const now = Date.now();
    // The first copy of a uuid within its business in this batch is the one stored.
    const firstOf = new Map<string, number>();
    const unique: number[] = [];
    entries.forEach((e, i) => {
      // (With the token: a copy that came with a rotated token must not hide one that did not.)
      const key = `${e.business.id}:${e.tokenHash ?? ''}:${e.check.uuid}`;
      if (!firstOf.has(key)) {
        firstOf.set(key, i);
        unique.push(i);
      }
    });

    // One statement stores them all. In a race (a concurrent first check of the same new desk,
    // or of the same uuid, or a concurrent new desk of the same shop that took the same place
    // under its cash desk limit) a check may find neither a new nor an existing row; the waiting
    // it did means the rival is committed now, so once more sees it (and counts its desks).
    const outcome = new Map<number, StoredCheck>();
    const desks: Stored['desks'] = new Map();
    const recipients = new Map<number, Recipient[]>();
    const thresholds: Stored['thresholds'] = new Map();
    let pending = unique;
    for (let attempt = 0; pending.length > 0 && attempt < 4; attempt++) {
      const stored = await storeInChunks(tx, pending.map((i) => ({ ord: i, ...entries[i]! })), maxCashDesks);
      for (const [id, state] of stored.desks) if (!desks.has(id)) desks.set(id, state);
      for (const [id, list] of stored.recipients) recipients.set(id, list);
      for (const [id, t] of stored.thresholds) thresholds.set(id, t);
      for (const s of stored.checks) outcome.set(s.ord, s);
      pending = pending.filter((i) => {
        const s = outcome.get(i);
        return !s || (s.checkId === null && s.existingId === null && !s.revoked && !s.overCap);
      });
    }
    if (pending.length > 0) throw new Error('check neither stored nor found');

    // The checks stored, in arrival order: the watchdog's statements, its decisions and the
    // drawers they move (features/watchdog), each check's sale alerts before its own alerts.
    const stored = unique.flatMap((i) => {
      const s = outcome.get(i)!;
      return s.checkId === null ? [] : [{ i, s, ...entries[i]! }];
    });
    const watched = await watchStoredChecks(tx, {
      checks: stored.map(({ s, business, check, receivedAt }) => ({ businessId: business.id, check, receivedAt, checkId: s.checkId, deskId: s.deskId, episodeAt: s.episodeAt })),
      drawers: desks,
      recipients,
      thresholds,
      now,
    });
    const jobs: NewJob[] = [];
    const jobCounts = new Map<number, number>();
    const watchdogOf = new Map<number, WatchdogKind[]>();
    stored.forEach(({ i, s, business, check, receivedAt }, k) => {
      const decided = watched[k]!;
      const own = [...saleJobs(business.id, check, receivedAt, s.checkId, recipients.get(business.id) ?? []), ...decided.jobs];
      jobs.push(...own);
      jobCounts.set(i, own.length);
      watchdogOf.set(i, decided.watchdog);
    });

    // The jobs come after the drawers (the watchdog's last statement), under their row locks
    // (taken by the store statement) that last until the commit: checks of one cash desk get
    // their outbox ids in the order they commit, and the worker, which sends by id, never sends
    // a later check's alert before an earlier one's that was not yet visible.
    await enqueueJobs(tx, jobs);

    // A check refused for the shop's cash desk limit: the owner hears of it once (desk-cap.ts).
    const refusedJobs = new Map<number, number>();
    for (const i of unique) {
      const s = outcome.get(i)!;
      if (s.checkId !== null || !s.overCap || s.existingId !== null) continue;
      const { business, check } = entries[i]!;
      refusedJobs.set(i, await tellDeskCapOnce(tx, { businessId: business.id, cap: maxCashDesks, numFiscal: check.numFiscal }));
    }

    // ... and the owner hears of a wrong clock, once in 24 hours per cash desk, after the check's own alert.
    for (const [k, { i, s, business, check, receivedAt }] of stored.entries()) {
      if (!watched[k]!.datedAhead) continue;
      const notices = await tellWrongClock(tx, { businessId: business.id, deskId: s.deskId, numFiscal: check.numFiscal, orderedAt: check.orderedAt, receivedAt });
      jobCounts.set(i, (jobCounts.get(i) ?? 0) + notices);
    }

    return entries.map((e, i): IngestOutcome => {
      const first = firstOf.get(`${e.business.id}:${e.tokenHash ?? ''}:${e.check.uuid}`)!;
      const s = outcome.get(first)!;
      if (s.revoked) return { status: 'revoked' };
      if (s.checkId === null && s.existingId === null && s.overCap) {
        return { status: 'refused', problem: deskCapProblem(maxCashDesks), jobs: first === i ? (refusedJobs.get(i) ?? 0) : 0 };
      }
      if (first === i && s.checkId !== null) return { status: 'stored', checkId: s.checkId, jobs: jobCounts.get(i) ?? 0, watchdog: watchdogOf.get(i) ?? [] };
      return { status: 'duplicate', checkId: (s.checkId ?? s.existingId)! };
    });
  });
}

/** A stored check's sale alerts: each chat's noise control (/settings): muted, cash desks, only returns, minimum amount. */
function saleJobs(businessId: number, check: NormalisedCheck, receivedAt: Date, checkId: number, recipients: readonly Recipient[]): NewJob[] {
  return recipients.filter((r) => wantsSaleAlert(r, check)).map((r): NewJob => ({ businessId, chatId: r.chatId, kind: 'sale', checkId, eventAt: receivedAt }));
}

/** storeChecks for a batch with any number of PDFs: one statement per PDF_SLOTS of them (pdf-chunks.ts). */
async function storeInChunks(tx: Executor, batch: StoreEntry[], maxDesks: number): Promise<Stored> {
  const chunks = chunkByPdfs(batch);
  if (chunks.length === 1) return storeChecks(tx, batch, maxDesks);
  const all: Stored = { checks: [], desks: new Map(), recipients: new Map(), thresholds: new Map() };
  for (const chunk of chunks) {
    const stored = await storeChecks(tx, chunk, maxDesks);
    all.checks.push(...stored.checks);
    // A desk's drawer as it was before the batch: the first chunk to read it.
    for (const [id, state] of stored.desks) if (!all.desks.has(id)) all.desks.set(id, state);
    for (const [id, list] of stored.recipients) all.recipients.set(id, list);
    for (const [id, t] of stored.thresholds) all.thresholds.set(id, t);
  }
  return all;
}
