import Router from '@koa/router';
import { z } from 'zod';
import type { Database, Executor } from '../platform/db/client.js';
import { isStatementTimeout, type QueryPool } from '../platform/db/query-pool.js';
import type { Logger } from '../platform/observability/logger.js';
import { computePeriodFigures } from '../features/reports/figures.js';
import { computePeriodReport, comparedPeriod, type ReportKind } from '../features/reports/period-report.js';
import { computeDailyRevenue, computeHourlyRevenue } from '../features/reports/series.js';
import { countChecks } from '../features/reports/activity.js';
import { lastCheckTimes, listCashDesks } from '../features/shops/cash-desks.js';
import { businessDateSchema, weekBefore } from '../features/reports/period.js';
import { MAX_PERIOD_DAYS, monthToDate, periodDays, weekToDate, type Period } from '../features/reports/periods.js';
import { businessDateOf } from '../platform/time/business-time.js';
import { CHECK_KINDS } from '../platform/db/check-kinds.js';
import { checkCursorSchema, loadCheckPlace, searchChecks, MAX_PAGE, DEFAULT_PAGE, MIN_PRODUCT_CHARS, isNumberLike } from '../features/sales/search.js';
import { loadCheckPdf, loadCheckView } from '../features/sales/load-check-views.js';
import { requestExport, EXPORTS_PER_DAY } from '../features/exports/export-requests.js';
import { enqueueJobs } from '../platform/outbox/enqueue.js';
import type { ExportJobPayload } from '../features/exports/jobs.js';
import type {
  ChecksResponse,
  ExportResponse,
  MeResponse,
  PeriodKind,
  PeriodResponse,
  TodayResponse,
} from './api-contract.js';
import { initDataAuth, type AppState, type Viewer } from './auth.js';
import { createKeyedLimiter, type KeyedLimitOptions } from './request-limits.js';
import { apiError, badRequest } from './errors.js';
import { cashDesksDto, checkDetail, checkListItem, figuresDto } from './dto.js';
import { shopName } from '../features/shops/shop-name.js';
import { catalogue } from '../platform/i18n/lang.js';
import type { Middleware } from 'koa';
import { parseJsonObject, readBody } from '../platform/http/read-body.js';

export interface MiniAppApiDeps {
  /** The main handle: the export's writes to the outbox. */
  db: Database;
  /** The Mini App's reads: a small pool of their own, under a statement timeout (platform/db/query-pool.ts). */
  pool: QueryPool;
  /** Per-user and per-address request limits (defaults: MINI_APP_LIMITS). */
  limits?: Partial<MiniAppLimits>;
  botToken: string;
  /** The bot's @username once getMe answered (the 403 `not_linked` names it, for the app's button to the bot). */
  botUsername?: () => string | undefined;
  businessTz: string;
  /** BUSINESS_DAY_START in minutes after midnight: where "today" and its hours begin. */
  businessDayStart: number;
  logger: Logger;
  /** Called after a job was written to the outbox (the export): the worker looks at once. */
  onOutboxWritten?: () => void;
  /** The clock (tests). */
  now?: () => Date;
}

export interface MiniAppLimits {
  /** Per Telegram user: a few requests a second with a small burst, and 2 at once. */
  user: KeyedLimitOptions;
  /** Per client address, counting only requests whose initData does not hold. */
  refused: KeyedLimitOptions;
}

export const MINI_APP_LIMITS: MiniAppLimits = {
  user: { perSecond: 5, burst: 10, maxInFlight: 2, maxKeys: 10_000 },
  refused: { perSecond: 1, burst: 10, maxInFlight: Infinity, maxKeys: 10_000 },
};

/** A database id (bigint columns, and a safe integer here). */
const dbId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const idParamSchema = z.object({ id: dbId });

/** The days a business may ask about: the comparison period before stays a valid date too. */
const appDateSchema = businessDateSchema.refine((d) => d >= '2000-01-01' && d <= '2099-12-31', 'a date from 2000-01-01 to 2099-12-31');

const checksQuerySchema = z.object({
  q: z
    .string()
    .max(100)
    .optional()
    .refine((q) => q === undefined || q.trim() === '' || q.trim().length >= MIN_PRODUCT_CHARS || isNumberLike(q.trim()), {
      message: `a product name needs at least ${MIN_PRODUCT_CHARS} characters (shorter: digits of a check number or an amount)`,
    }),
  cashDesk: dbId.optional(),
  kind: z.enum(CHECK_KINDS).optional(),
  before: z.union([z.literal(''), checkCursorSchema]).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE),
  business: z.string().optional(),
});

const periodQuerySchema = z
  .object({
    kind: z.enum(['day', 'week', 'month', 'range']),
    from: appDateSchema.optional(),
    to: appDateSchema.optional(),
    business: z.string().optional(),
  })
  .refine((q) => q.kind !== 'range' || (q.from !== undefined && q.to !== undefined), { message: 'a range needs `from` and `to`', path: ['from'] })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: '`from` must not be after `to`', path: ['to'] });

const exportBodySchema = z.object({
  from: appDateSchema,
  to: appDateSchema,
  format: z.enum(['csv', 'xlsx']),
});

/** The export's JSON body is small: a longer one is refused. */
const MAX_EXPORT_BODY_BYTES = 4096;

/** Top products the Periods screen lists. */
const PERIOD_TOP = 10;

/**
 * The Mini App's JSON API under /app/api/ (src/miniapp/api-contract.ts is its one description). Every
 * route sits behind initData (auth.ts) and reads only the viewer's business; a check of another
 * business answers 404 like one that does not exist. Figures come from the same functions as the
 * bot's /today and reports.
 */
export function miniAppApiRoutes(deps: MiniAppApiDeps): Router<AppState> {
  const { db } = deps;
  const tz = deps.businessTz;
  const router = new Router<AppState>({ prefix: '/app/api' });
  const dayStart = deps.businessDayStart;
  const today = () => businessDateOf(deps.now?.() ?? new Date(), tz, dayStart);

  const limits = { ...MINI_APP_LIMITS, ...deps.limits };

  router.use(async (ctx, next) => {
    ctx.set('cache-control', 'no-store');
    try {
      await next();
    } catch (err) {
      // The statement timeout: the database is busy (or the question too big), not a fault here.
      if (!isStatementTimeout(err)) throw err;
      deps.logger.warn({ path: ctx.path }, 'mini app query over the statement timeout');
      ctx.set('retry-after', '5');
      apiError(ctx, 503, 'timeout', 'The shop\'s data took too long to read: try again in a moment');
    }
  });
  router.use(
    initDataAuth({
      pool: deps.pool,
      botToken: deps.botToken,
      ...(deps.botUsername ? { botUsername: deps.botUsername } : {}),
      users: createKeyedLimiter(limits.user),
      failures: createKeyedLimiter(limits.refused),
    }),
  );
  /** A read route's work runs on the Mini App's pool: ctx.state.db. */
  const reads: Middleware<AppState & { db: Executor }> = (ctx, next) =>
    deps.pool.run(async (executor) => {
      ctx.state.db = executor;
      await next();
    });

  router.get('/me', reads, async (ctx) => {
    const db = ctx.state.db;
    const viewer: Viewer = ctx.state.viewer;
    const { business, role } = viewer.access;
    const desks = await listCashDesks(db, business.id);
    ctx.body = {
      user: { id: viewer.userId, firstName: viewer.firstName },
      business: { id: business.id, title: shopName(business, catalogue(viewer.lang)) },
      role,
      lang: viewer.lang,
      tz,
      today: today(),
      cashDesks: desks.map((d) => ({ id: d.id, numFiscal: d.numFiscal })),
    } satisfies MeResponse;
  });

  router.get('/today', reads, async (ctx) => {
    const db = ctx.state.db;
    const businessId = ctx.state.viewer.access.business.id;
    const date = today();
    const day = { businessId, from: date, to: date };
    const [figures, checksCount, lastAt, hourly, hourlyWeekBefore] = await Promise.all([
      computePeriodFigures(db, day),
      countChecks(db, day),
      lastCheckTimes(db, { businessId }),
      computeHourlyRevenue(db, { businessId, date, tz, dayStart }),
      computeHourlyRevenue(db, { businessId, date: weekBefore(date), tz, dayStart }),
    ]);
    ctx.body = {
      date,
      figures: figuresDto(figures, checksCount),
      cashDesks: cashDesksDto(figures, lastAt),
      hourly,
      dayStartMinutes: dayStart,
      hourlyWeekBefore,
      generatedAt: (deps.now?.() ?? new Date()).toISOString(),
    } satisfies TodayResponse;
  });

  router.get('/checks', reads, async (ctx) => {
    const db = ctx.state.db;
    const query = checksQuerySchema.safeParse(ctx.query);
    if (!query.success) return badRequest(ctx, query.error);
    const { q, cashDesk, kind, before, limit } = query.data;
    const cursor = before === undefined || before === '' ? undefined : before;
    const page = await searchChecks(db, {
      businessId: ctx.state.viewer.access.business.id,
      limit,
      ...(q !== undefined && q.trim() !== '' ? { q } : {}),
      ...(cashDesk !== undefined ? { cashDeskId: cashDesk } : {}),
      ...(kind !== undefined ? { kind } : {}),
      ...(cursor !== undefined ? { before: cursor } : {}),
    });
    ctx.body = { items: page.checks.map(checkListItem), nextCursor: page.nextCursor } satisfies ChecksResponse;
  });

  router.get('/checks/:id', reads, async (ctx) => {
    const db = ctx.state.db;
    const params = idParamSchema.safeParse(ctx.params);
    if (!params.success) return badRequest(ctx, params.error);
    const businessId = ctx.state.viewer.access.business.id;
    const [place, view] = await Promise.all([
      loadCheckPlace(db, businessId, params.data.id),
      loadCheckView(db, businessId, params.data.id),
    ]);
    if (!place || !view) return apiError(ctx, 404, 'not_found', 'Not found');
    ctx.body = checkDetail(view, place);
  });

  router.get('/checks/:id/pdf', reads, async (ctx) => {
    const db = ctx.state.db;
    const params = idParamSchema.safeParse(ctx.params);
    if (!params.success) return badRequest(ctx, params.error);
    const place = await loadCheckPlace(db, ctx.state.viewer.access.business.id, params.data.id);
    const pdf = place ? await loadCheckPdf(db, params.data.id) : null;
    if (!pdf) return apiError(ctx, 404, 'not_found', 'Not found');
    ctx.type = 'application/pdf';
    ctx.set('content-disposition', `inline; filename="check-${params.data.id}.pdf"`);
    ctx.body = pdf;
  });

  router.get('/period', reads, async (ctx) => {
    const db = ctx.state.db;
    const query = periodQuerySchema.safeParse(ctx.query);
    if (!query.success) return badRequest(ctx, query.error);
    const kind: PeriodKind = query.data.kind;
    const now = today();
    const period: Period =
      kind === 'day' ? { from: now, to: now } : kind === 'week' ? weekToDate(now) : kind === 'month' ? monthToDate(now) : { from: query.data.from!, to: query.data.to! };
    if (periodDays(period) > MAX_PERIOD_DAYS) return apiError(ctx, 400, 'bad_request', `a period is at most ${MAX_PERIOD_DAYS} days`);
    const reportKind: ReportKind = kind === 'week' ? 'week' : kind === 'month' ? 'month' : 'span';
    const businessId = ctx.state.viewer.access.business.id;
    const previousPeriod = comparedPeriod(reportKind, period);
    const [report, checksCount, previousCount, previousDaily] = await Promise.all([
      // Given the clock, a one-day period comes cut into hours (the bot's /report draws it so too).
      computePeriodReport(db, { businessId, kind: reportKind, ...period, top: PERIOD_TOP, clock: { tz, dayStart } }),
      countChecks(db, { businessId, ...period }),
      countChecks(db, { businessId, ...previousPeriod }),
      computeDailyRevenue(db, { businessId, ...previousPeriod }),
    ]);
    ctx.body = {
      kind,
      figures: figuresDto(report.figures, checksCount),
      previous: figuresDto(report.previous, previousCount),
      topByRevenue: report.topByRevenue.map((p) => ({ ...p })),
      daily: report.daily.map((d) => ({ ...d })),
      previousDaily: previousDaily.map((d) => ({ ...d })),
      hourly: report.hourly ? { values: report.hourly.hours, compare: report.hourly.previousHours, dayStartMinutes: report.hourly.dayStart } : null,
    } satisfies PeriodResponse;
  });

  router.post('/export', async (ctx) => {
    const read = await readBody(ctx, MAX_EXPORT_BODY_BYTES);
    const json = read.ok ? parseJsonObject(read.bytes) : { ok: false as const, message: read.message };
    if (!json.ok) return apiError(ctx, 400, 'bad_request', `request: ${json.message}`);
    const body = exportBodySchema.safeParse(json.value);
    if (!body.success) return badRequest(ctx, body.error);
    const { from, to, format } = body.data;
    if (from > to) return apiError(ctx, 400, 'bad_request', 'to: `from` must not be after `to`');
    if (periodDays({ from, to }) > MAX_PERIOD_DAYS) return apiError(ctx, 400, 'bad_request', `a period is at most ${MAX_PERIOD_DAYS} days`);
    const viewer: Viewer = ctx.state.viewer;
    const businessId = viewer.access.business.id;
    // One export waiting per person and EXPORTS_PER_DAY a day, the bot's /export counted too.
    const result = await requestExport(db, { businessId, from, to, chatId: viewer.userId, lang: viewer.lang, format, requestedBy: viewer.userId });
    if ('refused' in result) {
      return result.refused === 'waiting'
        ? apiError(ctx, 429, 'export_pending', 'Your previous export is still on its way to your chat')
        : apiError(ctx, 429, 'export_quota', `At most ${EXPORTS_PER_DAY} exports a day`);
    }
    // An export comes in as many files as it needs; a period without checks (no files) still
    // gets its one job, which tells the chat there is nothing.
    if (result.queued === 0) {
      const payload: ExportJobPayload = { from, to, format, lang: viewer.lang, requestedBy: viewer.userId };
      await enqueueJobs(db, [{ businessId, chatId: viewer.userId, kind: 'export', payload }]);
    }
    deps.onOutboxWritten?.();
    deps.logger.info({ businessId: viewer.access.business.id, from, to }, 'mini app export queued');
    ctx.status = 202;
    ctx.body = { queued: true } satisfies ExportResponse;
  });

  return router;
}
