import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.js';
import { queryRows } from '../../platform/db/rows.js';
import { CHECK_KINDS, type CheckKind } from '../../platform/db/check-kinds.js';
import { toScaledInteger } from '../../platform/money/decimal.js';

/**
 * The Mini App's check list: a business's checks newest first (by the check's own time, then
 * id), a page at a time with a keyset cursor, optionally narrowed to a cash desk, a kind and a
 * search text. The text matches
 * - a check number: CashDesk's ORDERNUM by prefix, or the local number exactly;
 * - an amount ("148,60", "148.60", "148"): the check's total equals it;
 * - a product name: any of its lines contains it, case-insensitively;
 * - a uuid, exactly.
 * Each kind of match is its own query with its own index (checks (business_id, ordered_at, id),
 * (business_id, order_num text_pattern_ops), (business_id, total_kop, ordered_at, id); product
 * names: see productPage), each cut at the page size; the pages are merged here.
 */
export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 30;

/** A product name is searched from this many characters (shorter: a number or an amount only). */
export const MIN_PRODUCT_CHARS = 3;

/** Digits (with spaces, points, commas): a check number or an amount. */
export const isNumberLike = (text: string): boolean => /^[\d\s.,]+$/.test(text);

/** The largest instant a cursor may name (9999-12-31T23:59:59.999999Z in microseconds) and the largest bigint id. */
const MAX_CURSOR_MICROS = 253_402_300_799_999_999n;
const MAX_ID = 9_223_372_036_854_775_807n;

/** `before` as the previous page gave it: "<microseconds since the epoch>.<check id>", each in its column's range. */
export const checkCursorSchema = z
  .string()
  .regex(/^\d{1,18}\.\d{1,19}$/, 'not a cursor from a previous page')
  .refine((s) => {
    // zod runs this even when the pattern failed: only digits reach BigInt.
    const parts = /^(\d{1,18})\.(\d{1,19})$/.exec(s);
    if (!parts) return false;
    const [micros, id] = [BigInt(parts[1]!), BigInt(parts[2]!)];
    return micros <= MAX_CURSOR_MICROS && id >= 1n && id <= MAX_ID;
  }, 'not a cursor from a previous page');

const cursorSchema = checkCursorSchema.transform((s) => {
  const [micros, id] = s.split('.');
  return { micros: BigInt(micros!), id: BigInt(id!) };
});

const checkSearchSchema = z.object({
  businessId: z.number().int().positive(),
  q: z.string().trim().max(100).optional(),
  cashDeskId: z.number().int().positive().optional(),
  kind: z.enum(CHECK_KINDS).optional(),
  before: cursorSchema.optional(),
  limit: z.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE),
  /** Tests: a smaller window for the product search's first step. */
  productWindow: z.number().int().positive().optional(),
});
export type CheckSearch = z.input<typeof checkSearchSchema>;

export interface FoundCheck {
  id: number;
  uuid: string;
  orderNum: string | null;
  localNumber: number | null;
  kind: CheckKind;
  checkType: string | null;
  cashDeskId: number;
  numFiscal: string;
  orderedAt: Date;
  businessDate: string;
  totalKop: number;
  itemsCount: number;
}

export interface CheckPage {
  checks: FoundCheck[];
  /** Where the next page starts; null when this one is the last. */
  nextCursor: string | null;
}

interface KeyRow extends Record<string, unknown> {
  id: unknown;
  micros: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `%` `_` and `\` taken literally in a LIKE pattern. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** How many of the newest checks past the cursor a product search probes line by line at most. */
const PRODUCT_WINDOW = 5_000;

/**
 * Checks with a line whose name matches `pattern` (ILIKE), newest first, in two steps:
 * 1. the newest checks past the cursor, each probed through its own lines' key, stopping at a
 *    page of hits or after PRODUCT_WINDOW checks: a product in one check of a few hundred is
 *    found without reading every matching line of the year;
 * 2. only when that window holds less than a page (a rare product), or at once for digits and
 *    number-like words, every matching line of this business through the GIN index on
 *    (business_id, name gin_trgm_ops): few, for those, and never another shop's.
 */
async function productPage(db: Executor, businessId: number, where: SQL, text: string, limit: number, window = PRODUCT_WINDOW): Promise<KeyRow[]> {
  const pattern = `%${likeLiteral(text)}%`;
  // Digits only, or one word with three digits in a row (a check number, a barcode): their
  // trigrams are rare, so the index answers at once.
  if (!/^[\d\s.,]+$/.test(text) && !/^\S*\d{3}\S*$/.test(text)) {
    // The subquery keeps its order, so the outer LIMIT stops the probing at a page of hits.
    const hits = await queryRows<KeyRow>(
      db,
      sql`select w.id, (extract(epoch from w.ordered_at) * 1000000)::bigint as micros
          from (select c.id, c.ordered_at from checks c where ${where}
                order by c.ordered_at desc, c.id desc limit ${window}) w
          where coalesce((select true from check_items i where i.check_id = w.id and i.name ilike ${pattern} limit 1), false)
          order by w.ordered_at desc, w.id desc
          limit ${limit + 1}`,
    );
    if (hits.length > limit) return hits;
    const [seen] = await queryRows<{ n: unknown }>(
      db,
      sql`select count(*) as n from (select 1 from checks c where ${where} limit ${window}) w`,
    );
    // The window held every check past the cursor: these are all the hits.
    if (Number(seen?.n ?? 0) < window) return hits;
  }
  // This business's matching lines first (the GIN index on business and name: another shop's
  // lines are never read; the id goes as bigint, the index's own type, or the planner could only
  // filter by it after reading every shop's matching lines), then their checks by primary key:
  // never a walk over every check of the business probing each one's lines, which the planner
  // may pick for a name with no hits here (seconds at a million checks).
  return queryRows<KeyRow>(
    db,
    sql`with lines as materialized (select distinct i.check_id from check_items i where i.business_id = ${businessId}::bigint and i.name ilike ${pattern})
        select c.id, (extract(epoch from c.ordered_at) * 1000000)::bigint as micros
        from lines l join checks c on c.id = l.check_id
        where ${where}
        order by c.ordered_at desc, c.id desc
        limit ${limit + 1}`,
  );
}

export async function searchChecks(db: Executor, input: CheckSearch): Promise<CheckPage> {
  const { businessId, q, cashDeskId, kind, before, limit, productWindow } = checkSearchSchema.parse(input);
  const common: SQL[] = [sql`c.business_id = ${businessId}`];
  if (cashDeskId !== undefined) common.push(sql`c.cash_desk_id = ${cashDeskId}`);
  if (kind !== undefined) common.push(sql`c.kind = ${kind}`);
  if (before) {
    common.push(
      sql`(c.ordered_at, c.id) < (timestamptz 'epoch' + ${before.micros.toString()}::bigint * interval '1 microsecond', ${before.id.toString()}::bigint)`,
    );
  }

  // One query per kind of match; with no text, the plain list.
  const matches: SQL[] = [];
  const text = q ?? '';
  if (text === '') {
    matches.push(sql`true`);
  } else {
    matches.push(sql`c.order_num like ${likeLiteral(text) + '%'}`);
    if (/^\d{1,18}$/.test(text)) matches.push(sql`c.order_num is null and c.local_number = ${text}::bigint`);
    const amount = /^\d{1,12}([.,]\d{1,2})?$/.test(text) ? toScaledInteger(text, 2) : undefined;
    if (amount !== undefined) matches.push(sql`c.total_kop = ${amount}`);
    // A return counts by its absolute amount (platform/db/check-kinds.ts): one sent negative is found too.
    if (amount !== undefined && amount > 0) matches.push(sql`c.total_kop = ${-amount} and c.kind = 'return'`);
    if (UUID.test(text)) matches.push(sql`c.uuid = ${text}`);
  }

  const where = sql.join(common, sql` and `);
  const pageOf = (match: SQL) =>
    queryRows<KeyRow>(
      db,
      sql`select c.id, (extract(epoch from c.ordered_at) * 1000000)::bigint as micros
          from checks c
          where ${where} and ${match}
          order by c.ordered_at desc, c.id desc
          limit ${limit + 1}`,
    );
  const searches: Array<Promise<KeyRow[]>> = matches.map(pageOf);
  if (text.length >= MIN_PRODUCT_CHARS) searches.push(productPage(db, businessId, where, text, limit, productWindow));
  const pages = await Promise.all(searches);

  // Merge: newest first, each check once.
  const keys = new Map<string, { id: bigint; micros: bigint }>();
  for (const page of pages) {
    for (const r of page) keys.set(String(r.id), { id: BigInt(String(r.id)), micros: BigInt(String(r.micros)) });
  }
  const sorted = [...keys.values()].sort((a, b) => (a.micros !== b.micros ? (a.micros > b.micros ? -1 : 1) : a.id > b.id ? -1 : a.id < b.id ? 1 : 0));
  const page = sorted.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = sorted.length > limit && last ? `${last.micros}.${last.id}` : null;
  if (page.length === 0) return { checks: [], nextCursor: null };

  const ids = page.map((k) => k.id.toString());
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select c.id, c.uuid, c.order_num, c.local_number, c.kind, c.check_type, c.cash_desk_id, d.num_fiscal,
               c.ordered_at, c.business_date::text as business_date, c.total_kop,
               (select count(*) from check_items i where i.check_id = c.id) as items_count
        from checks c join cash_desks d on d.id = c.cash_desk_id
        where c.business_id = ${businessId} and c.id in (${sql.join(ids.map((id) => sql`${id}::bigint`), sql`, `)})`,
  );
  const byId = new Map(rows.map((r) => [String(r.id), r]));
  const checks: FoundCheck[] = [];
  for (const id of ids) {
    const r = byId.get(id);
    if (!r) continue;
    checks.push({
      id: Number(r.id),
      uuid: String(r.uuid),
      orderNum: typeof r.order_num === 'string' ? r.order_num : null,
      localNumber: r.local_number === null || r.local_number === undefined ? null : Number(r.local_number),
      kind: r.kind as CheckKind,
      checkType: typeof r.check_type === 'string' ? r.check_type : null,
      cashDeskId: Number(r.cash_desk_id),
      numFiscal: String(r.num_fiscal),
      orderedAt: r.ordered_at instanceof Date ? r.ordered_at : new Date(String(r.ordered_at)),
      businessDate: String(r.business_date),
      totalKop: Number(r.total_kop),
      itemsCount: Number(r.items_count),
    });
  }
  return { checks, nextCursor };
}

/** What the check list does not carry but its detail shows; undefined for another business's check. */
export async function loadCheckPlace(
  db: Executor,
  businessId: number,
  checkId: number,
): Promise<{ cashDeskId: number; businessDate: string; cashInBoxKop: number | null } | undefined> {
  const [row] = await queryRows<{ cash_desk_id: unknown; business_date: string; cash_in_box_kop: unknown }>(
    db,
    sql`select cash_desk_id, business_date::text as business_date, cash_in_box_kop from checks where business_id = ${businessId} and id = ${checkId}`,
  );
  if (!row) return undefined;
  return {
    cashDeskId: Number(row.cash_desk_id),
    businessDate: String(row.business_date),
    cashInBoxKop: row.cash_in_box_kop === null || row.cash_in_box_kop === undefined ? null : Number(row.cash_in_box_kop),
  };
}
