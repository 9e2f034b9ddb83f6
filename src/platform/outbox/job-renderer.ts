import { z } from 'zod';
import type { Config } from '../config/config.js';
import type { Database, Executor } from '../db/client.js';
import type { Logger } from '../observability/logger.js';
import { jobSchema, type JobRenderer, type OutboxJob } from './jobs.js';
import type { OutgoingMessage } from '../telegram/outgoing.js';
import { findChat } from '../../features/shops/chats.js';
import { effectiveThreshold } from '../../features/watchdog/thresholds.js';
import { computeSummaryFigures } from '../../features/reports/figures.js';
import { catalogue, pickLang } from '../i18n/lang.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { loadCheckPdf, loadCheckView, loadCheckViews } from '../../features/sales/load-check-views.js';
import { renderSaleAlert } from '../../features/sales/messages/sale-alert.js';
import { renderDigest } from '../../features/sales/messages/digest.js';
import { renderCashAlert } from '../../features/watchdog/messages/cash-alert.js';
import { renderSummary } from '../../features/reports/messages/summary.js';
import { findBusinessById } from '../../features/shops/businesses.js';
import { shopName } from '../../features/shops/shop-name.js';
import { renderReceipt } from '../../features/sales/messages/receipt.js';
import { renderNotice } from '../../features/shops/messages/notice.js';
import { computeHourlyRevenue } from '../../features/reports/series.js';
import { weekBefore } from '../../features/reports/period.js';
import { computePeriodReport } from '../../features/reports/period-report.js';
import { hourlyChartPng } from '../../features/reports/charts/sales-charts.js';
import { renderPeriodReport } from '../../features/reports/period-report-photo.js';
import { withChatDelivery } from './chat-delivery.js';
import { loadExportPart } from '../../features/exports/export-job.js';
import { renderReplyJob } from './reply-job.js';
import { loadOfflineEpisode } from '../../features/watchdog/watchdog-store.js';
import { renderDrawerMismatch, renderLargeDiscount, renderLargeReturn, renderServiceOut, renderTillOffline } from '../../features/watchdog/messages/watchdog.js';
import { renderDeskQuiet, renderDeskSellingAgain } from '../../features/watchdog/messages/silent-desk.js';
import { renderTestAlert } from '../../features/sales/messages/test-alert.js';

export interface JobRendererDeps {
  db: Database;
  config: Pick<Config, 'businessTz'> & Partial<Pick<Config, 'businessDayStart'>>;
  /** Told about jobs whose payload cannot be read (rendered as nothing to send). */
  logger?: Logger;
  /** The clock of quiet hours (tests). */
  now?: () => Date;
}

/** What is wrong with a stored job, for the log: the first problem zod found, and where. */
function problemOf(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unreadable job';
  const where = issue.path.length > 0 ? issue.path.join('.') : 'job';
  return `${where}: ${issue.message}`;
}

/** The chat's language: its /lang choice, else Ukrainian (the worker has no Telegram user to ask). */
async function chatCatalogue(db: Executor, chatId: number): Promise<Catalogue> {
  const chat = await findChat(db, chatId);
  return catalogue(pickLang(chat?.lang, null));
}

/**
 * Builds every outgoing message of the outbox at send time, from what is stored now: the check,
 * the cash desk's threshold, the day's figures, the chat's language. Answers null when there is
 * nothing to send any more (the check is gone, or the payload is unreadable: logged).
 */
export function createJobRenderer(deps: JobRendererDeps): JobRenderer {
  const { db } = deps;
  const tz = deps.config.businessTz;
  const dayStart = deps.config.businessDayStart ?? 0;

  const unreadable = (job: OutboxJob, problem: string): null => {
    deps.logger?.error({ jobId: job.id, kind: job.kind, problem }, 'outbox job cannot be rendered');
    return null;
  };

  async function render(job: OutboxJob): Promise<OutgoingMessage | null> {
    // The stored row read with the one job contract, once: an unknown kind or an unreadable
    // payload is logged and dropped (nothing to send).
    const parsed = jobSchema.safeParse({ kind: job.kind, checkId: job.checkId, payload: job.payload });
    if (!parsed.success) return unreadable(job, problemOf(parsed.error));
    const spec = parsed.data;
    const t = await chatCatalogue(db, job.chatId);
    switch (spec.kind) {
      case 'sale': {
        const view = await loadCheckView(db, job.businessId, spec.checkId);
        return view ? renderSaleAlert(view, t, tz) : null;
      }
      case 'low_cash':
      case 'high_cash': {
        const { cashDeskId, cashKop } = spec.payload;
        const desk = await effectiveThreshold(db, job.businessId, cashDeskId, spec.kind === 'low_cash' ? 'low' : 'high');
        if (!desk) return null;
        return renderCashAlert({ kind: spec.kind, numFiscal: desk.numFiscal, cashKop, thresholdKop: desk.thresholdKop }, t);
      }
      case 'daily_summary': {
        const { date } = spec.payload;
        const [figures, hours, weekAgoHours, business] = await Promise.all([
          computeSummaryFigures(db, { businessId: job.businessId, date }),
          computeHourlyRevenue(db, { businessId: job.businessId, date, tz, dayStart }),
          computeHourlyRevenue(db, { businessId: job.businessId, date: weekBefore(date), tz, dayStart }),
          findBusinessById(db, job.businessId),
        ]);
        const chart = hourlyChartPng({ date, hours, weekAgoDate: weekBefore(date), weekAgoHours, dayStart }, t);
        const shop = business ? shopName(business, t) : undefined;
        return { ...renderSummary(figures, t, shop), photo: { bytes: chart, filename: `summary-${date}.png` } };
      }
      case 'weekly_digest': {
        const report = await computePeriodReport(db, { businessId: job.businessId, kind: 'week', ...spec.payload });
        return renderPeriodReport(report, t, 'digest');
      }
      case 'receipt_pdf': {
        const [view] = await loadCheckViews(db, job.businessId, [spec.checkId]);
        if (!view) return null;
        const pdf = view.hasPdf ? await loadCheckPdf(db, view.checkId) : null;
        return renderReceipt(view, pdf, t, tz);
      }
      case 'notice':
        return renderNotice(spec.payload, t, tz);
      case 'export': {
        const { from, to, format, lang, part } = spec.payload;
        // In the language the Mini App (or /export's sender) showed.
        const language = lang ? catalogue(lang) : t;
        return loadExportPart(db, { businessId: job.businessId, from, to, format, part }, language, tz);
      }
      case 'reply':
        return renderReplyJob(spec.payload);
      // The watchdog (src/features/watchdog/watchdog.ts): one case per kind.
      case 'large_return': {
        const view = await loadCheckView(db, job.businessId, spec.checkId);
        return view ? renderLargeReturn(view, spec.payload, t, tz) : null;
      }
      case 'large_discount': {
        const view = await loadCheckView(db, job.businessId, spec.checkId);
        return view ? renderLargeDiscount(view, spec.payload, t, tz) : null;
      }
      case 'service_out': {
        const view = await loadCheckView(db, job.businessId, spec.checkId);
        return view ? renderServiceOut(view, spec.payload, t, tz) : null;
      }
      case 'drawer_mismatch': {
        const view = await loadCheckView(db, job.businessId, spec.checkId);
        return view ? renderDrawerMismatch(view, spec.payload, t, tz) : null;
      }
      case 'till_offline': {
        const { cashDeskId, from, until } = spec.payload;
        const episode = await loadOfflineEpisode(db, { businessId: job.businessId, cashDeskId, from: new Date(from), until: new Date(until) });
        return episode ? renderTillOffline(episode, t, tz) : null;
      }
      case 'desk_quiet': {
        const [check] = await loadCheckViews(db, job.businessId, [spec.checkId]);
        return renderDeskQuiet(spec.payload, check ?? null, t, tz);
      }
      case 'desk_selling_again': {
        const [check] = await loadCheckViews(db, job.businessId, [spec.checkId]);
        return renderDeskSellingAgain(spec.payload, check ?? null, t, tz);
      }
      case 'test_alert':
        return renderTestAlert(new Date(spec.payload.at), t, tz);
      default:
        return spec satisfies never;
    }
  }

  async function renderDigestOf(jobs: OutboxJob[]): Promise<OutgoingMessage> {
    const first = jobs[0];
    if (!first) throw new Error('renderDigest needs at least one job');
    const t = await chatCatalogue(db, first.chatId);
    const ids = jobs.filter((j) => j.kind === 'sale' && j.checkId !== null).map((j) => j.checkId!);
    const views = await loadCheckViews(db, first.businessId, ids, { payments: true });
    return renderDigest(views, t, tz);
  }

  // Every message then goes into its chat's topic, silently in its quiet hours.
  return withChatDelivery({ render, renderDigest: renderDigestOf }, { db, tz, ...(deps.now ? { now: deps.now } : {}) });
}
