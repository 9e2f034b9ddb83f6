import type { Executor } from '../../platform/db/client.js';
import type { NewJob } from '../../platform/outbox/job-kinds.js';
import { decideCheckJobs, NO_THRESHOLDS, type DrawerCheck, type DrawerState } from './drawer.js';
import { writeDrawers } from './drawer-store.js';
import type { WatchdogKind } from './kinds.js';
import { needsReturnShare, opensOfflineEpisode, type WatchdogFacts, type WatchdogRecipient, type WatchdogThresholds } from './watchdog.js';
import { claimOfflineEpisode, claimReturnShare, closeOfflineEpisode } from './watchdog-store.js';

/** A check ingest has just stored, as the watchdog sees it. */
export interface WatchedCheck {
  businessId: number;
  check: DrawerCheck;
  receivedAt: Date;
  checkId: number;
  deskId: number;
  /** For an online check: when its desk's offline episode opened, if one was open (as the store statement saw it). */
  episodeAt: Date | null;
}

export interface WatchedBatch {
  /** The stored checks, in arrival order. */
  checks: readonly WatchedCheck[];
  /** The drawer of every desk for which a check carries a figure, as it was before the batch, its row locked. */
  drawers: ReadonlyMap<number, DrawerState>;
  /** Each business's active chats, with their desk filters and watchdog switches. */
  recipients: ReadonlyMap<number, readonly WatchdogRecipient[]>;
  /** Each business's watchdog thresholds. */
  thresholds: ReadonlyMap<number, WatchdogThresholds>;
  /** The transaction's moment (ms). */
  now: number;
}

/** What the watchdog decided for one stored check. */
export interface CheckWatched {
  /** Its low/high-cash and watchdog jobs, in the order they are told. */
  jobs: NewJob[];
  /** The watchdog alerts decided (for the metric, counted after the commit). */
  watchdog: WatchdogKind[];
  /** Dated more than a day after it arrived: a wrong clock (desk-clock.ts); the drawer did not move. */
  datedAhead: boolean;
}

/**
 * Everything the watchdog decides about a batch of stored checks, inside ingest's transaction:
 * its rare statements of its own (the day's share of returns for a return in the afternoon, an
 * offline check's episode, and the first online check after an episode, which has it told at
 * once), then each check's jobs in arrival order, the drawer moving check by check (drawer.ts),
 * then ONE statement for the drawers that moved. Episodes opened or closed earlier in this batch
 * are known here; those of earlier transactions, from the store statement (`episodeAt`).
 * Answers in the checks' order; the caller writes the jobs (under the drawers' row locks, so a
 * desk's alerts get outbox ids in the order their checks commit).
 */
export async function watchStoredChecks(tx: Executor, batch: WatchedBatch): Promise<CheckWatched[]> {
  const facts: WatchdogFacts[] = [];
  const episodes = new Map<number, { openedAt: Date; opener?: NonNullable<WatchdogFacts['offlineEpisode']> } | null>();
  for (const { businessId, check, receivedAt, deskId, episodeAt } of batch.checks) {
    const f: WatchdogFacts = {};
    if (needsReturnShare(check)) {
      const share = await claimReturnShare(tx, businessId, check.businessDate);
      if (share) f.returnShare = share;
    }
    if (check.isOffline) {
      const openedAt = await claimOfflineEpisode(tx, deskId, receivedAt);
      if (openedAt) {
        f.offlineEpisode = { cashDeskId: deskId, openedAt };
        episodes.set(deskId, { openedAt, opener: f.offlineEpisode });
      }
    } else {
      const known = episodes.get(deskId);
      const episode = known === undefined ? (episodeAt ? { openedAt: episodeAt } : null) : known;
      if (episode && !opensOfflineEpisode(episode.openedAt, receivedAt)) {
        const chatIds = (batch.recipients.get(businessId) ?? []).map((r) => r.chatId);
        const closed = await closeOfflineEpisode(tx, { businessId, deskId, openedAt: episode.openedAt, closedAt: receivedAt, chatIds });
        // Opened in this batch: its job is not written yet, and is decided with the end known.
        if (closed && episode.opener) episode.opener.closedAt = receivedAt;
      }
      episodes.set(deskId, null);
    }
    facts.push(f);
  }

  const drawers = new Map(batch.drawers);
  const moved = new Set<number>();
  const decided = batch.checks.map(({ businessId, check, receivedAt, checkId, deskId }, i): CheckWatched => {
    const drawer = drawers.get(deskId);
    const watchdog = { thresholds: batch.thresholds.get(businessId) ?? NO_THRESHOLDS, facts: facts[i]! };
    const step = decideCheckJobs(businessId, check, receivedAt, checkId, deskId, batch.recipients.get(businessId) ?? [], drawer, batch.now, watchdog);
    if (drawer && step.drawer !== drawer) {
      drawers.set(deskId, step.drawer!);
      moved.add(deskId);
    }
    return { jobs: step.jobs, watchdog: step.watchdog, datedAhead: step.datedAhead };
  });

  await writeDrawers(tx, [...moved].map((id) => ({ id, ...drawers.get(id)! })));
  return decided;
}
