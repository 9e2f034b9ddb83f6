import { z } from 'zod';
import { checkIdSchema, isoInstantSchema, type JobDefinitions } from '../../platform/outbox/job-renderer.js';
import { loadCheckPdf, loadCheckView, loadCheckViews } from './load-check-views.js';
import { renderSaleAlert } from './messages/sale-alert.js';
import { renderDigest } from './messages/digest.js';
import { renderReceipt } from './messages/receipt.js';
import { renderTestAlert } from './messages/test-alert.js';

/** The sales' outbox jobs: a sale alert, the receipt's PDF, and /start's test alert. */

/** A sale (or return…) alert for a check (features/ingest writes it; several merge into a digest when the chat falls behind). */
const saleJobSchema = z.object({ checkId: checkIdSchema });

/** The PDF CashDesk sent with a check (the receipt button, bot/callbacks/buttons.ts). */
const receiptPdfJobSchema = z.object({ checkId: checkIdSchema });

/**
 * Payload of 'test_alert' (no check): /start's test button was pressed at `at`; the sample
 * check's alert goes out, marked as a test (test-alert.ts queues it). Nothing is stored as a check.
 */
const testAlertPayloadSchema = z.object({ at: isoInstantSchema });
const testAlertJobSchema = z.object({ checkId: z.null().optional(), payload: testAlertPayloadSchema });

declare module '../../platform/outbox/job-kinds.js' {
  interface JobKinds {
    sale: z.infer<typeof saleJobSchema>;
    receipt_pdf: z.infer<typeof receiptPdfJobSchema>;
    test_alert: z.infer<typeof testAlertJobSchema>;
  }
}

export const salesJobDefinitions: JobDefinitions<'sale' | 'receipt_pdf' | 'test_alert'> = {
  sale: {
    schema: saleJobSchema,
    async render(job, { db, t, tz }) {
      const view = await loadCheckView(db, job.businessId, job.checkId);
      return view ? renderSaleAlert(view, t, tz) : null;
    },
    async renderDigest(jobs, { db, t, tz }) {
      const views = await loadCheckViews(
        db,
        jobs[0]!.businessId,
        jobs.map((job) => job.checkId),
        { payments: true },
      );
      return renderDigest(views, t, tz);
    },
  },
  receipt_pdf: {
    schema: receiptPdfJobSchema,
    async render(job, { db, t, tz }) {
      const [view] = await loadCheckViews(db, job.businessId, [job.checkId]);
      if (!view) return null;
      const pdf = view.hasPdf ? await loadCheckPdf(db, view.checkId) : null;
      return renderReceipt(view, pdf, t, tz);
    },
  },
  test_alert: {
    schema: testAlertJobSchema,
    render: async (job, { t, tz }) => renderTestAlert(new Date(job.payload.at), t, tz),
  },
};
