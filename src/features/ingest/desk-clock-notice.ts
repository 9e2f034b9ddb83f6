import { and, eq, isNull, lte, or } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { cashDesks } from '../../platform/db/schema.js';
import { notifyOwners } from '../shops/index.js';

/** The owner hears of a cash desk's wrong clock at most once in this window. */
const CLOCK_NOTICE_EVERY_MS = 24 * 60 * 60 * 1000;

/**
 * A check dated more than a day after it arrived (a wrong clock, the watchdog's desk-clock.ts):
 * tells the business's owner, at most once in 24 hours per cash desk. The claim is one
 * conditional UPDATE: a concurrent check of the desk waits for the row and then finds it already
 * claimed. Answers how many owner chats were told (0 when told within the window).
 */
export async function tellWrongClock(
  tx: Executor,
  input: { businessId: number; deskId: number; numFiscal: string; orderedAt: Date; receivedAt: Date },
): Promise<number> {
  const since = new Date(input.receivedAt.getTime() - CLOCK_NOTICE_EVERY_MS);
  const claimed = await tx
    .update(cashDesks)
    .set({ clockNoticeAt: input.receivedAt })
    .where(and(eq(cashDesks.id, input.deskId), or(isNull(cashDesks.clockNoticeAt), lte(cashDesks.clockNoticeAt, since))))
    .returning({ id: cashDesks.id });
  if (claimed.length === 0) return 0;
  return notifyOwners(tx, input.businessId, {
    key: 'desk_clock_wrong',
    args: { numFiscal: input.numFiscal, orderedAt: input.orderedAt.toISOString(), receivedAt: input.receivedAt.toISOString() },
  });
}
