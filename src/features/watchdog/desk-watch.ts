import { and, asc, eq, gte, lt, min, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Executor } from '../../platform/db/client.js';
import { queryRows } from '../../platform/db/rows.js';
import { chats, checks } from '../../platform/db/schema.js';
import { enqueueJobs } from '../../platform/outbox/enqueue.js';
import type { NewJob } from '../../platform/outbox/job-kinds.js';
import type { DeskQuietPayload, DeskSellingAgainPayload } from './jobs.js';
import { localDateOf } from '../../platform/time/business-time.js';
import { buildDeskProfile, judgeSilence, profileWindow, type DeskProfile } from './silent-desk.js';
import { wantsWatchdogAlert, type WatchdogKind } from './kinds.js';

/**
 * The periodic look behind "a cash desk went quiet" (the rule: desk-quiet.ts). Every instance
 * runs it every minute; nothing process-local decides anything:
 * 1. profiles: a desk whose profile was not learned for today's local date (or never) gets it
 *    now, at most `maxProfiles` desks a look (its checks of 28 days, read by the
 *    (cash_desk_id, ordered_at) index), so the heavy part runs once a day per desk;
 * 2. the look: per desk with a profile, ONE index probe for its newest check (by the check's own
 *    time, up to CLOCK_SLACK_MS after now), compared with the profile for now's hour;
 * 3. a desk found quiet is claimed with one conditional UPDATE (no silence open yet, and its last
 *    check still the newest) in the transaction that writes the outbox jobs; a desk with an open
 *    silence whose newest check is after it is claimed back ("selling again", with the first
 *    check after the silence) the same way. Two instances looking at once announce each once.
 * "Selling again" thus comes at most one look (a minute) after the check that ends the silence
 * arrived; no change to the webhook's ingest is needed.
 */

/** The watchdog kind a chat switches off to hear neither message. */
export const DESK_QUIET_KIND: WatchdogKind = 'desk_quiet';
/** A check dated up to this after now still counts as the desk's newest (a clock a little fast). */
export const CLOCK_SLACK_MS = 10 * 60_000;
/** Profiles learned per look at most (the rest: the next looks; meanwhile yesterday's holds). */
const MAX_PROFILES_PER_LOOK = 100;

export interface DeskWatchRun {
  /** Profiles learned in this look. */
  profiles: number;
  /** Silences announced ("went quiet"). */
  quiet: number;
  /** Silences ended ("selling again"). */
  sellingAgain: number;
  /** Outbox jobs written. */
  jobs: number;
  /** Desks looked at: those with a check in the learning window, or an open silence. */
  looked: number;
}

const profileSchema = z.array(z.number().int().positive().nullable()).length(7 * 24);

const epochMs = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(Number(value)));

/**
 * Learns (again) the profiles that are not for today's local date yet. Each desk's learning is
 * claimed first, so one instance does it per day: a row due is marked as today's (its old limits
 * hold meanwhile) and a desk without a row gets one with no limits yet, both by statements that
 * skip rows another instance holds; then its checks are read and the limits written. An instance
 * that dies in between leaves yesterday's limits (or none, for a new desk) until the next day.
 */
async function refreshProfiles(db: Database, now: Date, tz: string, maxProfiles: number): Promise<number> {
  const today = localDateOf(now, tz);
  const renewed = await queryRows<{ cash_desk_id: unknown }>(
    db,
    sql`update desk_watch set profile_date = ${today}::date
        where cash_desk_id in (select cash_desk_id from desk_watch where profile_date < ${today}::date
                               order by cash_desk_id limit ${maxProfiles} for update skip locked)
        returning cash_desk_id`,
  );
  const added = await queryRows<{ cash_desk_id: unknown }>(
    db,
    sql`insert into desk_watch (cash_desk_id, business_id, profile_date, profile)
        select d.id, d.business_id, ${today}::date, '[]'::jsonb from cash_desks d
        where not exists (select 1 from desk_watch w where w.cash_desk_id = d.id)
          and exists (select 1 from checks c where c.cash_desk_id = d.id and c.ordered_at >= ${profileWindow(today, tz).from.toISOString()}::timestamptz)
        order by d.id limit ${Math.max(0, maxProfiles - renewed.length)}
        on conflict (cash_desk_id) do nothing
        returning cash_desk_id`,
  );
  const window = profileWindow(today, tz);
  const due = [...renewed, ...added].map((r) => Number(r.cash_desk_id));
  for (const deskId of due) {
    const [first] = await db.select({ at: min(checks.orderedAt) }).from(checks).where(eq(checks.cashDeskId, deskId));
    const times = await db
      .select({ at: checks.orderedAt })
      .from(checks)
      .where(and(eq(checks.cashDeskId, deskId), gte(checks.orderedAt, window.from), lt(checks.orderedAt, window.to)));
    const profile = buildDeskProfile(
      times.map((t) => t.at),
      today,
      tz,
    );
    await db.execute(
      sql`update desk_watch
             set profile = ${JSON.stringify(profile.limits)}::jsonb,
                 first_check_at = ${first?.at ? new Date(first.at).toISOString() : null}::timestamptz
           where cash_desk_id = ${deskId}::bigint and profile_date = ${today}::date`,
    );
  }
  return due.length;
}

interface WatchedDesk {
  deskId: number;
  businessId: number;
  numFiscal: string;
  profile: DeskProfile | null;
  firstCheckAt: Date | null;
  quietCheckId: number | null;
  quietLastCheckAt: Date | null;
  lastCheckId: number | null;
  lastCheckAt: Date | null;
}

/**
 * The desks the look judges: those with a check in the learning window (up to `horizon`), found
 * by one probe of the (cash_desk_id, ordered_at) index each, and those with an open silence (its
 * end is news whenever it comes). A desk with no check in the window has learned no trading hour
 * and cannot be quiet: its newest check is not even looked up. (20 000 desks of one shop that
 * each sent one check long ago cost a probe each, not a look each.)
 */
async function watchedDesks(db: Executor, from: Date, horizon: Date): Promise<WatchedDesk[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select w.cash_desk_id, w.business_id, d.num_fiscal, w.profile, w.profile_date,
               extract(epoch from w.first_check_at) * 1000 as first_ms,
               w.quiet_check_id, extract(epoch from w.quiet_last_check_at) * 1000 as quiet_last_ms,
               last.id as last_id, extract(epoch from last.ordered_at) * 1000 as last_ms
        from desk_watch w
        join cash_desks d on d.id = w.cash_desk_id
        left join lateral (
          select c.id, c.ordered_at from checks c
          where c.cash_desk_id = w.cash_desk_id and c.ordered_at <= ${horizon.toISOString()}::timestamptz
          order by c.ordered_at desc, c.id desc limit 1
        ) last on true
        where w.quiet_check_id is not null
           or exists (select 1 from checks c where c.cash_desk_id = w.cash_desk_id
                         and c.ordered_at >= ${from.toISOString()}::timestamptz and c.ordered_at <= ${horizon.toISOString()}::timestamptz)
        order by w.cash_desk_id`,
  );
  return rows.map((r) => {
    const raw: unknown = typeof r.profile === 'string' ? JSON.parse(r.profile) : r.profile;
    const limits = profileSchema.safeParse(raw);
    const profileDate = r.profile_date instanceof Date ? r.profile_date.toISOString().slice(0, 10) : String(r.profile_date);
    return {
      deskId: Number(r.cash_desk_id),
      businessId: Number(r.business_id),
      numFiscal: String(r.num_fiscal),
      profile: limits.success ? { forDate: profileDate, limits: limits.data } : null,
      firstCheckAt: epochMs(r.first_ms),
      quietCheckId: r.quiet_check_id == null ? null : Number(r.quiet_check_id),
      quietLastCheckAt: epochMs(r.quiet_last_ms),
      lastCheckId: r.last_id == null ? null : Number(r.last_id),
      lastCheckAt: epochMs(r.last_ms),
    };
  });
}

/** The chats told about a desk: active, following it (/desks), the watchdog's desk_quiet not switched off there. */
async function recipients(tx: Executor, businessId: number, numFiscal: string): Promise<number[]> {
  const rows = await tx
    .select({ chatId: chats.chatId, deskFilter: chats.deskFilter, watchdogOff: chats.watchdogOff })
    .from(chats)
    .where(and(eq(chats.businessId, businessId), eq(chats.active, true)))
    .orderBy(asc(chats.chatId));
  return rows.filter((r) => wantsWatchdogAlert(r, DESK_QUIET_KIND, numFiscal)).map((r) => r.chatId);
}

/** Announces the silence unless another look did, or a newer check came meanwhile; answers the jobs written, or null when not claimed. */
async function announceQuiet(
  db: Database,
  desk: WatchedDesk,
  last: { id: number; at: Date },
  now: Date,
  horizon: Date,
  limitMs: number,
): Promise<number | null> {
  const lastCheckAt = last.at;
  return db.transaction(async (tx) => {
    const claimed = await queryRows(
      tx,
      sql`update desk_watch
             set quiet_check_id = ${last.id}::bigint, quiet_last_check_at = ${lastCheckAt.toISOString()}::timestamptz,
                 quiet_alerted_at = ${now.toISOString()}::timestamptz
           where cash_desk_id = ${desk.deskId}::bigint and quiet_check_id is null
             and not exists (select 1 from checks c where c.cash_desk_id = ${desk.deskId}::bigint
                               and c.ordered_at > ${lastCheckAt.toISOString()}::timestamptz
                               and c.ordered_at <= ${horizon.toISOString()}::timestamptz)
       returning cash_desk_id`,
    );
    if (claimed.length === 0) return null;
    const payload: DeskQuietPayload = {
      cashDeskId: desk.deskId,
      numFiscal: desk.numFiscal,
      lastCheckAt: lastCheckAt.toISOString(),
      detectedAt: now.toISOString(),
      limitMinutes: Math.max(1, Math.round(limitMs / 60_000)),
    };
    const jobs: NewJob[] = (await recipients(tx, desk.businessId, desk.numFiscal)).map((chatId) => ({
      businessId: desk.businessId,
      chatId,
      kind: 'desk_quiet',
      checkId: last.id,
      payload: { ...payload },
      eventAt: now,
    }));
    await enqueueJobs(tx, jobs);
    return jobs.length;
  });
}

/** Ends the open silence with its first check afterwards, unless another look did; answers the jobs written, or null when not claimed. */
async function announceSellingAgain(db: Database, desk: WatchedDesk, newest: { id: number; at: Date }, now: Date): Promise<number | null> {
  const since = desk.quietLastCheckAt!;
  return db.transaction(async (tx) => {
    const claimed = await queryRows(
      tx,
      sql`update desk_watch set quiet_check_id = null, quiet_last_check_at = null, quiet_alerted_at = null
           where cash_desk_id = ${desk.deskId}::bigint and quiet_check_id = ${desk.quietCheckId}::bigint
       returning cash_desk_id`,
    );
    if (claimed.length === 0) return null;
    const [first] = await tx
      .select({ id: checks.id, at: checks.orderedAt })
      .from(checks)
      .where(and(eq(checks.cashDeskId, desk.deskId), sql`${checks.orderedAt} > ${since.toISOString()}::timestamptz`))
      .orderBy(asc(checks.orderedAt), asc(checks.id))
      .limit(1);
    const resumed = first ?? newest;
    const payload: DeskSellingAgainPayload = {
      cashDeskId: desk.deskId,
      numFiscal: desk.numFiscal,
      lastCheckAt: since.toISOString(),
      resumedAt: new Date(resumed.at).toISOString(),
    };
    const jobs: NewJob[] = (await recipients(tx, desk.businessId, desk.numFiscal)).map((chatId) => ({
      businessId: desk.businessId,
      chatId,
      kind: 'desk_selling_again',
      checkId: resumed.id,
      payload: { ...payload },
      eventAt: now,
    }));
    await enqueueJobs(tx, jobs);
    return jobs.length;
  });
}

/** One look (see above): learns due profiles, announces new silences and their ends. */
export async function runDeskWatch(db: Database, input: { now: Date; tz: string; maxProfiles?: number }): Promise<DeskWatchRun> {
  const { now, tz } = input;
  const run: DeskWatchRun = { profiles: 0, quiet: 0, sellingAgain: 0, jobs: 0, looked: 0 };
  run.profiles = await refreshProfiles(db, now, tz, input.maxProfiles ?? MAX_PROFILES_PER_LOOK);
  const horizon = new Date(now.getTime() + CLOCK_SLACK_MS);
  const desks = await watchedDesks(db, profileWindow(localDateOf(now, tz), tz).from, horizon);
  run.looked = desks.length;
  for (const desk of desks) {
    if (desk.lastCheckAt === null || desk.lastCheckId === null) continue;
    const last = { id: desk.lastCheckId, at: desk.lastCheckAt };
    if (desk.quietCheckId !== null) {
      if (desk.quietLastCheckAt === null || last.at.getTime() <= desk.quietLastCheckAt.getTime()) continue;
      const jobs = await announceSellingAgain(db, desk, last, now);
      if (jobs !== null) {
        run.sellingAgain++;
        run.jobs += jobs;
      }
      continue;
    }
    const verdict = judgeSilence(desk, now, tz);
    if (!verdict.quiet) continue;
    const jobs = await announceQuiet(db, desk, last, now, horizon, verdict.limitMs);
    if (jobs !== null) {
      run.quiet++;
      run.jobs += jobs;
    }
  }
  return run;
}
