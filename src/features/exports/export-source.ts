import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.js';
import { queryRows } from '../../platform/db/rows.js';
import { periodSchema } from '../reports/index.js';

/**
 * Where a large export reads its rows from, a page at a time, so that a period of any size never
 * sits in memory whole: the period's checks by keyset over (ordered_at, id) through
 * checks_business_ordered_idx, and the items of one page of checks at a time. Also the period's
 * volume per business day, from which the export plans its parts before writing any.
 */
export interface ExportPeriod {
  businessId: number;
  from: string;
  to: string;
}

const exportPeriodSchema = periodSchema.and(z.object({ businessId: z.number().int().positive() }));

export interface ExportCheckRow {
  id: number;
  businessDate: string;
  orderedAt: Date;
  numFiscal: string;
  orderNum: string;
  uuid: string;
  kind: string;
  totalKop: number;
  cashKop: number;
  cashlessKop: number;
  discountKop: number;
  items: number;
}

export interface ExportItemRow {
  checkId: number;
  position: number;
  name: string;
  code: string;
  unitName: string;
  amountMilli: number;
  priceKop: number;
  costKop: number;
  discountKop: number;
}

/** One business day's volume: what the part planner needs, and the longest texts for column widths. */
export interface DayVolume {
  date: string;
  checks: number;
  items: number;
}

export interface PeriodVolume {
  days: DayVolume[];
  /** Longest text per variable-width column over the period (characters). */
  longest: { numFiscal: number; orderNum: number; name: number; code: number; unitName: number };
}

const num = (v: unknown): number => Number(v);

export async function loadPeriodVolume(db: Executor, input: ExportPeriod): Promise<PeriodVolume> {
  const { businessId, from, to } = exportPeriodSchema.parse(input);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select c.business_date::text as date, count(distinct c.id) as checks, count(i.check_id) as items,
               max(length(d.num_fiscal)) as num_fiscal, max(length(coalesce(c.order_num, c.local_number::text))) as order_num,
               max(length(i.name)) as name, max(length(i.code)) as code, max(length(i.unit_name)) as unit_name
        from checks c
        join cash_desks d on d.id = c.cash_desk_id
        left join check_items i on i.check_id = c.id
        where c.business_id = ${businessId} and c.business_date between ${from}::date and ${to}::date
        group by c.business_date
        order by c.business_date`,
  );
  const longest = { numFiscal: 0, orderNum: 0, name: 0, code: 0, unitName: 0 };
  for (const r of rows) {
    longest.numFiscal = Math.max(longest.numFiscal, num(r.num_fiscal ?? 0));
    longest.orderNum = Math.max(longest.orderNum, num(r.order_num ?? 0));
    longest.name = Math.max(longest.name, num(r.name ?? 0));
    longest.code = Math.max(longest.code, num(r.code ?? 0));
    longest.unitName = Math.max(longest.unitName, num(r.unit_name ?? 0));
  }
  return { days: rows.map((r) => ({ date: String(r.date), checks: num(r.checks), items: num(r.items) })), longest };
}

/**
 * The period's checks in the order of their own time, `pageSize` at a time. The keyset starts at
 * the period's first check (found through checks_business_day_idx), so no page scans the
 * business's history before the period.
 */
export async function* checkPages(db: Executor, input: ExportPeriod, pageSize = 500): AsyncGenerator<ExportCheckRow[]> {
  const { businessId, from, to } = exportPeriodSchema.parse(input);
  const [bounds] = await queryRows<{ first_at: string | Date | null; last_at: string | Date | null }>(
    db,
    sql`select min(ordered_at) as first_at, max(ordered_at) as last_at from checks
        where business_id = ${businessId} and business_date between ${from}::date and ${to}::date`,
  );
  if (!bounds?.first_at || !bounds.last_at) return;
  let afterAt = new Date(bounds.first_at).toISOString();
  let afterId = 0;
  const lastAt = new Date(bounds.last_at).toISOString();
  for (;;) {
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select c.id, c.business_date::text as business_date, c.ordered_at, d.num_fiscal,
                 coalesce(c.order_num, c.local_number::text, '') as order_num, c.uuid, c.kind,
                 c.total_kop, c.cash_kop, c.cashless_kop, c.discount_kop,
                 (select count(*) from check_items i where i.check_id = c.id) as items
          from checks c
          join cash_desks d on d.id = c.cash_desk_id
          where c.business_id = ${businessId}
            and (c.ordered_at, c.id) > (${afterAt}::timestamptz, ${afterId}::bigint)
            and c.ordered_at <= ${lastAt}::timestamptz
            and c.business_date between ${from}::date and ${to}::date
          order by c.ordered_at, c.id
          limit ${pageSize}`,
    );
    if (rows.length === 0) return;
    const page = rows.map((r) => ({
      id: num(r.id),
      businessDate: String(r.business_date),
      orderedAt: new Date(r.ordered_at as string | Date),
      numFiscal: String(r.num_fiscal),
      orderNum: String(r.order_num),
      uuid: String(r.uuid),
      kind: String(r.kind),
      totalKop: num(r.total_kop),
      cashKop: num(r.cash_kop),
      cashlessKop: num(r.cashless_kop),
      discountKop: num(r.discount_kop),
      items: num(r.items),
    }));
    yield page;
    if (rows.length < pageSize) return;
    const last = page[page.length - 1]!;
    afterAt = last.orderedAt.toISOString();
    afterId = last.id;
  }
}

/** The items of some checks (one page of checkPages), in their checks' order, then by position. */
export async function itemsOfChecks(db: Executor, checkIds: readonly number[]): Promise<ExportItemRow[]> {
  if (checkIds.length === 0) return [];
  const ids = z.array(z.number().int().positive()).parse(checkIds);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select i.check_id, i.position, i.name, coalesce(i.code, '') as code, coalesce(i.unit_name, '') as unit_name,
               i.amount_milli, i.price_kop, i.cost_kop, i.discount_kop
        from unnest(${`{${ids.join(',')}}`}::bigint[]) with ordinality as k(id, ord)
        join check_items i on i.check_id = k.id
        order by k.ord, i.position`,
  );
  return rows.map((r) => ({
    checkId: num(r.check_id),
    position: num(r.position),
    name: typeof r.name === 'string' ? r.name : '',
    code: String(r.code),
    unitName: String(r.unit_name),
    amountMilli: num(r.amount_milli),
    priceKop: num(r.price_kop),
    costKop: num(r.cost_kop),
    discountKop: num(r.discount_kop ?? 0),
  }));
}

/** A page of checks in their order, each with its items by position (what both file formats write). */
interface ExportPage {
  checks: ExportCheckRow[];
  itemsOf: (checkId: number) => readonly ExportItemRow[];
}

/**
 * The period's checks a page at a time (checkPages) with the items of each page (itemsOfChecks):
 * the one keyset walk the CSV and the XLSX items sheet both read.
 */
export async function* checkPagesWithItems(db: Executor, input: ExportPeriod, pageSize = 500): AsyncGenerator<ExportPage> {
  for await (const checks of checkPages(db, input, pageSize)) {
    const byCheck = new Map<number, ExportItemRow[]>();
    for (const item of await itemsOfChecks(db, checks.filter((c) => c.items > 0).map((c) => c.id))) {
      const list = byCheck.get(item.checkId);
      if (list) list.push(item);
      else byCheck.set(item.checkId, [item]);
    }
    yield { checks, itemsOf: (checkId) => byCheck.get(checkId) ?? [] };
  }
}

/**
 * A turn for the event loop once `sliceMs` of writing is used up: call the answer after each row
 * (counting time, not rows, holds on a quiet machine and a loaded one alike).
 */
export function eventLoopTurns(sliceMs = 10): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart < sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
  };
}
