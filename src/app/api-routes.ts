import Router from '@koa/router';
import { z } from 'zod';
import type { Database } from '../db/client.js';
import type { Logger } from '../observability/logger.js';
import { computePeriodFigures } from '../reports/figures.js';
import { computePeriodReport, comparedPeriod, type ReportKind } from '../reports/period-report.js';
import { computeDailyRevenue, computeHourlyRevenue } from '../reports/series.js';
import { countChecks, lastCheckTimes } from '../reports/activity.js';
import { businessDateSchema, weekBefore } from '../reports/period.js';
import { MAX_PERIOD_DAYS, monthToDate, periodDays, weekToDate, type Period } from '../reports/periods.js';
import { businessDateOf } from '../time/business-time.js';
import { CHECK_KINDS } from '../db/check-kinds.js';
import { loadCheckPlace, searchChecks, MAX_PAGE, DEFAULT_PAGE } from '../checks/search.js';
import { loadCheckPdf, loadCheckView } from '../checks/load-check-views.js';
import { requestExport, EXPORTS_PER_DAY } from '../export/export-requests.js';
import { enqueueJobs } from '../delivery/enqueue.js';
import type { ExportJobPayload } from '../delivery/jobs.js';
import type {
  ChecksResponse,
  ExportResponse,
  MeResponse,
  PeriodKind,
  PeriodResponse,
  TodayResponse,
} from './api-contract.js';
import { initDataAuth, type AppState, type Viewer } from './auth.js';
import { apiError, badRequest } from './errors.js';
import { cashDesksDto, checkDetail, checkListItem, figuresDto } from './dto.js';
import { queryRows } from '../db/rows.js';
import { shopName } from '../access/shop-name.js';
import { catalogue } from '../i18n/lang.js';
import { sql } from 'drizzle-orm';

export interface MiniAppApiDeps {
  db: Database;
  botToken: string;
  businessTz: string;
  /** BUSINESS_DAY_START in minutes after midnight: where "today" and its hours begin. */
  businessDayStart: number;
  logger: Logger;
  /** Called after a job was written to the outbox (the export): the worker looks at once. */
  onOutboxWritten?: () => void;
  /** The clock (tests). */
  now?: () => Date;
}

const idParamSchema = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

const checksQuerySchema = z.object({
  q: z.string().max(100).optional(),
  cashDesk: z.coerce.number().int().positive().optional(),
  kind: z.enum(CHECK_KINDS).optional(),
  before: z.string().max(60).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE),
  business: z.string().optional(),
});

const periodQuerySchema = z
  .object({
    kind: z.enum(['day', 'week', 'month', 'range']),
    from: businessDateSchema.optional(),
    to: businessDateSchema.optional(),
    business: z.string().optional(),
  })
  .refine((q) => q.kind !== 'range' || (q.from !== undefined && q.to !== undefined), { message: 'a range needs `from` and `to`', path: ['from'] })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: '`from` must not be after `to`', path: ['to'] });

const exportBodySchema = z.object({
  from: businessDateSchema,
  to: businessDateSchema,
  format: z.enum(['csv', 'xlsx']),
});

/** Top products the Periods screen lists. */
const PERIOD_TOP = 10;

/**
 * The Mini App's JSON API under /app/api/ (src/app/api-contract.ts is its one description). Every
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

  router.use(async (ctx, next) => {
    ctx.set('cache-control', 'no-store');
    await next();
  });
  router.use(initDataAuth({ db, botToken: deps.botToken }));

  router.get('/me', async (ctx) => {
    const viewer: Viewer = ctx.state.viewer;
    const { business, role } = viewer.access;
    const desks = await queryRows<{ id: unknown; num_fiscal: string }>(
      db,
      sql`select id, num_fiscal from cash_desks where business_id = ${business.id} order by num_fiscal collate "C", id`,
    );
    ctx.body = {
      user: { id: viewer.userId, firstName: viewer.firstName },
      business: { id: business.id, title: shopName(business, catalogue(viewer.lang)) },
      role,
      lang: viewer.lang,
      tz,
      today: today(),
      cashDesks: desks.map((d) => ({ id: Number(d.id), numFiscal: d.num_fiscal })),
    } satisfies MeResponse;
  });

  router.get('/today', async (ctx) => {
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

  router.get('/checks', async (ctx) => {
    const query = checksQuerySchema.safeParse(ctx.query);
    if (!query.success) return badRequest(ctx, query.error);
    const { q, cashDesk, kind, before, limit } = query.data;
    const cursor = before === undefined || before === '' ? undefined : before;
    if (cursor !== undefined && !/^\d{1,19}\.\d{1,19}$/.test(cursor)) return apiError(ctx, 400, 'bad_request', 'before: not a cursor from a previous page');
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

  router.get('/checks/:id', async (ctx) => {
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

  router.get('/checks/:id/pdf', async (ctx) => {
    const params = idParamSchema.safeParse(ctx.params);
    if (!params.success) return badRequest(ctx, params.error);
    const place = await loadCheckPlace(db, ctx.state.viewer.access.business.id, params.data.id);
    const pdf = place ? await loadCheckPdf(db, params.data.id) : null;
    if (!pdf) return apiError(ctx, 404, 'not_found', 'Not found');
    ctx.type = 'application/pdf';
    ctx.set('content-disposition', `inline; filename="check-${params.data.id}.pdf"`);
    ctx.body = pdf;
  });

  router.get('/period', async (ctx) => {
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
      computePeriodReport(db, { businessId, kind: reportKind, ...period, top: PERIOD_TOP }),
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
    } satisfies PeriodResponse;
  });

  router.post('/export', async (ctx) => {
    const body = exportBodySchema.safeParse(await readJson(ctx.req));
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

/** A small JSON body (at most 4 KiB); undefined when it is not JSON. */
async function readJson(req: NodeJS.ReadableStream): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += buf.length;
    if (size > 4096) return undefined;
    chunks.push(buf);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}
