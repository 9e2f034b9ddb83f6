import { and, eq, gt, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { rejectedPayloads } from '../db/schema.js';
import { notifyOwners } from '../delivery/owner-notice.js';

/** The owner hears of rejected bodies at most once in this window (a broken cash desk retries all day). */
export const REJECTED_NOTICE_WINDOW_MS = 60 * 60 * 1000;

/**
 * Keeps a body we could not take, whole, for the owner to inspect; and tells the owner, unless
 * an earlier rejection within the window already did. One transaction. True if a notice was queued.
 */
export async function storeRejected(
  db: Database,
  input: { businessId: number; status: number; problems: string[]; contentType: string | null; body: Buffer },
  now = new Date(),
): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Serialises rejections of one business for the "already told?" question below.
    await tx.execute(sql`select pg_advisory_xact_lock(${REJECTED_LOCK}, ${input.businessId})`);
    const [recent] = await tx
      .select({ id: rejectedPayloads.id })
      .from(rejectedPayloads)
      .where(and(eq(rejectedPayloads.businessId, input.businessId), gt(rejectedPayloads.receivedAt, new Date(now.getTime() - REJECTED_NOTICE_WINDOW_MS))))
      .limit(1);
    await tx.insert(rejectedPayloads).values({ ...input, receivedAt: now });
    if (recent) return false;
    return (await notifyOwners(tx, input.businessId, { key: 'rejected_check', args: { problems: input.problems.length } })) > 0;
  });
}

/** Advisory lock class for rejections (the second key is the business id). */
const REJECTED_LOCK = 727_002;
