import { sql } from 'drizzle-orm';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { Executor } from '../db/client.js';
import { queryRows } from '../db/rows.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { formatAmount, formatQuantity } from '../money/format.js';
import { periodSchema } from '../reports/period.js';
import { localTimeOf } from '../time/business-time.js';
import { CHECK_KINDS, type CheckKind } from '../db/check-kinds.js';

/**
 * /export: a period's checks and their items as CSV for a spreadsheet. UTF-8 with a BOM (so Excel
 * reads Cyrillic), `;` between fields and CRLF between rows (what Excel in a Ukrainian locale
 * expects), money and quantities as decimals with a comma and no thousands separator
 * (`1234,50`), exact from the stored integers. One row per item with its check's fields; a check
 * without items (a service deposit) is one row with the item's fields empty. Checks in the order
 * of their own time.
 */
export const DEFAULT_EXPORT_ROW_LIMIT = 200_000;

export interface ExportRow extends Record<string, unknown> {
  business_date: string;
  ordered_at: unknown;
  num_fiscal: string;
  order_num: string | null;
  uuid: string;
  kind: string;
  total_kop: unknown;
  cash_kop: unknown;
  cashless_kop: unknown;
  check_discount_kop: unknown;
  position: unknown;
  name: string | null;
  code: string | null;
  unit_name: string | null;
  amount_milli: unknown;
  price_kop: unknown;
  cost_kop: unknown;
  discount_kop: unknown;
}

const inputSchema = periodSchema.and(
  z.object({ businessId: z.number().int().positive(), limit: z.number().int().positive().optional() }),
);

/** The rows of a period, at most `limit` + 1 (one more tells that the limit was passed). */
export async function loadExportRows(
  db: Executor,
  input: { businessId: number; from: string; to: string; limit?: number },
): Promise<ExportRow[]> {
  const { businessId, from, to, limit = DEFAULT_EXPORT_ROW_LIMIT } = inputSchema.parse(input);
  return queryRows<ExportRow>(
    db,
    sql`select c.business_date::text as business_date, c.ordered_at, d.num_fiscal, coalesce(c.order_num, c.local_number::text) as order_num, c.uuid, c.kind,
               c.total_kop, c.cash_kop, c.cashless_kop, c.discount_kop as check_discount_kop,
               i.position, i.name, i.code, i.unit_name, i.amount_milli, i.price_kop, i.cost_kop, i.discount_kop
        from checks c
        join cash_desks d on d.id = c.cash_desk_id
        left join check_items i on i.check_id = c.id
        where c.business_id = ${businessId} and c.business_date between ${from}::date and ${to}::date
        order by c.ordered_at, c.id, i.position
        limit ${limit + 1}`,
  );
}

/** `1234,50`: the one money formatter's number without the thousands spaces. */
export const csvMoney = (kop: unknown): string => formatAmount(Number(kop)).replace(/\s/g, '');

/** A text cell a spreadsheet would take for a formula (=, +, -, @) is prefixed with an apostrophe. */
export const csvText = (text: string | null): string => (text === null ? '' : /^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

const isKind = (kind: string): kind is CheckKind => (CHECK_KINDS as readonly string[]).includes(kind);

/** The CSV file's bytes. Pure. */
export function checksCsv(rows: readonly ExportRow[], t: Catalogue, tz: string): Buffer {
  const c = t.exports.columns;
  const header = [
    c.date, c.time, c.cashDesk, c.checkNo, c.uuid, c.kind, c.total, c.cash, c.cashless, c.discount,
    c.position, c.item, c.code, c.unit, c.quantity, c.price, c.cost, c.itemDiscount,
  ];
  const records = rows.map((r) => {
    const hasItem = r.position !== null && r.position !== undefined;
    const [y, m, d] = r.business_date.split('-');
    return [
      `${d}.${m}.${y}`,
      localTimeOf(new Date(r.ordered_at as string | Date), tz),
      csvText(r.num_fiscal),
      csvText(r.order_num),
      r.uuid,
      isKind(r.kind) ? t.kind[r.kind] : r.kind,
      csvMoney(r.total_kop),
      csvMoney(r.cash_kop),
      csvMoney(r.cashless_kop),
      csvMoney(r.check_discount_kop),
      hasItem ? String(Number(r.position)) : '',
      hasItem ? csvText(r.name) : '',
      hasItem ? csvText(r.code) : '',
      hasItem ? csvText(r.unit_name) : '',
      hasItem ? formatQuantity(Number(r.amount_milli)) : '',
      hasItem ? csvMoney(r.price_kop) : '',
      hasItem ? csvMoney(r.cost_kop) : '',
      hasItem ? csvMoney(r.discount_kop) : '',
    ];
  });
  return Buffer.from(stringify([header, ...records], { delimiter: ';', bom: true, record_delimiter: 'windows' }), 'utf8');
}
