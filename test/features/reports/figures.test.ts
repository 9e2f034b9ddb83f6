import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Business } from '../../../src/features/shops/businesses.js';
import { computePeriodFigures, computeSummaryFigures, computeTopProducts } from '../../../src/features/reports/figures.js';
import type { PeriodFigures, ProductFigures } from '../../../src/features/reports/figures-types.js';
import { createBusiness } from '../../support/app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';
import { fixture, variant } from '../../support/fixtures.js';
import { simpleCheck, storeCheck } from './store-check.js';

/**
 * The figures of a hand-computed day against the SQL, and against an independent computation in
 * plain JS over the very same CashDesk bodies (no code of src/ involved in it).
 */

type Body = Record<string, any>;

// ---- The independent computation -------------------------------------------------------------
const kop = (v: unknown) => Math.round(Number(v) * 100);
const milli = (v: unknown) => Math.round(Number(v ?? 1) * 1000);
const isoDate = (d: string) => (/^\d{2}\.\d{2}\.\d{4}$/.test(d) ? `${d.slice(6)}-${d.slice(3, 5)}-${d.slice(0, 2)}` : d);
function kindOf(b: Body): string {
  const t = String(b.check_type ?? '').toUpperCase();
  if (t.includes('RETURN') || t.includes('REFUND')) return 'return';
  if (t.includes('SERVICE_IN')) return 'service_in';
  if (t.includes('SERVICE_OUT')) return 'service_out';
  if (t.includes('SALE') || (b.check_data.products ?? []).length > 0) return 'sale';
  return 'other';
}

function expectedDay(bodies: Body[], date: string) {
  const day = bodies.filter((b) => isoDate(b.ORDERDATE) === date);
  const of = (kind: string) => day.filter((b) => kindOf(b) === kind);
  const total = (bs: Body[]) => bs.reduce((s, b) => s + kop(b.check_data.total_sum), 0);
  const paid = (bs: Body[], cash: boolean) =>
    bs.reduce((s, b) => s + (b.check_data.payments ?? []).filter((p: Body) => (Number(p.code ?? 0) === 0) === cash).reduce((t: number, p: Body) => t + kop(p.sum), 0), 0);
  const rounding = (bs: Body[]) => bs.reduce((s, b) => s + kop(b.check_data.round_sum ?? 0), 0);
  const sales = of('sale');
  const returns = of('return');
  const products = new Map<string, ProductFigures>();
  for (const b of sales) {
    for (const p of b.check_data.products ?? []) {
      const key = `${p.name}\u0000${p.unit_name ?? ''}`;
      const row = products.get(key) ?? { name: p.name, unitName: p.unit_name ?? null, quantityMilli: 0, revenueKop: 0 };
      row.quantityMilli += milli(p.amount);
      row.revenueKop += kop(p.cost);
      products.set(key, row);
    }
  }
  const byName = (a: ProductFigures, b: ProductFigures) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const all = [...products.values()];
  return {
    sales: { count: sales.length, sumKop: total(sales) },
    returns: { count: returns.length, sumKop: total(returns) },
    netKop: total(sales) - total(returns),
    cashKop: paid(sales, true) - paid(returns, true),
    cashlessKop: paid(sales, false) - paid(returns, false),
    averageCheckKop: sales.length ? Math.round(total(sales) / sales.length) : 0,
    roundingKop: rounding(sales) - rounding(returns),
    serviceIn: { count: of('service_in').length, sumKop: total(of('service_in')) },
    serviceOut: { count: of('service_out').length, sumKop: total(of('service_out')) },
    perDesk: (numFiscal: string) => {
      const mine = (bs: Body[]) => bs.filter((b) => String(b.num_fiscal) === numFiscal);
      return { sales: { count: mine(sales).length, sumKop: total(mine(sales)) }, returns: { count: mine(returns).length, sumKop: total(mine(returns)) } };
    },
    topByRevenue: (n: number) => [...all].sort((a, b) => b.revenueKop - a.revenueKop || b.quantityMilli - a.quantityMilli || byName(a, b)).slice(0, n),
    topByQuantity: (n: number) => [...all].sort((a, b) => b.quantityMilli - a.quantityMilli || b.revenueKop - a.revenueKop || byName(a, b)).slice(0, n),
  };
}

/** The drawer of a desk: cash_in_box of its newest check by ORDERDATE/ORDERTIME. */
function expectedDrawer(bodies: Body[], numFiscal: string): number | null {
  const withCash = bodies.filter((b) => String(b.num_fiscal) === numFiscal && b.cash_in_box != null);
  withCash.sort((a, b) => `${isoDate(a.ORDERDATE)}T${a.ORDERTIME}`.localeCompare(`${isoDate(b.ORDERDATE)}T${b.ORDERTIME}`));
  const last = withCash.at(-1);
  return last ? kop(last.cash_in_box) : null;
}

function compareToIndependent(figures: PeriodFigures, bodies: Body[], date: string) {
  const e = expectedDay(bodies, date);
  expect(figures.sales).toEqual(e.sales);
  expect(figures.returns).toEqual(e.returns);
  expect(figures.netKop).toBe(e.netKop);
  expect(figures.cashKop).toBe(e.cashKop);
  expect(figures.cashlessKop).toBe(e.cashlessKop);
  expect(figures.averageCheckKop).toBe(e.averageCheckKop);
  expect(figures.roundingKop).toBe(e.roundingKop);
  expect(figures.serviceIn).toEqual(e.serviceIn);
  expect(figures.serviceOut).toEqual(e.serviceOut);
  for (const desk of figures.cashDesks) {
    expect({ sales: desk.sales, returns: desk.returns }).toEqual(e.perDesk(desk.numFiscal));
    expect(desk.cashInBoxKop).toBe(expectedDrawer(bodies, desk.numFiscal));
  }
}

// ---- The day --------------------------------------------------------------------------------
const DAY = '2026-11-27';
const at = (iso: string) => new Date(iso);

function theBodies(): Array<{ body: Body; receivedAt: Date }> {
  return [
    // A cash deposit before opening: counted apart, not a sale.
    {
      body: {
        ...simpleCheck({ uuid: 'svc-in-1', date: DAY, time: '08:00:00', totalUah: '500', numFiscal: '50037129', cashInBox: '500' }),
        check_type: 'SERVICE_IN',
        check_data: { total_sum: 500, payments: [{ code: 0, sum: 500 }], products: [], round_sum: 0 },
      },
      receivedAt: at('2026-11-27T06:00:01Z'),
    },
    // Just after midnight Kyiv on the second desk (22:00:00Z the day before).
    {
      body: variant('doc-example', 'doc-midnight', (c) => {
        c.ORDERDATE = '27.11.2026';
        c.ORDERTIME = '00:00:00';
        c.num_fiscal = 50037130;
      }),
      receivedAt: at('2026-11-26T22:00:02Z'),
    },
    { body: fixture('sale-cash'), receivedAt: at('2026-11-27T08:15:04Z') },
    { body: fixture('sale-card'), receivedAt: at('2026-11-27T09:02:45Z') },
    { body: fixture('return'), receivedAt: at('2026-11-27T10:30:01Z') },
    // Made offline at 23:58 on the 26th, delivered on the 27th: it counts on the 26th, and its
    // older drawer figure does not replace the newer one.
    { body: fixture('offline-lenient'), receivedAt: at('2026-11-27T12:00:00Z') },
    { body: fixture('long-check'), receivedAt: at('2026-11-27T16:45:13Z') },
    // A check type we do not know and without products: stored, in none of the figures.
    {
      body: { ...simpleCheck({ uuid: 'x-report', date: DAY, time: '20:00:00', totalUah: '0', numFiscal: '50037129' }), check_type: 'X_REPORT', check_data: { total_sum: 0, products: [] } },
      receivedAt: at('2026-11-27T18:00:00Z'),
    },
    // The same weekday a week before.
    { body: variant('sale-card', 'week-ago-card', (c) => void (c.ORDERDATE = '2026-11-20')), receivedAt: at('2026-11-20T09:00:00Z') },
    { body: variant('return', 'week-ago-return', (c) => void (c.ORDERDATE = '2026-11-20')), receivedAt: at('2026-11-20T10:00:00Z') },
  ];
}

describe.each(databaseKinds)('figures on %s', (kind) => {
  let db: TestDatabase;
  let business: Business;
  let other: Business;
  const stored = theBodies();
  const bodies = stored.map((s) => s.body);

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    business = await createBusiness(db);
    other = await createBusiness(db);
    for (const { body, receivedAt } of stored) {
      expect((await storeCheck(db.db, business, body, receivedAt)).status).toBe('stored');
    }
    // Another business's check of the same day and desk number: never in this one's figures.
    await storeCheck(db.db, other, variant('long-check', 'other-business'), at('2026-11-27T17:00:00Z'));
    // The same check again changes nothing.
    expect((await storeCheck(db.db, business, fixture('sale-cash'))).status).toBe('duplicate');
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('the hand-computed day, to the kopeck', async () => {
    const f = await computePeriodFigures(db.db, { businessId: business.id, from: DAY, to: DAY });
    // sale-cash 148,60 (cash) + sale-card 689,00 (card) + long-check 9 212,50 (cash) + doc-example at 00:00 24,20 (cash)
    expect(f.sales).toEqual({ count: 4, sumKop: 14_860 + 68_900 + 921_250 + 2_420 });
    expect(f.sales.sumKop).toBe(1_007_430);
    // return: 28,90 paid back in cash
    expect(f.returns).toEqual({ count: 1, sumKop: 2_890 });
    expect(f.netKop).toBe(1_004_540);
    expect(f.cashKop).toBe(14_860 + 921_250 + 2_420 - 2_890);
    expect(f.cashKop).toBe(935_640);
    expect(f.cashlessKop).toBe(68_900);
    expect(f.cashKop + f.cashlessKop).toBe(f.netKop);
    // 1 007 430 / 4 = 251 857,5 → 251 858
    expect(f.averageCheckKop).toBe(251_858);
    // -0,02 on sale-cash and -0,02 on doc-example
    expect(f.roundingKop).toBe(-4);
    expect(f.serviceIn).toEqual({ count: 1, sumKop: 50_000 });
    expect(f.serviceOut).toEqual({ count: 0, sumKop: 0 });
    expect(f.cashDesks.map((d) => [d.numFiscal, d.sales, d.returns, d.cashInBoxKop])).toEqual([
      // The drawer after the long check at 18:45.
      ['50037129', { count: 3, sumKop: 1_005_010 }, { count: 1, sumKop: 2_890 }, 290_000],
      // 195,21 after the 00:00 check of the 27th; the offline 80,10 of the 26th came later but is older.
      ['50037130', { count: 1, sumKop: 2_420 }, { count: 0, sumKop: 0 }, 19_521],
    ]);
    expect(f).toMatchObject({ businessId: business.id, from: DAY, to: DAY });
  });

  it('the same day from the independent computation over the same bodies', async () => {
    for (const date of ['2026-11-20', '2026-11-26', DAY, '2026-11-28']) {
      compareToIndependent(await computePeriodFigures(db.db, { businessId: business.id, from: date, to: date }), bodies, date);
    }
  });

  it('the offline check delivered the next day counts on the day it was made', async () => {
    const f = await computePeriodFigures(db.db, { businessId: business.id, from: '2026-11-26', to: '2026-11-26' });
    expect(f.sales).toEqual({ count: 1, sumKop: 5_550 });
    expect(f.cashKop).toBe(5_550);
    expect(f.cashDesks.find((d) => d.numFiscal === '50037130')?.sales).toEqual({ count: 1, sumKop: 5_550 });
  });

  it('a period of several days adds the days up', async () => {
    const f = await computePeriodFigures(db.db, { businessId: business.id, from: '2026-11-20', to: DAY });
    expect(f.sales).toEqual({ count: 4 + 1 + 1, sumKop: 1_007_430 + 5_550 + 68_900 });
    expect(f.returns).toEqual({ count: 2, sumKop: 5_780 });
    expect(f.cashlessKop).toBe(68_900 * 2);
  });

  it('another business sees only its own', async () => {
    const f = await computePeriodFigures(db.db, { businessId: other.id, from: DAY, to: DAY });
    expect(f.sales).toEqual({ count: 1, sumKop: 921_250 });
    expect(f.returns.count).toBe(0);
    expect(f.cashDesks.map((d) => d.numFiscal)).toEqual(['50037129']);
    const none = await computePeriodFigures(db.db, { businessId: other.id, from: '2026-11-26', to: '2026-11-26' });
    expect(none.sales).toEqual({ count: 0, sumKop: 0 });
    expect(none.averageCheckKop).toBe(0);
    expect(none.cashDesks[0]?.sales).toEqual({ count: 0, sumKop: 0 });
    expect(none.cashDesks[0]?.cashInBoxKop).toBe(290_000);
  });

  it('the summary: the day, its top products and the same weekday a week before', async () => {
    const s = await computeSummaryFigures(db.db, { businessId: business.id, date: DAY });
    const e = expectedDay(bodies, DAY);
    compareToIndependent(s, bodies, DAY);
    expect(s.topByRevenue).toEqual(e.topByRevenue(5));
    expect(s.topByQuantity).toEqual(e.topByQuantity(5));
    // By hand: the coffee (689,00) leads; the long check's dearest lines follow.
    expect(s.topByRevenue[0]).toEqual({ name: 'Кава зернова 1 кг', unitName: 'шт', quantityMilli: 1000, revenueKop: 68_900 });
    expect(s.topByRevenue).toHaveLength(5);
    // The returned bread is a return, not a negative sale: 2 loaves sold.
    const all = await computeTopProducts(db.db, { businessId: business.id, from: DAY, to: DAY, limit: 1000 });
    const bread = all.byQuantity;
    expect(bread.find((p) => p.name === 'Хліб білий')).toEqual({ name: 'Хліб білий', unitName: 'шт', quantityMilli: 2000, revenueKop: 5_780 });
    expect(bread.find((p) => p.name === 'Яблука Голден')).toEqual({ name: 'Яблука Голден', unitName: 'кг', quantityMilli: 1237, revenueKop: 4_947 });
    expect(bread).toEqual(e.topByQuantity(1000));
    expect(all.byRevenue).toEqual(e.topByRevenue(1000));
    // 150 lines of the long check, 3 of sale-cash, the coffee and the carrots.
    expect(all.byRevenue).toHaveLength(150 + 3 + 1 + 1);
    // A week before: the card sale and the return of the 20th.
    expect(s.weekAgo.from).toBe('2026-11-20');
    expect(s.weekAgo.sales).toEqual({ count: 1, sumKop: 68_900 });
    expect(s.weekAgo.returns).toEqual({ count: 1, sumKop: 2_890 });
    expect(s.weekAgo.netKop).toBe(66_010);
    compareToIndependent(s.weekAgo, bodies, '2026-11-20');
  });

  it('rejects malformed periods before any SQL', async () => {
    await expect(computePeriodFigures(db.db, { businessId: business.id, from: DAY, to: '2026-11-26' })).rejects.toThrow();
    await expect(computePeriodFigures(db.db, { businessId: business.id, from: "2026-11-27'", to: DAY })).rejects.toThrow();
    await expect(computeSummaryFigures(db.db, { businessId: business.id, date: '27.11.2026' })).rejects.toThrow();
  });
});
