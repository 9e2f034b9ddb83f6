import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/client.js';
import { cashDesks } from '../db/schema.js';
import { queryRowsPrepared } from '../db/rows.js';
import type { Business } from '../access/businesses.js';
import type { NormalisedCheck } from '../cashdesk/normalise.js';
import { evaluateCashThresholds } from '../alerts/cash-thresholds.js';
import { enqueueJobs } from '../delivery/enqueue.js';
import type { NewJob } from '../delivery/jobs.js';
import { followsDesk, wantsSaleAlert } from '../settings/chat-settings.js';
import { notifyOwners } from '../notices/owner-notices.js';

export type IngestResult = { status: 'stored'; checkId: number; jobs: number } | { status: 'duplicate'; checkId: number };

/** One check to store, with the business it came for and when it arrived. */
export interface IngestEntry {
  business: Business;
  check: NormalisedCheck;
  receivedAt: Date;
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
export async function ingestChecks(db: Database, entries: IngestEntry[]): Promise<IngestResult[]> {
  if (entries.length === 0) return [];
  return db.transaction(async (tx) => {
    const now = Date.now();
    // The first copy of a uuid within its business in this batch is the one stored.
    const firstOf = new Map<string, number>();
    const unique: number[] = [];
    entries.forEach((e, i) => {
      const key = `${e.business.id}:${e.check.uuid}`;
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
    let pending = unique;
    for (let attempt = 0; pending.length > 0 && attempt < 4; attempt++) {
      const stored = await storeChecks(tx, pending.map((i) => ({ ord: i, ...entries[i]! })));
      for (const [id, state] of stored.desks) if (!desks.has(id)) desks.set(id, state);
      for (const [id, list] of stored.recipients) recipients.set(id, list);
      for (const s of stored.checks) outcome.set(s.ord, s);
      pending = pending.filter((i) => {
        const s = outcome.get(i);
        return !s || (s.checkId === null && s.existingId === null);
      });
    }
    if (pending.length > 0) throw new Error('check neither stored nor found');

    // Decide each stored check's jobs in arrival order, the drawer moving check by check.
    const jobs: NewJob[] = [];
    const jobCounts = new Map<number, number>();
    const clockChecks: number[] = [];
    const movedDesks = new Set<number>();
    for (const i of unique) {
      const s = outcome.get(i)!;
      if (s.checkId === null) continue;
      const { business, check, receivedAt } = entries[i]!;
      const desk = desks.get(s.deskId);
      const decided = decideCheckJobs(business.id, check, receivedAt, s.checkId, s.deskId, recipients.get(business.id) ?? [], desk, now);
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

    return entries.map((e, i): IngestResult => {
      const first = firstOf.get(`${e.business.id}:${e.check.uuid}`)!;
      const s = outcome.get(first)!;
      if (first === i && s.checkId !== null) return { status: 'stored', checkId: s.checkId, jobs: jobCounts.get(i) ?? 0 };
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
}

/** A cash desk's drawer as the alerts see it: its figure's time, the crossing state, the thresholds in force. */
export interface DrawerState {
  cashKop: number | null;
  cashAt: Date | null;
  lowAlerted: boolean;
  highAlerted: boolean;
  lowKop: number;
  highKop: number;
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
): { jobs: NewJob[]; drawer: DrawerState | undefined; datedAhead: boolean } {
  // Each chat's noise control (/settings): muted, cash desks, only returns, minimum amount.
  const jobs: NewJob[] = recipients
    .filter((r) => wantsSaleAlert(r, check))
    .map((r) => ({ businessId, chatId: r.chatId, kind: 'sale', checkId, eventAt: receivedAt }));
  const datedAhead = isDatedAhead(check.orderedAt, receivedAt);
  const cashKop = check.cashInBoxKop;
  if (datedAhead || cashKop === null || !drawer) return { jobs, drawer, datedAhead };

  const aheadOfNow = Math.max(receivedAt.getTime(), now) + CLOCK_AHEAD_TOLERANCE_MS;
  const at = drawer.cashAt?.getTime();
  if (at !== undefined && at > check.orderedAt.getTime() && at <= aheadOfNow) return { jobs, drawer, datedAhead }; // an older check

  const { state, alerts } = evaluateCashThresholds(drawer, { lowKop: drawer.lowKop, highKop: drawer.highKop }, cashKop);
  for (const kind of alerts) {
    for (const r of recipients.filter((c) => followsDesk(c, check.numFiscal))) {
      jobs.push({ businessId, chatId: r.chatId, kind, checkId, payload: { cashDeskId: deskId, cashKop }, eventAt: receivedAt });
    }
  }
  return { jobs, drawer: { ...drawer, ...state, cashKop, cashAt: check.orderedAt }, datedAhead };
}

type StoredCheck = { ord: number; checkId: number; deskId: number; existingId: null } | { ord: number; checkId: null; deskId: null; existingId: number | null };

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const fromJson = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/**
 * ONE statement (data-modifying CTEs) for any number of checks, all passed as one jsonb
 * parameter (so a 10 000-line check needs no chunks under the protocol's 65 535 parameters):
 * finds or creates their cash desks (taking no lock), inserts each check unless its uuid is
 * known in the business, its items, payments and PDF; reads the active chats of the businesses
 * with a new check, and locks and reads the drawer of every desk for which a new check carries
 * a figure, in id order (two batches locking the same desks never wait on each other in a
 * circle). The strings are storable in jsonb (parseCheck's toStorableJson), so items and
 * payments go through it unchanged. The PDF goes as base64 text (4/3 of its size) rather than
 * as a bytea parameter, which postgres.js sends in hex (twice its size).
 */
async function storeChecks(
  tx: Executor,
  batch: Array<IngestEntry & { ord: number }>,
): Promise<{ checks: StoredCheck[]; desks: Map<number, DrawerState>; recipients: Map<number, Recipient[]> }> {
  // Built by hand: one string for the whole batch, the raw payload serialised once.
  const parts = batch.map(({ ord, business, check: c, receivedAt }) =>
    JSON.stringify({
      ord,
      businessId: business.id,
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
      hasPdf: c.pdf !== null,
      receivedAt: receivedAt.toISOString(),
      items: c.items.length > 0 ? c.items : null,
      payments: c.payments.length > 0 ? c.payments : null,
      pdf: c.pdf?.toString('base64') ?? null,
      raw: c.raw,
    }),
  );
  const input = `[${parts.join(',')}]`;
  const [row] = await queryRowsPrepared<{ checks: unknown; desks: unknown; recipients: unknown }>(
    tx,
    'ingest_store',
    sql`with input as (
          select x.* from jsonb_to_recordset(${input}::jsonb) as x("ord" integer, "businessId" bigint, "numFiscal" text, "uuid" text,
                 "checkType" text, "kind" text, "orderNum" text, "fiscalHash" text, "orderedAt" timestamptz, "businessDate" date,
                 "isOffline" boolean, "totalKop" bigint, "roundKop" bigint, "discountKop" bigint, "cashKop" bigint, "cashlessKop" bigint,
                 "cashInBoxKop" bigint, "link" text, "localNumber" bigint, "hasPdf" boolean, "receivedAt" timestamptz,
                 "items" jsonb, "payments" jsonb, "pdf" text, "raw" jsonb)
        ), keys as (
          select distinct "businessId" as business_id, "numFiscal" as num_fiscal from input
        ), desk_found as (
          select d.id, d.business_id, d.num_fiscal from cash_desks d join keys k using (business_id, num_fiscal)
        ), desk_new as (
          insert into cash_desks (business_id, num_fiscal)
          select k.business_id, k.num_fiscal from keys k
           where not exists (select 1 from desk_found f where f.business_id = k.business_id and f.num_fiscal = k.num_fiscal)
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
                 i."cashInBoxKop", i."link", i."localNumber", i."hasPdf", i."raw", i."receivedAt"
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
          select n.id, decode(n."pdf", 'base64') from new_checks n where n."pdf" is not null
        ), drawer_found as (
          select d.id, d.cash_in_box_kop, d.cash_in_box_at, d.low_cash_alerted, d.high_cash_alerted,
                 coalesce(d.low_cash_kop, b.default_low_cash_kop) as low, coalesce(d.high_cash_kop, b.default_high_cash_kop) as high
            from cash_desks d join businesses b on b.id = d.business_id
           where d.id in (select n.cash_desk_id from new_checks n where n."cashInBoxKop" is not null)
           order by d.id
             for no key update of d
        ), drawer_new as (
          select n.id, null::bigint as cash_in_box_kop, null::timestamptz as cash_in_box_at, false as low_cash_alerted, false as high_cash_alerted,
                 coalesce(n.low_cash_kop, b.default_low_cash_kop) as low, coalesce(n.high_cash_kop, b.default_high_cash_kop) as high
            from desk_new n join businesses b on b.id = n.business_id
        )
        select (select coalesce(jsonb_agg(jsonb_build_object('ord', i."ord", 'checkId', n.id, 'deskId', n.cash_desk_id,
                                                             'existingId', (select c.id from checks c where c.business_id = i."businessId" and c.uuid = i."uuid"))), '[]'::jsonb)
                  from input i left join new_checks n on n."ord" = i."ord") as checks,
               (select coalesce(jsonb_agg(jsonb_build_object('id', d.id, 'cashKop', d.cash_in_box_kop, 'cashAt', d.cash_in_box_at,
                                                             'lowAlerted', d.low_cash_alerted, 'highAlerted', d.high_cash_alerted,
                                                             'lowKop', d.low, 'highKop', d.high)), '[]'::jsonb)
                  from (select * from drawer_found union all
                        select * from drawer_new where id in (select n.cash_desk_id from new_checks n where n."cashInBoxKop" is not null)) d) as desks,
               (select coalesce(jsonb_agg(jsonb_build_object('businessId', c.business_id, 'chatId', c.chat_id, 'muted', c.muted,
                                                             'minSaleKop', c.min_sale_kop, 'onlyReturns', c.only_returns,
                                                             'deskFilter', c.desk_filter) order by c.chat_id), '[]'::jsonb)
                  from chats c
                 where c.active and c.business_id in (select n."businessId" from new_checks n)) as recipients`,
  );
  const checks = fromJson<Array<{ ord: number; checkId: unknown; deskId: unknown; existingId: unknown }>>(row?.checks ?? '[]').map(
    (c): StoredCheck =>
      c.checkId == null
        ? { ord: c.ord, checkId: null, deskId: null, existingId: num(c.existingId) }
        : { ord: c.ord, checkId: Number(c.checkId), deskId: Number(c.deskId), existingId: null },
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
    });
  }
  const recipients = new Map<number, Recipient[]>();
  for (const r of fromJson<Array<Recipient & { businessId: unknown }>>(row?.recipients ?? '[]')) {
    const { businessId, ...recipient } = r;
    const list = recipients.get(Number(businessId)) ?? [];
    list.push(recipient);
    recipients.set(Number(businessId), list);
  }
  return { checks, desks, recipients };
}

/** ONE statement: the new state of every drawer the batch moved (their rows are locked already). */
async function writeDrawers(tx: Executor, desks: Array<DrawerState & { id: number }>): Promise<void> {
  if (desks.length === 0) return;
  const rows = JSON.stringify(
    desks.map((d) => ({ id: d.id, cashKop: d.cashKop, cashAt: d.cashAt?.toISOString() ?? null, lowAlerted: d.lowAlerted, highAlerted: d.highAlerted })),
  );
  await queryRowsPrepared(tx, 'ingest_drawers', sql`update cash_desks d
       set cash_in_box_kop = x."cashKop", cash_in_box_at = x."cashAt",
           low_cash_alerted = x."lowAlerted", high_cash_alerted = x."highAlerted"
      from jsonb_to_recordset(${rows}::jsonb) as x("id" bigint, "cashKop" bigint, "cashAt" timestamptz, "lowAlerted" boolean, "highAlerted" boolean)
     where d.id = x."id"`);
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
