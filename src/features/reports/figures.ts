import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { countedSql } from '../../platform/db/check-kinds.js';
import type { Executor } from '../../platform/db/client.js';
import { queryRows } from '../../platform/db/rows.js';
import { listCashDesks } from '../shops/index.js';
import type { CashDeskFigures, KindTotals, PeriodFigures, ProductFigures, SummaryFigures } from './figures-types.js';
import { businessDateSchema, periodSchema, weekBefore } from './period.js';

/**
 * The figures of a business over business days, in SQL over checks(business_id, business_date,
 * kind) — the business day is the check's own ORDERDATE/ORDERTIME in BUSINESS_TZ, stored at
 * ingest — so /today, the daily summary and later reports read the same numbers. Sums are
 * bigint/numeric in SQL; the few grouped rows are added up here as integer kopecks.
 *
 * What counts where (every amount as it counts: a return is a return of its absolute amount,
 * whichever sign the till sent — platform/db/check-kinds.ts's countedSql; the stored values stay as sent):
 * - sales / returns: checks of kind `sale` / `return`, by their total (after rounding);
 * - net: sales minus returns;
 * - cash / cashless: what sales were paid (payment code 0 is cash, anything else cashless) minus
 *   what returns paid back, from the per-check split stored at ingest;
 * - rounding: sales' rounding minus returns' rounding;
 * - service deposits / withdrawals: counted apart, in none of the above; `other` checks nowhere;
 * - cash desks: every desk of the business, with its own sales and returns in the period and
 *   its drawer now (cash_in_box of its newest check by the check's own time);
 * - top products: sale lines only (returns are reported as returns), grouped by name and unit,
 *   revenue being the line's cost as CashDesk sent it.
 */

const businessId = z.number().int().positive();
const periodInputSchema = periodSchema.and(z.object({ businessId }));
const summaryInputSchema = z.object({ businessId, date: businessDateSchema, top: z.number().int().min(0).max(100).optional() });

/** How many products the summary lists in each top. */
const SUMMARY_TOP = 5;

interface TotalsRow extends Record<string, unknown> {
  cash_desk_id: unknown;
  kind: string;
  n: unknown;
  total: unknown;
  cash: unknown;
  cashless: unknown;
  round: unknown;
}

interface ProductRow extends Record<string, unknown> {
  name: string;
  unit_name: string | null;
  quantity: unknown;
  revenue: unknown;
}

const zero = (): KindTotals => ({ count: 0, sumKop: 0 });
const add = (into: KindTotals, count: number, sumKop: number) => {
  into.count += count;
  into.sumKop += sumKop;
};
const num = (v: unknown): number => Number(v ?? 0);

export async function computePeriodFigures(
  db: Executor,
  input: { businessId: number; from: string; to: string },
): Promise<PeriodFigures> {
  const { businessId: id, from, to } = periodInputSchema.parse(input);

  const [totals, desks] = await Promise.all([
    queryRows<TotalsRow>(
      db,
      sql`select cash_desk_id, kind, count(*) as n, sum(${countedSql(sql`total_kop`)}) as total, sum(${countedSql(sql`cash_kop`)}) as cash,
                 sum(${countedSql(sql`cashless_kop`)}) as cashless, sum(${countedSql(sql`round_kop`)}) as round
          from checks
          where business_id = ${id} and business_date between ${from}::date and ${to}::date
          group by cash_desk_id, kind`,
    ),
    listCashDesks(db, id),
  ]);

  const figures: PeriodFigures = {
    businessId: id,
    from,
    to,
    sales: zero(),
    returns: zero(),
    netKop: 0,
    cashKop: 0,
    cashlessKop: 0,
    averageCheckKop: 0,
    roundingKop: 0,
    serviceIn: zero(),
    serviceOut: zero(),
    cashDesks: [],
  };
  const byDesk = new Map<number, CashDeskFigures>();
  for (const d of desks) {
    const desk: CashDeskFigures = {
      cashDeskId: d.id,
      numFiscal: d.numFiscal,
      sales: zero(),
      returns: zero(),
      cashInBoxKop: d.cashInBoxKop,
    };
    byDesk.set(desk.cashDeskId, desk);
    figures.cashDesks.push(desk);
  }

  for (const row of totals) {
    const count = num(row.n);
    const sumKop = num(row.total);
    const desk = byDesk.get(num(row.cash_desk_id));
    switch (row.kind) {
      case 'sale':
        add(figures.sales, count, sumKop);
        if (desk) add(desk.sales, count, sumKop);
        figures.cashKop += num(row.cash);
        figures.cashlessKop += num(row.cashless);
        figures.roundingKop += num(row.round);
        break;
      case 'return':
        add(figures.returns, count, sumKop);
        if (desk) add(desk.returns, count, sumKop);
        figures.cashKop -= num(row.cash);
        figures.cashlessKop -= num(row.cashless);
        figures.roundingKop -= num(row.round);
        break;
      case 'service_in':
        add(figures.serviceIn, count, sumKop);
        break;
      case 'service_out':
        add(figures.serviceOut, count, sumKop);
        break;
      default:
        break;
    }
  }
  figures.netKop = figures.sales.sumKop - figures.returns.sumKop;
  figures.averageCheckKop = figures.sales.count === 0 ? 0 : Math.round(figures.sales.sumKop / figures.sales.count);
  return figures;
}

/**
 * The best-selling products of a period, by revenue and by quantity (ties by the other measure,
 * then by name): the lines are grouped once and both tops cut from the groups in one query.
 */
export async function computeTopProducts(
  db: Executor,
  input: { businessId: number; from: string; to: string; limit: number },
): Promise<{ byRevenue: ProductFigures[]; byQuantity: ProductFigures[] }> {
  const { businessId: id, from, to } = periodInputSchema.parse(input);
  const limit = z.number().int().min(0).max(1000).parse(input.limit);
  if (limit === 0) return { byRevenue: [], byQuantity: [] };
  const rows = await queryRows<ProductRow & { top: string }>(
    db,
    sql`with products as (
          select i.name, i.unit_name, sum(i.amount_milli) as quantity, sum(i.cost_kop) as revenue
          from checks c join check_items i on i.check_id = c.id
          where c.business_id = ${id} and c.business_date between ${from}::date and ${to}::date and c.kind = 'sale'
          group by i.name, i.unit_name
        ), ranked as (
          select name, unit_name, quantity, revenue,
                 row_number() over (order by revenue desc, quantity desc, name collate "C", unit_name collate "C" nulls first) as by_revenue,
                 row_number() over (order by quantity desc, revenue desc, name collate "C", unit_name collate "C" nulls first) as by_quantity
          from products
        )
        select 'revenue' as top, name, unit_name, quantity, revenue, by_revenue as rank from ranked where by_revenue <= ${limit}
        union all
        select 'quantity' as top, name, unit_name, quantity, revenue, by_quantity as rank from ranked where by_quantity <= ${limit}
        order by top, rank`,
  );
  const product = (r: ProductRow): ProductFigures => ({
    name: r.name,
    unitName: r.unit_name ?? null,
    quantityMilli: num(r.quantity),
    revenueKop: num(r.revenue),
  });
  return {
    byRevenue: rows.filter((r) => r.top === 'revenue').map(product),
    byQuantity: rows.filter((r) => r.top === 'quantity').map(product),
  };
}

/** The daily Z summary's figures: the day, its top products, and the same weekday a week before. */
export async function computeSummaryFigures(
  db: Executor,
  input: { businessId: number; date: string; top?: number },
): Promise<SummaryFigures> {
  const { businessId: id, date, top = SUMMARY_TOP } = summaryInputSchema.parse(input);
  const day = { businessId: id, from: date, to: date };
  const previous = weekBefore(date);
  const [figures, tops, weekAgo] = await Promise.all([
    computePeriodFigures(db, day),
    computeTopProducts(db, { ...day, limit: top }),
    computePeriodFigures(db, { businessId: id, from: previous, to: previous }),
  ]);
  return { ...figures, topByRevenue: tops.byRevenue, topByQuantity: tops.byQuantity, weekAgo };
}
