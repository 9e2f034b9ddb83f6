import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.js';
import { queryRows } from '../../platform/db/rows.js';
import { periodSchema } from './period.js';

/** What the Mini App's dashboard shows beside computePeriodFigures: how many checks of every kind a period has. */
const businessId = z.number().int().positive();
const periodInputSchema = periodSchema.and(z.object({ businessId }));

/** Checks of every kind (sales, returns, service, other) in the business days of a period. */
export async function countChecks(db: Executor, input: { businessId: number; from: string; to: string }): Promise<number> {
  const { businessId: id, from, to } = periodInputSchema.parse(input);
  const [row] = await queryRows<{ n: unknown }>(
    db,
    sql`select count(*) as n from checks where business_id = ${id} and business_date between ${from}::date and ${to}::date`,
  );
  return Number(row?.n ?? 0);
}
