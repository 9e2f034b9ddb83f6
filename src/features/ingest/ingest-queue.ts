import type { Database } from '../../platform/db/client.js';
import { sqlState } from '../../platform/db/errors.js';
import type { Business } from '../shops/index.js';
import type { NormalisedCheck } from './normalise.js';
import { ingestWithTokens, type IngestEntry, type IngestOutcome } from './ingest.js';
import { PDF_SLOTS } from './pdf-chunks.js';

/**
 * Group commit for the webhook: checks that arrive while a batch is being stored wait, and when
 * it ends, everything waiting (up to `maxBatch`) goes to the database as the next batch, in ONE
 * transaction with the statements of one check (ingestChecks). Nothing waits for a timer: a
 * check that finds the queue idle is stored once the event loop has taken in what else has
 * arrived (setImmediate: the requests read in the same turn go with it), so they are not stored
 * one batch each. Each
 * caller is answered after its batch is committed, so a 200 still means "committed".
 * A batch the database refuses (a check it cannot take, a deadlock, a serialisation failure)
 * is retried one check at a time, in arrival order, so one bad check fails only itself and each
 * caller gets its own check's outcome. When the database does not answer at all (an outage),
 * every check of the batch fails at once: trying them one by one would only multiply the wait.
 */
export interface IngestQueue {
  /** `tokenHash`: the hash of the token the check came with (see IngestEntry). */
  ingest(business: Business, check: NormalisedCheck, options?: { receivedAt?: Date; tokenHash?: string }): Promise<IngestOutcome>;
  /** Checks waiting or being stored now. */
  readonly pending: number;
}

export interface IngestQueueOptions {
  /** Most checks in one transaction (default 64). */
  maxBatch?: number;
  /** Batches stored at once, each on its own connection (default 1). */
  maxInFlight?: number;
  /** Called with each batch's size before it is stored (metrics, tests). */
  onBatch?: (size: number) => void;
  /** A shop's most cash desks (MAX_CASH_DESKS_PER_SHOP; default DEFAULT_MAX_CASH_DESKS). */
  maxCashDesks?: number;
}

interface Waiting {
  entry: IngestEntry;
  resolve: (result: IngestOutcome) => void;
  reject: (err: unknown) => void;
}

export function createIngestQueue(db: Database, options: IngestQueueOptions = {}): IngestQueue {
  const maxBatch = options.maxBatch ?? PDF_SLOTS;
  const maxInFlight = options.maxInFlight ?? 1;
  const ingestOptions = options.maxCashDesks === undefined ? {} : { maxCashDesks: options.maxCashDesks };
  const waiting: Waiting[] = [];
  let inFlight = 0;
  let storing = 0;
  let pumpQueued = false;

  /** pump, once the event loop has taken in the requests that arrived with this one. */
  function pumpSoon(): void {
    if (pumpQueued) return;
    pumpQueued = true;
    setImmediate(() => {
      pumpQueued = false;
      pump();
    });
  }

  function pump(): void {
    while (inFlight < maxInFlight && waiting.length > 0) {
      const batch = waiting.splice(0, maxBatch);
      inFlight++;
      storing += batch.length;
      void store(batch).finally(() => {
        inFlight--;
        storing -= batch.length;
        pump();
      });
    }
  }

  async function store(batch: Waiting[]): Promise<void> {
    options.onBatch?.(batch.length);
    let results: IngestOutcome[];
    try {
      results = await ingestWithTokens(db, batch.map((w) => w.entry), ingestOptions);
    } catch (err) {
      if (batch.length === 1 || sqlState(err) === undefined) {
        for (const w of batch) w.reject(err);
        return;
      }
      for (const w of batch) {
        try {
          const [result] = await ingestWithTokens(db, [w.entry], ingestOptions);
          w.resolve(result!);
        } catch (own) {
          w.reject(own);
        }
      }
      return;
    }
    batch.forEach((w, i) => w.resolve(results[i]!));
  }

  return {
    ingest(business, check, options = {}) {
      const entry: IngestEntry = { business, check, receivedAt: options.receivedAt ?? new Date() };
      if (options.tokenHash !== undefined) entry.tokenHash = options.tokenHash;
      return new Promise<IngestOutcome>((resolve, reject) => {
        waiting.push({ entry, resolve, reject });
        pumpSoon();
      });
    },
    get pending() {
      return waiting.length + storing;
    },
  };
}
