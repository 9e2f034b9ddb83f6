import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/client.js';
import { cashDesks } from '../../platform/db/schema.js';
import { preparedStatement } from '../../platform/db/rows.js';
import type { Business } from '../shops/businesses.js';
import type { NormalisedCheck } from './normalise.js';
import { evaluateCashThresholds } from '../watchdog/cash-thresholds.js';
import { decideWatchdog, needsReturnShare, opensOfflineEpisode, watchdogJobs, type DrawerBefore, type WatchdogFacts, type WatchdogThresholds } from '../watchdog/watchdog.js';
import { claimOfflineEpisode, claimReturnShare, closeOfflineEpisode } from '../watchdog/watchdog-store.js';
import type { WatchdogKind } from '../watchdog/kinds.js';
import { enqueueJobs } from '../../platform/outbox/enqueue.js';
import type { NewJob } from '../../platform/outbox/job-kinds.js';
import { followsDesk, wantsSaleAlert } from '../chat-settings/chat-settings.js';
import { notifyOwners } from '../shops/owner-notices.js';
import { tellDeskCapOnce } from './desk-cap.js';

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
    // or of the same uuid) a check may find neither a new nor an existing row; the waiting it
    // did means the rival is committed now, so once more sees it.
    const outcome = new Map<number, StoredCheck>();
    const desks = new Map<number, DrawerState>();
    const recipients = new Map<number, Recipient[]>();
    const thresholds = new Map<number, WatchdogThresholds>();
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

    // The watchdog's rare statements of its own (src/features/watchdog/watchdog.ts): the day's share of
    // returns for a return in the afternoon, an offline check's episode, and the first online
    // check after an episode, which has it told at once. Episodes opened or closed earlier in
    // this batch are known here; those of earlier transactions, from the store statement.
    const facts = new Map<number, WatchdogFacts>();
    const episodes = new Map<number, { openedAt: Date; opener?: NonNullable<WatchdogFacts['offlineEpisode']> } | null>();
    for (const i of unique) {
      const s = outcome.get(i)!;
      if (s.checkId === null) continue;
      const { business, check, receivedAt } = entries[i]!;
      const f: WatchdogFacts = {};
      if (needsReturnShare(check)) {
        const share = await claimReturnShare(tx, business.id, check.businessDate);
        if (share) f.returnShare = share;
      }
      if (check.isOffline) {
        const openedAt = await claimOfflineEpisode(tx, s.deskId, receivedAt);
        if (openedAt) {
          f.offlineEpisode = { cashDeskId: s.deskId, openedAt };
          episodes.set(s.deskId, { openedAt, opener: f.offlineEpisode });
        }
      } else {
        const known = episodes.get(s.deskId);
        const episode = known === undefined ? (s.episodeAt ? { openedAt: s.episodeAt } : null) : known;
        if (episode && !opensOfflineEpisode(episode.openedAt, receivedAt)) {
          const chatIds = (recipients.get(business.id) ?? []).map((r) => r.chatId);
          const closed = await closeOfflineEpisode(tx, { businessId: business.id, deskId: s.deskId, openedAt: episode.openedAt, closedAt: receivedAt, chatIds });
          // Opened in this batch: its job is not written yet, and is decided with the end known.
          if (closed && episode.opener) episode.opener.closedAt = receivedAt;
        }
        episodes.set(s.deskId, null);
      }
      facts.set(i, f);
    }

    // Decide each stored check's jobs in arrival order, the drawer moving check by check.
    const jobs: NewJob[] = [];
    const jobCounts = new Map<number, number>();
    const watchdogOf = new Map<number, WatchdogKind[]>();
    const clockChecks: number[] = [];
    const movedDesks = new Set<number>();
    for (const i of unique) {
      const s = outcome.get(i)!;
      if (s.checkId === null) continue;
      const { business, check, receivedAt } = entries[i]!;
      const desk = desks.get(s.deskId);
      const watchdog = { thresholds: thresholds.get(business.id) ?? NO_THRESHOLDS, facts: facts.get(i) ?? {} };
      const decided = decideCheckJobs(business.id, check, receivedAt, s.checkId, s.deskId, recipients.get(business.id) ?? [], desk, now, watchdog);
      watchdogOf.set(i, decided.watchdog);
      if (desk && decided.drawer !== desk) {
        desks.set(s.deskId, decided.drawer!);
        movedDesks.add(s.deskId);
      }
      jobs.push(...decided.jobs);
      jobCounts.set(i, decided.jobs.length);
      if (decided.datedAhead) clockChecks.push(i);
    }

    // The drawers last but one: their row locks (taken by the first statement) last until the
    // commit, and the jobs are written under them, so checks of one cash desk get their outbox
    // ids in the order they commit, and the worker, which sends by id, never sends a later
    // check's alert before an earlier one's that was not yet visible.
    await writeDrawers(tx, [...movedDesks].map((id) => ({ id, ...desks.get(id)! })));
    await enqueueJobs(tx, jobs);

    // A check refused for the shop's cash desk limit: the owner hears of it once (features/ingest/desk-cap.ts).
    const refusedJobs = new Map<number, number>();
    for (const i of unique) {
      const s = outcome.get(i)!;
      if (s.checkId !== null || !s.overCap || s.existingId !== null) continue;
      const { business, check } = entries[i]!;
      refusedJobs.set(i, await tellDeskCapOnce(tx, { businessId: business.id, cap: maxCashDesks, numFiscal: check.numFiscal }));
    }

    // ... and the owner hears of a wrong clock, once in 24 hours per cash desk, after the check's own alert.
    for (const i of clockChecks) {
      const { business, check, receivedAt } = entries[i]!;
      const s = outcome.get(i)!;
      if (s.checkId === null || !(await claimClockNotice(tx, s.deskId, receivedAt))) continue;
      const notices = await notifyOwners(tx, business.id, {
        key: 'desk_clock_wrong',
        args: { numFiscal: check.numFiscal, orderedAt: check.orderedAt.toISOString(), receivedAt: receivedAt.toISOString() },
      });
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

/** A chat that may be told about the check, with its noise control. */
interface Recipient {
  chatId: number;
  muted: boolean;
  minSaleKop: number | null;
  onlyReturns: boolean;
  deskFilter: string[] | null;
  watchdogOff: string[];
}

const NO_THRESHOLDS: WatchdogThresholds = { returnKop: null, discountPct: null, withdrawKop: null };

/** A cash desk's drawer as the alerts see it: its figure's time, the crossing state, the thresholds in force. */
export interface DrawerState {
  cashKop: number | null;
  cashAt: Date | null;
  lowAlerted: boolean;
  highAlerted: boolean;
  lowKop: number;
  highKop: number;
  /** The business day a "drawer does not add up" alert was decided for (one a day). */
  mismatchOn: string | null;
}

/**
 * The per-check step, pure: the jobs one stored check causes, given its chats and its desk's
 * drawer just before it (undefined when the check carries no drawer figure: the desk was not
 * locked for it), and the drawer just after it.
 * The drawer follows the newest check by its own time: a late offline check neither overwrites
 * a newer figure nor raises alerts about an old state. A check dated more than a day after it
 * arrived comes from a cash desk with a wrong clock: its money is real (stored, counted on its
 * own date), but it must not become the drawer's "newest" figure, which would freeze the drawer
 * and its alerts until that date. A figure dated more than a day after both this check's
 * arrival and the present moment (left by a desk with a wrong clock before such checks were
 * kept out) is no figure to keep: any current check replaces it. (Both: a check replayed with
 * an old arrival time must not pass for newer than a real figure.)
 * The watchdog's alerts (src/features/watchdog/watchdog.ts) come last, from the business's thresholds, what
 * ingest learned for this check (`watchdog.facts`) and the drawer this check directly follows.
 */
export function decideCheckJobs(
  businessId: number,
  check: NormalisedCheck,
  receivedAt: Date,
  checkId: number,
  deskId: number,
  recipients: Recipient[],
  drawer: DrawerState | undefined,
  now: number,
  watchdog: { thresholds: WatchdogThresholds; facts: WatchdogFacts } = { thresholds: NO_THRESHOLDS, facts: {} },
): { jobs: NewJob[]; drawer: DrawerState | undefined; datedAhead: boolean; watchdog: WatchdogKind[] } {
  // Each chat's noise control (/settings): muted, cash desks, only returns, minimum amount.
  const jobs: NewJob[] = recipients
    .filter((r) => wantsSaleAlert(r, check))
    .map((r) => ({ businessId, chatId: r.chatId, kind: 'sale', checkId, eventAt: receivedAt }));
  const datedAhead = isDatedAhead(check.orderedAt, receivedAt);
  const done = (drawerAfter: DrawerState | undefined, before: DrawerBefore | null) => {
    const alerts = decideWatchdog(check, watchdog.thresholds, before, watchdog.facts);
    jobs.push(...watchdogJobs(alerts, { businessId, checkId, numFiscal: check.numFiscal, eventAt: receivedAt }, recipients));
    const mismatch = alerts.some((a) => a.kind === 'drawer_mismatch');
    return {
      jobs,
      drawer: mismatch && drawerAfter ? { ...drawerAfter, mismatchOn: check.businessDate } : drawerAfter,
      datedAhead,
      watchdog: alerts.map((a) => a.kind),
    };
  };
  const cashKop = check.cashInBoxKop;
  if (datedAhead || cashKop === null || !drawer) return done(drawer, null);

  const aheadOfNow = Math.max(receivedAt.getTime(), now) + CLOCK_AHEAD_TOLERANCE_MS;
  const at = drawer.cashAt?.getTime();
  if (at !== undefined && at > check.orderedAt.getTime() && at <= aheadOfNow) return done(drawer, null); // an older check

  const { state, alerts } = evaluateCashThresholds(drawer, { lowKop: drawer.lowKop, highKop: drawer.highKop }, cashKop);
  for (const kind of alerts) {
    for (const r of recipients.filter((c) => followsDesk(c, check.numFiscal))) {
      jobs.push({ businessId, chatId: r.chatId, kind, checkId, payload: { cashDeskId: deskId, cashKop }, eventAt: receivedAt });
    }
  }
  // The figure this check directly follows (not one left by a wrong clock), for the watchdog.
  const before: DrawerBefore | null = at === undefined || at <= check.orderedAt.getTime() ? { cashInBoxKop: drawer.cashKop, mismatchOn: drawer.mismatchOn } : null;
  return done({ ...drawer, ...state, cashKop, cashAt: check.orderedAt }, before);
}

/** PDF parameters of the store statement: the group commit's batch (ingest-queue.ts) fits in one. */
export const PDF_SLOTS = 64;

type Stored = Awaited<ReturnType<typeof storeChecks>>;

/** storeChecks for a batch with any number of PDFs: one statement per PDF_SLOTS of them. */
async function storeInChunks(tx: Executor, batch: Array<IngestEntry & { ord: number }>, maxDesks: number): Promise<Stored> {
  const chunks: Array<typeof batch> = [[]];
  let pdfs = 0;
  for (const entry of batch) {
    if (entry.check.pdfBase64 !== null && ++pdfs > PDF_SLOTS) {
      chunks.push([]);
      pdfs = 1;
    }
    chunks[chunks.length - 1]!.push(entry);
  }
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

type StoredCheck =
  | {
      ord: number;
      checkId: number;
      deskId: number;
      existingId: null;
      revoked: false;
      /** For an online check: when its desk's offline episode opened, if one was open (as this statement saw it). */
      episodeAt: Date | null;
    }
  | { ord: number; checkId: null; deskId: null; existingId: number | null; revoked: boolean; /** Its new cash desk is beyond the shop's limit. */ overCap: boolean };

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const fromJson = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/** storeChecks' statement: `input` the checks as jsonb, `pdf1`…`pdf64` their PDFs' base64 text. */
const STORE_CHECKS = preparedStatement<Record<string, string | null>>(
  'ingest_store',
  sql`with given as (
          select x.* from jsonb_to_recordset(${sql.placeholder('input')}::jsonb) as x("ord" integer, "businessId" bigint, "tokenHash" text, "numFiscal" text, "uuid" text,
                 "checkType" text, "kind" text, "orderNum" text, "fiscalHash" text, "orderedAt" timestamptz, "businessDate" date,
                 "isOffline" boolean, "totalKop" bigint, "roundKop" bigint, "discountKop" bigint, "cashKop" bigint, "cashlessKop" bigint,
                 "cashInBoxKop" bigint, "link" text, "localNumber" bigint, "receivedAt" timestamptz,
                 "items" jsonb, "payments" jsonb, "pdfSlot" integer, "raw" jsonb)
        ), input as (
          select g.* from given g
           where g."tokenHash" is null or exists (select 1 from businesses b where b.id = g."businessId" and b.webhook_token_hash = g."tokenHash")
        ), pdfs (slot, base64) as (
          values ${sql.join(
            Array.from({ length: PDF_SLOTS }, (_, k) => sql`(${sql.raw(String(k + 1))}, ${sql.placeholder(`pdf${k + 1}`)}::text)`),
            sql`, `,
          )}
        ), keys as (
          select distinct "businessId" as business_id, "numFiscal" as num_fiscal from input
        ), desk_found as (
          select d.id, d.business_id, d.num_fiscal, d.offline_episode_at from cash_desks d join keys k using (business_id, num_fiscal)
        ), keys_new as (
          select k.business_id, k.num_fiscal,
                 row_number() over (partition by k.business_id order by k.num_fiscal)
                   + (select count(*) from cash_desks d where d.business_id = k.business_id) as nth
            from keys k
           where not exists (select 1 from desk_found f where f.business_id = k.business_id and f.num_fiscal = k.num_fiscal)
        ), over_cap as (
          select business_id, num_fiscal from keys_new where nth > ${sql.placeholder('maxDesks')}::bigint
        ), desk_new as (
          insert into cash_desks (business_id, num_fiscal)
          select k.business_id, k.num_fiscal from keys_new k
           where k.nth <= ${sql.placeholder('maxDesks')}::bigint
           order by k.business_id, k.num_fiscal
          on conflict do nothing
          returning id, business_id, num_fiscal, low_cash_kop, high_cash_kop
        ), desk as (
          select id, business_id, num_fiscal from desk_found union all select id, business_id, num_fiscal from desk_new
        ), ins as (
          insert into checks (business_id, cash_desk_id, uuid, check_type, kind, order_num, fiscal_hash, ordered_at,
                              business_date, is_offline, total_kop, round_kop, discount_kop, cash_kop, cashless_kop,
                              cash_in_box_kop, link, local_number, has_pdf, raw, received_at)
          select i."businessId", desk.id, i."uuid", i."checkType", i."kind", i."orderNum", i."fiscalHash", i."orderedAt",
                 i."businessDate", i."isOffline", i."totalKop", i."roundKop", i."discountKop", i."cashKop", i."cashlessKop",
                 i."cashInBoxKop", i."link", i."localNumber", i."pdfSlot" is not null, i."raw", i."receivedAt"
            from input i join desk on desk.business_id = i."businessId" and desk.num_fiscal = i."numFiscal"
           order by i."ord"
          on conflict (business_id, uuid) do nothing
          returning id, business_id, uuid, cash_desk_id
        ), new_checks as (
          select ins.id, ins.cash_desk_id, i.* from ins join input i on i."businessId" = ins.business_id and i."uuid" = ins.uuid
        ), item_rows as (
          insert into check_items (check_id, position, name, code, bar_code, unit_name, amount_milli, price_kop, cost_kop, discount_kop)
          select n.id, x."position", x."name", x."code", x."barCode", x."unitName", x."amountMilli", x."priceKop", x."costKop", x."discountKop"
            from new_checks n, jsonb_to_recordset(n."items") as x("position" integer, "name" text, "code" text, "barCode" text,
                 "unitName" text, "amountMilli" bigint, "priceKop" bigint, "costKop" bigint, "discountKop" bigint)
        ), payment_rows as (
          insert into check_payments (check_id, position, code, name, sum_kop, provided_kop, remains_kop, is_cash)
          select n.id, x."position", x."code", x."name", x."sumKop", x."providedKop", x."remainsKop", x."isCash"
            from new_checks n, jsonb_to_recordset(n."payments") as x("position" integer, "code" integer, "name" text,
                 "sumKop" bigint, "providedKop" bigint, "remainsKop" bigint, "isCash" boolean)
        ), pdf_row as (
          insert into check_pdfs (check_id, pdf)
          select n.id, decode(p.base64, 'base64') from new_checks n join pdfs p on p.slot = n."pdfSlot"
        ), drawer_found as (
          select d.id, d.cash_in_box_kop, d.cash_in_box_at, d.low_cash_alerted, d.high_cash_alerted,
                 coalesce(d.low_cash_kop, b.default_low_cash_kop) as low, coalesce(d.high_cash_kop, b.default_high_cash_kop) as high,
                 d.drawer_mismatch_on::text as mismatch_on
            from cash_desks d join businesses b on b.id = d.business_id
           where d.id in (select n.cash_desk_id from new_checks n where n."cashInBoxKop" is not null)
           order by d.id
             for no key update of d
        ), drawer_new as (
          select n.id, null::bigint as cash_in_box_kop, null::timestamptz as cash_in_box_at, false as low_cash_alerted, false as high_cash_alerted,
                 coalesce(n.low_cash_kop, b.default_low_cash_kop) as low, coalesce(n.high_cash_kop, b.default_high_cash_kop) as high,
                 null::text as mismatch_on
            from desk_new n join businesses b on b.id = n.business_id
        )
        select (select coalesce(jsonb_agg(jsonb_build_object('ord', i."ord", 'checkId', n.id, 'deskId', n.cash_desk_id,
                                                             'existingId', (select c.id from checks c where c.business_id = i."businessId" and c.uuid = i."uuid"),
                                                             'revoked', not exists (select 1 from input v where v."ord" = i."ord"),
                                                             'overCap', exists (select 1 from over_cap o where o.business_id = i."businessId" and o.num_fiscal = i."numFiscal"),
                                                             'episodeAt', case when not n."isOffline" then (select f.offline_episode_at from desk_found f where f.id = n.cash_desk_id) end)), '[]'::jsonb)
                  from given i left join new_checks n on n."ord" = i."ord") as checks,
               (select coalesce(jsonb_agg(jsonb_build_object('id', d.id, 'cashKop', d.cash_in_box_kop, 'cashAt', d.cash_in_box_at,
                                                             'lowAlerted', d.low_cash_alerted, 'highAlerted', d.high_cash_alerted,
                                                             'lowKop', d.low, 'highKop', d.high, 'mismatchOn', d.mismatch_on)), '[]'::jsonb)
                  from (select * from drawer_found union all
                        select * from drawer_new where id in (select n.cash_desk_id from new_checks n where n."cashInBoxKop" is not null)) d) as desks,
               (select coalesce(jsonb_agg(jsonb_build_object('businessId', c.business_id, 'chatId', c.chat_id, 'muted', c.muted,
                                                             'minSaleKop', c.min_sale_kop, 'onlyReturns', c.only_returns,
                                                             'deskFilter', c.desk_filter, 'watchdogOff', c.watchdog_off) order by c.chat_id), '[]'::jsonb)
                  from chats c
                 where c.active and c.business_id in (select n."businessId" from new_checks n)) as recipients,
               (select coalesce(jsonb_agg(jsonb_build_object('businessId', b.id, 'returnKop', b.return_alert_kop,
                                                             'discountPct', b.discount_alert_pct, 'withdrawKop', b.withdraw_alert_kop)), '[]'::jsonb)
                  from businesses b where b.id in (select n."businessId" from new_checks n)) as thresholds`,
);

/**
 * ONE statement (data-modifying CTEs) for any number of checks, all passed as one jsonb
 * parameter (so a 10 000-line check needs no chunks under the protocol's 65 535 parameters):
 * finds or creates their cash desks (taking no lock), inserts each check unless its uuid is
 * known in the business, its items, payments and PDF; reads the active chats of the businesses
 * with a new check, and locks and reads the drawer of every desk for which a new check carries
 * a figure, in id order (two batches locking the same desks never wait on each other in a
 * circle). The strings are storable in jsonb (parseCheck's toStorableJson), so items and
 * payments go through it unchanged. Each PDF goes as its own text parameter, the base64 text
 * CashDesk sent (4/3 of its size; a bytea parameter goes in hex, twice its size), which the
 * database decodes: inside the jsonb it was serialised, copied into one string of megabytes,
 * encoded and parsed again, a third of Node's time per check (README "Performance"). The
 * statement has PDF_SLOTS of them, so its text never varies; more checks with a PDF than that
 * take more than one statement (storeInChunks).
 */
async function storeChecks(
  tx: Executor,
  batch: Array<IngestEntry & { ord: number }>,
  maxDesks: number,
): Promise<{
  checks: StoredCheck[];
  desks: Map<number, DrawerState>;
  recipients: Map<number, Recipient[]>;
  thresholds: Map<number, WatchdogThresholds>;
}> {
  // Built by hand: one string for the whole batch, the raw payload serialised once.
  const values: Record<string, string | null> = {};
  for (let slot = 1; slot <= PDF_SLOTS; slot++) values[`pdf${slot}`] = null;
  values.maxDesks = String(maxDesks);
  let slots = 0;
  const parts = batch.map(({ ord, business, check: c, receivedAt, tokenHash }) => {
    let pdfSlot: number | null = null;
    if (c.pdfBase64 !== null) {
      if (slots === PDF_SLOTS) throw new Error(`more than ${PDF_SLOTS} PDFs in one statement`);
      pdfSlot = ++slots;
      values[`pdf${pdfSlot}`] = c.pdfBase64;
    }
    return JSON.stringify({
      ord,
      businessId: business.id,
      tokenHash: tokenHash ?? null,
      numFiscal: c.numFiscal,
      uuid: c.uuid,
      checkType: c.checkType,
      kind: c.kind,
      orderNum: c.orderNum,
      fiscalHash: c.fiscalHash,
      orderedAt: c.orderedAt.toISOString(),
      businessDate: c.businessDate,
      isOffline: c.isOffline,
      totalKop: c.totalKop,
      roundKop: c.roundKop,
      discountKop: c.discountKop,
      cashKop: c.cashKop,
      cashlessKop: c.cashlessKop,
      cashInBoxKop: c.cashInBoxKop,
      link: c.link,
      localNumber: c.localNumber,
      receivedAt: receivedAt.toISOString(),
      items: c.items.length > 0 ? c.items : null,
      payments: c.payments.length > 0 ? c.payments : null,
      pdfSlot,
      raw: c.raw,
    });
  });
  values.input = `[${parts.join(',')}]`;
  const [row] = await STORE_CHECKS.rows<{ checks: unknown; desks: unknown; recipients: unknown; thresholds: unknown }>(tx, values);
  const checks = fromJson<Array<{ ord: number; checkId: unknown; deskId: unknown; existingId: unknown; revoked: unknown; overCap: unknown; episodeAt: unknown }>>(
    row?.checks ?? '[]',
  ).map(
    (c): StoredCheck =>
      c.checkId == null
        ? {
            ord: c.ord,
            checkId: null,
            deskId: null,
            existingId: c.revoked === true ? null : num(c.existingId),
            revoked: c.revoked === true,
            overCap: c.overCap === true,
          }
        : {
            ord: c.ord,
            checkId: Number(c.checkId),
            deskId: Number(c.deskId),
            existingId: null,
            revoked: false,
            episodeAt: typeof c.episodeAt === 'string' ? new Date(c.episodeAt) : null,
          },
  );
  const desks = new Map<number, DrawerState>();
  for (const d of fromJson<Array<Record<string, unknown>>>(row?.desks ?? '[]')) {
    desks.set(Number(d.id), {
      cashKop: num(d.cashKop),
      cashAt: d.cashAt == null ? null : new Date(d.cashAt as string),
      lowAlerted: d.lowAlerted === true,
      highAlerted: d.highAlerted === true,
      lowKop: Number(d.lowKop),
      highKop: Number(d.highKop),
      mismatchOn: typeof d.mismatchOn === 'string' ? d.mismatchOn : null,
    });
  }
  const recipients = new Map<number, Recipient[]>();
  for (const r of fromJson<Array<Recipient & { businessId: unknown }>>(row?.recipients ?? '[]')) {
    const { businessId, ...recipient } = r;
    const list = recipients.get(Number(businessId)) ?? [];
    list.push(recipient);
    recipients.set(Number(businessId), list);
  }
  const thresholds = new Map<number, WatchdogThresholds>();
  for (const t of fromJson<Array<Record<string, unknown>>>(row?.thresholds ?? '[]')) {
    thresholds.set(Number(t.businessId), { returnKop: num(t.returnKop), discountPct: num(t.discountPct), withdrawKop: num(t.withdrawKop) });
  }
  return { checks, desks, recipients, thresholds };
}

const WRITE_DRAWERS = preparedStatement<{ rows: string }>(
  'ingest_drawers',
  sql`update cash_desks d
       set cash_in_box_kop = x."cashKop", cash_in_box_at = x."cashAt",
           low_cash_alerted = x."lowAlerted", high_cash_alerted = x."highAlerted", drawer_mismatch_on = x."mismatchOn"
      from jsonb_to_recordset(${sql.placeholder('rows')}::jsonb) as x("id" bigint, "cashKop" bigint, "cashAt" timestamptz, "lowAlerted" boolean, "highAlerted" boolean,
                                                  "mismatchOn" date)
     where d.id = x."id"`,
);

/** ONE statement: the new state of every drawer the batch moved (their rows are locked already). */
async function writeDrawers(tx: Executor, desks: Array<DrawerState & { id: number }>): Promise<void> {
  if (desks.length === 0) return;
  const rows = JSON.stringify(
    desks.map((d) => ({
      id: d.id,
      cashKop: d.cashKop,
      cashAt: d.cashAt?.toISOString() ?? null,
      lowAlerted: d.lowAlerted,
      highAlerted: d.highAlerted,
      mismatchOn: d.mismatchOn,
    })),
  );
  await WRITE_DRAWERS.rows(tx, { rows });
}

/** A check dated more than this after its arrival never moves the drawer (a wrong clock). */
export const CLOCK_AHEAD_TOLERANCE_MS = 24 * 60 * 60 * 1000;

export function isDatedAhead(orderedAt: Date, receivedAt: Date): boolean {
  return orderedAt.getTime() > receivedAt.getTime() + CLOCK_AHEAD_TOLERANCE_MS;
}

/**
 * True for the one check that may tell the owner about this desk's clock now: at most once in
 * 24 hours per cash desk. One conditional UPDATE: a concurrent check of the desk waits for the
 * row and then finds it already claimed.
 */
async function claimClockNotice(tx: Executor, deskId: number, receivedAt: Date): Promise<boolean> {
  const since = new Date(receivedAt.getTime() - CLOCK_AHEAD_TOLERANCE_MS);
  const claimed = await tx
    .update(cashDesks)
    .set({ clockNoticeAt: receivedAt })
    .where(and(eq(cashDesks.id, deskId), or(isNull(cashDesks.clockNoticeAt), lte(cashDesks.clockNoticeAt, since))))
    .returning({ id: cashDesks.id });
  return claimed.length > 0;
}
