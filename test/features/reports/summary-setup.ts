import { and, asc, eq, sql } from 'drizzle-orm';
import type { Business } from '../../../src/features/shops/businesses.js';
import type { Database, DatabaseHandle } from '../../../src/platform/db/client.js';
import { queryRows } from '../../../src/platform/db/rows.js';
import { chats, outbox } from '../../../src/platform/db/schema.js';
import { createBusiness } from '../../support/app.js';
import { simpleCheck, storeCheck } from './store-check.js';

/** What daily summaries of `date` left in the outbox, in a stable order. */
export async function summaryJobs(db: Database, date: string) {
  const rows = await db
    .select({ businessId: outbox.businessId, chatId: outbox.chatId, kind: outbox.kind, checkId: outbox.checkId, payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.kind, 'daily_summary'), sql`${outbox.payload}->>'date' = ${date}`))
    .orderBy(asc(outbox.businessId), asc(outbox.chatId), asc(outbox.id));
  return rows;
}

/** The summary claims of `date`. */
export async function summaryClaims(db: Database, date: string) {
  return queryRows<{ slot: string; claimed_by: string }>(
    db,
    sql`select slot, claimed_by from schedule_runs where job = 'daily-summary' and slot like ${`%:${date}`} order by slot`,
  );
}

export interface Shop {
  business: Business;
  /** The chats a summary must reach: the owner's and a muted group (summaries ignore /mute). */
  recipients: number[];
}

let seq = 0;
/**
 * A business with its owner's chat, a muted group and a chat that blocked the bot, and one
 * sale on each of `days` (a Kyiv business day each).
 */
export async function createShop(database: DatabaseHandle, days: string[]): Promise<Shop> {
  const business = await createBusiness(database);
  const group = -1_000_000_000_000 - business.id * 2;
  const gone = group - 1;
  await database.db.insert(chats).values([
    { chatId: group, businessId: business.id, type: 'supergroup', role: 'member', muted: true },
    { chatId: gone, businessId: business.id, type: 'private', role: 'member', active: false },
  ]);
  for (const date of days) {
    await storeCheck(database.db, business, simpleCheck({ uuid: `shop-${business.id}-${++seq}`, date, time: '12:00:00', totalUah: '100' }));
  }
  return { business, recipients: [group, business.ownerUserId].sort((a, b) => a - b) };
}

/** The jobs one summary of `date` to each of `shops` must be, in summaryJobs' order. */
export function expectedJobs(shops: Shop[], date: string) {
  return [...shops]
    .sort((a, b) => a.business.id - b.business.id)
    .flatMap((s) => s.recipients.map((chatId) => ({ businessId: s.business.id, chatId, kind: 'daily_summary', checkId: null, payload: { date } })));
}
