import { z } from 'zod';
import type { Config } from '../../config/config.js';
import type { Database, Executor } from '../../db/client.js';
import type { Logger } from '../../observability/logger.js';
import type { JobRenderer, OutboxJob, OutgoingMessage } from '../outgoing.js';
import { findChat } from '../../access/chats.js';
import { effectiveThreshold } from '../../access/thresholds.js';
import { computeSummaryFigures } from '../../reports/figures.js';
import { catalogue, pickLang } from '../../i18n/lang.js';
import { LANGS, type Catalogue } from '../../i18n/catalogue.js';
import { loadCheckPdf, loadCheckView, loadCheckViews } from './check-view.js';
import { renderSaleAlert } from './sale-alert.js';
import { renderDigest } from './digest.js';
import { renderCashAlert } from './cash-alert.js';
import { renderSummary } from './summary.js';
import { renderReceipt } from './receipt.js';
import { noticePayloadSchema, renderNotice } from './notice.js';
import { computeHourlyRevenue } from '../../reports/series.js';
import { weekBefore } from '../../reports/period.js';
import { computePeriodReport } from '../../reports/period-report.js';
import { weeklyDigestPayloadSchema } from '../../schedules/weekly-digest.js';
import { hourlyChartPng } from '../../charts/sales-charts.js';
import { renderPeriodReport } from './period-report.js';
import { withChatDelivery } from './chat-delivery.js';
import { renderChecksExport } from './checks-export.js';
import { renderReplyJob, replyPayloadSchema } from './reply-job.js';
import { deskQuietPayloadSchema, deskSellingAgainPayloadSchema, renderDeskQuiet, renderDeskSellingAgain } from '../../messages/desk-quiet.js';

export interface JobRendererDeps {
  db: Database;
  config: Pick<Config, 'businessTz'> & Partial<Pick<Config, 'businessDayStart'>>;
  /** Told about jobs whose payload cannot be read (rendered as nothing to send). */
  logger?: Logger;
  /** The clock of quiet hours (tests). */
  now?: () => Date;
}

const cashPayloadSchema = z.object({ cashDeskId: z.number().int().positive(), cashKop: z.number().int() });
const summaryPayloadSchema = z.object({ date: z.iso.date() });
const exportPayloadSchema = z.object({ from: z.iso.date(), to: z.iso.date(), format: z.enum(['csv', 'xlsx']), lang: z.enum(LANGS).optional() });

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
    const t = await chatCatalogue(db, job.chatId);
    switch (job.kind) {
      case 'sale': {
        if (job.checkId === null) return unreadable(job, 'no check id');
        const view = await loadCheckView(db, job.businessId, job.checkId);
        return view ? renderSaleAlert(view, t, tz) : null;
      }
      case 'low_cash':
      case 'high_cash': {
        const payload = cashPayloadSchema.safeParse(job.payload);
        if (!payload.success) return unreadable(job, 'payload is not {cashDeskId, cashKop}');
        const desk = await effectiveThreshold(db, job.businessId, payload.data.cashDeskId, job.kind === 'low_cash' ? 'low' : 'high');
        if (!desk) return null;
        return renderCashAlert({ kind: job.kind, numFiscal: desk.numFiscal, cashKop: payload.data.cashKop, thresholdKop: desk.thresholdKop }, t);
      }
      case 'daily_summary': {
        const payload = summaryPayloadSchema.safeParse(job.payload);
        if (!payload.success) return unreadable(job, 'payload is not {date}');
        const { date } = payload.data;
        const [figures, hours, weekAgoHours] = await Promise.all([
          computeSummaryFigures(db, { businessId: job.businessId, date }),
          computeHourlyRevenue(db, { businessId: job.businessId, date, tz, dayStart }),
          computeHourlyRevenue(db, { businessId: job.businessId, date: weekBefore(date), tz, dayStart }),
        ]);
        const chart = hourlyChartPng({ date, hours, weekAgoDate: weekBefore(date), weekAgoHours, dayStart }, t);
        return { ...renderSummary(figures, t), photo: { bytes: chart, filename: `summary-${date}.png` } };
      }
      case 'weekly_digest': {
        const payload = weeklyDigestPayloadSchema.safeParse(job.payload);
        if (!payload.success) return unreadable(job, 'payload is not {from, to}');
        const report = await computePeriodReport(db, { businessId: job.businessId, kind: 'week', ...payload.data });
        return renderPeriodReport(report, t, 'digest');
      }
      case 'receipt_pdf': {
        if (job.checkId === null) return unreadable(job, 'no check id');
        const [view] = await loadCheckViews(db, job.businessId, [job.checkId]);
        if (!view) return null;
        const pdf = view.hasPdf ? await loadCheckPdf(db, view.checkId) : null;
        return renderReceipt(view, pdf, t, tz);
      }
      case 'notice': {
        const payload = noticePayloadSchema.safeParse(job.payload);
        if (!payload.success) return unreadable(job, 'payload is not a known notice');
        return renderNotice(payload.data, t, tz);
      }
      case 'export': {
        const payload = exportPayloadSchema.safeParse(job.payload);
        if (!payload.success) return unreadable(job, 'payload is not {from, to, format}');
        // In the language the Mini App showed, as /export answers in the sender's language.
        const lang = payload.data.lang ? catalogue(payload.data.lang) : t;
        return renderChecksExport(db, { businessId: job.businessId, from: payload.data.from, to: payload.data.to, format: payload.data.format }, lang, tz);
      }
      case 'reply': {
        const payload = replyPayloadSchema.safeParse(job.payload);
        if (!payload.success) return unreadable(job, 'payload is not a rendered reply');
        return renderReplyJob(payload.data);
      }
      case 'desk_quiet': {
        const payload = deskQuietPayloadSchema.safeParse(job.payload);
        if (!payload.success) return unreadable(job, 'payload is not a desk_quiet payload');
        const [check] = job.checkId === null ? [] : await loadCheckViews(db, job.businessId, [job.checkId]);
        return renderDeskQuiet(payload.data, check ?? null, t, tz);
      }
      case 'desk_selling_again': {
        const payload = deskSellingAgainPayloadSchema.safeParse(job.payload);
        if (!payload.success) return unreadable(job, 'payload is not a desk_selling_again payload');
        const [check] = job.checkId === null ? [] : await loadCheckViews(db, job.businessId, [job.checkId]);
        return renderDeskSellingAgain(payload.data, check ?? null, t, tz);
      }
      default:
        return unreadable(job, `unknown kind ${job.kind}`);
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
