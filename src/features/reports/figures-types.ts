/**
 * The figures of a business over a period (a business day, or several), as computed in SQL by
 * features/reports/figures.ts and shown by /today, the daily summary and period reports. All money in
 * integer kopecks, quantities in thousandths.
 */
export interface KindTotals {
  count: number;
  sumKop: number;
}

export interface CashDeskFigures {
  cashDeskId: number;
  numFiscal: string;
  sales: KindTotals;
  returns: KindTotals;
  /** The drawer now: cash_in_box of the desk's newest check by its own time; null if never sent. */
  cashInBoxKop: number | null;
}

export interface ProductFigures {
  name: string;
  unitName: string | null;
  quantityMilli: number;
  revenueKop: number;
}

export interface PeriodFigures {
  businessId: number;
  /** Inclusive business days, YYYY-MM-DD. */
  from: string;
  to: string;
  sales: KindTotals;
  returns: KindTotals;
  /** Sales minus returns. */
  netKop: number;
  /** Cash and cashless paid in sales minus paid back in returns (payment code 0 is cash). */
  cashKop: number;
  cashlessKop: number;
  /** sales.sumKop / sales.count, rounded; 0 with no sales. */
  averageCheckKop: number;
  /** Rounding (CashDesk's round_sum) of sales minus that of returns. */
  roundingKop: number;
  serviceIn: KindTotals;
  serviceOut: KindTotals;
  /** Every cash desk of the business, in num_fiscal order, with or without checks in the period. */
  cashDesks: CashDeskFigures[];
}

export interface SummaryFigures extends PeriodFigures {
  /** Sale lines grouped by name and unit (returns not subtracted), the first five of each. */
  topByRevenue: ProductFigures[];
  topByQuantity: ProductFigures[];
  /** The same weekday a week before, for the change. */
  weekAgo: PeriodFigures;
}
