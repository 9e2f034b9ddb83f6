/**
 * The Mini App's JSON API: the one description of what `/app/api/*` answers, shared by the
 * server (src/app/) and the client (web/, type-only import). Money in integer kopecks, times as
 * ISO-8601 instants, business days as YYYY-MM-DD in BUSINESS_TZ.
 *
 * Every request carries `Authorization: tma <initData raw string>`. Errors answer
 * `{ "error": { "code": string, "message": string } }` with 400 (bad query), 401 (no, forged or
 * expired initData), 403 (a valid user linked to no business), 404 (nothing, or another
 * business's: the same answer).
 */

type Role = 'owner' | 'member';
export type Lang = 'uk' | 'en';
export type CheckKind = 'sale' | 'return' | 'service_in' | 'service_out' | 'other';

export interface ApiError {
  error: { code: string; message: string };
}

/** 403 `not_linked`: the bot's @username (once the service knows it), so the app can open the bot's chat. */
export interface NotLinkedError extends ApiError {
  bot?: string;
}

/** GET /app/api/me — who is asking, for which business. */
export interface MeResponse {
  user: { id: number; firstName: string };
  business: { id: number; title: string };
  role: Role;
  lang: Lang;
  tz: string;
  /** The business day now (BUSINESS_DAY_START taken into account). */
  today: string;
  cashDesks: Array<{ id: number; numFiscal: string }>;
}

interface KindTotalsDto {
  count: number;
  sumKop: number;
}

export interface FiguresDto {
  from: string;
  to: string;
  sales: KindTotalsDto;
  returns: KindTotalsDto;
  netKop: number;
  cashKop: number;
  cashlessKop: number;
  averageCheckKop: number;
  roundingKop: number;
  serviceIn: KindTotalsDto;
  serviceOut: KindTotalsDto;
  /** Number of checks of every kind in the period. */
  checksCount: number;
}

export interface CashDeskDto {
  id: number;
  numFiscal: string;
  sales: KindTotalsDto;
  returns: KindTotalsDto;
  cashInBoxKop: number | null;
  /** The desk's newest check (by its own time), or null if it never sent one. */
  lastCheckAt: string | null;
}

/** GET /app/api/today — the figures of /today, per desk, and revenue by hour. */
export interface TodayResponse {
  date: string;
  figures: FiguresDto;
  cashDesks: CashDeskDto[];
  /** Net revenue by hour of the business day (24 values; index 0 is the day's first hour). */
  hourly: number[];
  /** When the business day (and so `hourly[0]`) begins: minutes after local midnight (BUSINESS_DAY_START). */
  dayStartMinutes: number;
  /** The same for the same weekday a week before. */
  hourlyWeekBefore: number[];
  generatedAt: string;
}

export interface CheckListItem {
  id: number;
  uuid: string;
  /** The cashier's check number (CashDesk's local/fiscal number as shown in alerts). */
  number: string;
  kind: CheckKind;
  /** check_type as CashDesk sent it. */
  rawType: string;
  cashDesk: { id: number; numFiscal: string };
  at: string;
  businessDate: string;
  totalKop: number;
  itemsCount: number;
}

/**
 * GET /app/api/checks?q=&cashDesk=<id>&kind=<CheckKind>&before=<cursor>&limit=<1..100, default 30>
 * Newest first. `q` matches a check number (exact or prefix), an amount ("148,60" or "148.60":
 * the total equals it) or a product name (case-insensitive substring).
 */
export interface ChecksResponse {
  items: CheckListItem[];
  /** Pass as `before` for the next page; null at the end. */
  nextCursor: string | null;
}

interface CheckItemDto {
  name: string;
  unitName: string | null;
  quantityMilli: number;
  priceKop: number;
  costKop: number;
  discountKop: number;
}

interface CheckPaymentDto {
  /** 'cash' for payment code 0, else 'cashless'. */
  kind: 'cash' | 'cashless';
  name: string | null;
  sumKop: number;
}

/** GET /app/api/checks/:id */
export interface CheckDetailResponse extends CheckListItem {
  discountKop: number;
  roundingKop: number;
  cashInBoxKop: number | null;
  isOffline: boolean;
  items: CheckItemDto[];
  payments: CheckPaymentDto[];
  /** CashDesk's e-receipt link, if it sent one. */
  receiptUrl: string | null;
  /** True when GET /app/api/checks/:id/pdf answers with the PDF bytes (application/pdf). */
  hasPdf: boolean;
}

export type PeriodKind = 'day' | 'week' | 'month' | 'range';

/** GET /app/api/period?kind=day|week|month|range&from=&to= (from/to only for range; day/week/month end today). */
export interface PeriodResponse {
  kind: PeriodKind;
  figures: FiguresDto;
  previous: FiguresDto;
  topByRevenue: Array<{ name: string; unitName: string | null; quantityMilli: number; revenueKop: number }>;
  /** Net revenue per business day of the period, and of the period before (same length or shorter). */
  daily: Array<{ date: string; netKop: number }>;
  previousDaily: Array<{ date: string; netKop: number }>;
  /**
   * A one-day period, by hour: net revenue per hour of that business day and of the day it is
   * compared with (24 values each; index 0 is the hour the business day begins,
   * `dayStartMinutes` after local midnight). Null for a period of more than one day.
   */
  hourly: { values: number[]; compare: number[]; dayStartMinutes: number } | null;
}

/**
 * POST /app/api/export {from, to, format} — queues the file (CSV or XLSX) to the user's private
 * chat through the outbox: 202. While this person's previous export still waits there: 429
 * `export_pending`; past EXPORTS_PER_DAY a day (the bot's /export counted too): 429 `export_quota`.
 */
export interface ExportRequest {
  from: string;
  to: string;
  format: 'csv' | 'xlsx';
}
export interface ExportResponse {
  queued: true;
}
