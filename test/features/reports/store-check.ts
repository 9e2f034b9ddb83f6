import type { Business } from '../../../src/features/shops/businesses.js';
import { parseCheck } from '../../../src/features/ingest/normalise.js';
import { ingestCheck, type IngestResult } from '../../../src/features/ingest/ingest.js';
import type { Database } from '../../../src/platform/db/client.js';

export const KYIV = 'Europe/Kyiv';

/** Stores a CashDesk body the way the webhook does (parse, then the one ingest transaction); `dayStart` is BUSINESS_DAY_START in minutes. */
export async function storeCheck(
  db: Database,
  business: Business,
  body: Record<string, unknown>,
  receivedAt = new Date(),
  dayStart = 0,
): Promise<IngestResult> {
  const parsed = parseCheck(body, KYIV, dayStart);
  if (!parsed.ok) throw new Error(`fixture does not parse: ${parsed.problems.join('; ')}`);
  return ingestCheck(db, business, parsed.check, receivedAt);
}

/** A small CashDesk body: one product, paid in full by `paymentCode` (0 cash). */
export function simpleCheck(input: {
  uuid: string;
  date: string;
  time: string;
  totalUah: string;
  numFiscal?: string;
  checkType?: string;
  paymentCode?: number;
  cashInBox?: string | null;
  productName?: string;
}): Record<string, unknown> {
  return {
    uuid: input.uuid,
    num_fiscal: input.numFiscal ?? '40000001',
    check_type: input.checkType ?? 'Z_SALE',
    ORDERDATE: input.date,
    ORDERTIME: input.time,
    is_offline: false,
    check_data: {
      total_sum: input.totalUah,
      payments: [{ code: input.paymentCode ?? 0, name: 'ГОТІВКА', sum: input.totalUah }],
      products: [{ name: input.productName ?? 'Товар', unit_name: 'шт', amount: 1, price: input.totalUah, cost: input.totalUah }],
      round_sum: 0,
    },
    cash_in_box: input.cashInBox === undefined ? null : input.cashInBox,
  };
}
