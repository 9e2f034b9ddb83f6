import { createHash } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client.js';
import { rejectedPayloadDays, rejectedPayloads } from '../../platform/db/schema.js';
import { daysBefore, deleteInBatches, type PruneTask } from '../../platform/schedules/housekeeping.js';
import { notifyOwners } from '../shops/index.js';

/** The owner hears of rejected bodies at most once in this window (a broken cash desk retries all day). */
export const REJECTED_NOTICE_WINDOW_MS = 60 * 60 * 1000;
/** How much of a refused body is kept: its beginning, enough to see what the cash desk sent. */
export const REJECTED_BODY_KEEP_BYTES = 64 * 1024;
/** Refused bodies kept per business per (UTC) day; beyond it they are only counted. */
export const REJECTED_BODIES_PER_DAY = 200;
/** Refused bodies (and their daily counts) are deleted after this many days. */
const REJECTED_RETENTION_DAYS = 30;

export interface RejectedInput {
  businessId: number;
  status: number;
  problems: string[];
  contentType: string | null;
  body: Buffer;
  /** False: the owner was told of this refusal another way (a cash desk limit's notice); no notice here. */
  tell?: boolean;
}

export interface RejectedResult {
  /** The body (its beginning) was kept; false when the business's daily cap was reached. */
  kept: boolean;
  /** A notice to the owner was queued. */
  notified: boolean;
}

/**
 * At most the first `max` bytes of `bytes`, never ending inside a UTF-8 character (a body cut in
 * the middle of one would show a broken character when read as text). Bytes, so NULs and any
 * other byte are storable as they came (`bytea`). Pure.
 */
export function bodyBeginning(bytes: Buffer, max = REJECTED_BODY_KEEP_BYTES): Buffer {
  if (bytes.length <= max) return bytes;
  let end = max;
  // bytes[end] is the first byte left out: while it continues a character (10xxxxxx), that
  // character started inside the part kept; leave its beginning out too (at most 3 bytes).
  while (end > 0 && end > max - 4 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

/** The UTC day of an instant, 'YYYY-MM-DD'. */
const utcDay = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Keeps the beginning of a body we could not take (with its size and sha256) for the owner to
 * inspect, unless the business already had REJECTED_BODIES_PER_DAY kept today (then it is only
 * counted); and tells the owner, unless they were told within the window. One transaction.
 */
export async function storeRejected(db: Database, input: RejectedInput, now = new Date()): Promise<RejectedResult> {
  return db.transaction(async (tx) => {
    // Serialises rejections of one business for the "cap reached?" and "already told?" questions below.
    await tx.execute(sql`select pg_advisory_xact_lock(${REJECTED_LOCK}, ${input.businessId})`);
    const day = utcDay(now);
    const [today] = await tx
      .select({ kept: rejectedPayloadDays.kept })
      .from(rejectedPayloadDays)
      .where(and(eq(rejectedPayloadDays.businessId, input.businessId), eq(rejectedPayloadDays.day, day)));
    const [told] = await tx
      .select({ at: rejectedPayloadDays.notifiedAt })
      .from(rejectedPayloadDays)
      .where(and(eq(rejectedPayloadDays.businessId, input.businessId), sql`${rejectedPayloadDays.notifiedAt} is not null`))
      .orderBy(desc(rejectedPayloadDays.notifiedAt))
      .limit(1);

    const kept = (today?.kept ?? 0) < REJECTED_BODIES_PER_DAY;
    if (kept) {
      await tx.insert(rejectedPayloads).values({
        businessId: input.businessId,
        status: input.status,
        problems: input.problems,
        contentType: input.contentType,
        body: bodyBeginning(input.body),
        bodySize: input.body.length,
        bodySha256: createHash('sha256').update(input.body).digest('hex'),
        receivedAt: now,
      });
    }
    const tell = input.tell !== false && (!told?.at || told.at.getTime() <= now.getTime() - REJECTED_NOTICE_WINDOW_MS);
    await tx
      .insert(rejectedPayloadDays)
      .values({ businessId: input.businessId, day, kept: kept ? 1 : 0, dropped: kept ? 0 : 1, notifiedAt: tell ? now : null })
      .onConflictDoUpdate({
        target: [rejectedPayloadDays.businessId, rejectedPayloadDays.day],
        set: {
          kept: sql`${rejectedPayloadDays.kept} + ${kept ? 1 : 0}`,
          dropped: sql`${rejectedPayloadDays.dropped} + ${kept ? 0 : 1}`,
          ...(tell ? { notifiedAt: now } : {}),
        },
      });
    if (!tell) return { kept, notified: false };
    const args = kept ? { problems: input.problems.length } : { problems: input.problems.length, kept: false, cap: REJECTED_BODIES_PER_DAY };
    const notified = (await notifyOwners(tx, input.businessId, { key: 'rejected_check', args })) > 0;
    return { kept, notified };
  });
}

/** Advisory lock class for rejections (the second key is the business id). */
const REJECTED_LOCK = 727_002;

/** The nightly pruning (platform/schedules/housekeeping.ts): refused bodies and their daily counts after REJECTED_RETENTION_DAYS. */
export const rejectedPruning: readonly PruneTask[] = [
  {
    table: 'rejected_payloads',
    prune: (db, now) =>
      deleteInBatches(
        db,
        'rejected_payloads',
        'id',
        sql`select id from rejected_payloads where received_at < ${daysBefore(now, REJECTED_RETENTION_DAYS)}::timestamptz`,
      ),
  },
  {
    table: 'rejected_payload_days',
    prune: (db, now) =>
      deleteInBatches(
        db,
        'rejected_payload_days',
        'ctid',
        sql`select ctid from rejected_payload_days where day < ${daysBefore(now, REJECTED_RETENTION_DAYS).slice(0, 10)}::date`,
      ),
  },
];
