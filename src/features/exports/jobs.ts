import { z } from 'zod';
import type { JobDefinitions } from '../../platform/outbox/job-renderer.js';
import { LANGS } from '../../platform/i18n/catalogue.js';
import { catalogue } from '../../platform/i18n/lang.js';
import { businessDateSchema } from '../reports/index.js';
import { loadExportPart } from './export-job.js';


/**
 * Payload of 'export' (/export, and the Mini App's export buttons): a period's checks as a CSV or
 * XLSX file. An export too large for one file comes as several jobs, one per part: `from`/`to`
 * are then the part's days, `period` the period asked for, `part` which file of how many.
 */
const exportPayloadSchema = z.object({
  from: businessDateSchema,
  to: businessDateSchema,
  format: z.enum(['csv', 'xlsx']),
  /** The language the Mini App showed (the chat's own choice otherwise). */
  lang: z.enum(LANGS).optional(),
  period: z.object({ from: businessDateSchema, to: businessDateSchema }).optional(),
  part: z.object({ index: z.number().int().min(1).max(1000), of: z.number().int().min(1).max(1000) }).optional(),
  /** Who asked (a Telegram user id): one export waiting per person (export-requests.ts). */
  requestedBy: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});
export type ExportJobPayload = z.infer<typeof exportPayloadSchema>;

const exportJobSchema = z.object({ payload: exportPayloadSchema });

declare module '../../platform/outbox/job-kinds.js' {
  interface JobKinds {
    export: z.infer<typeof exportJobSchema>;
  }
}

/** The exports' outbox job: one file of a period's checks, built at send time. */
export const exportsJobDefinitions: JobDefinitions<'export'> = {
  export: {
    schema: exportJobSchema,
    async render(job, { db, t, tz }) {
      const { from, to, format, lang, part } = job.payload;
      // In the language the Mini App (or /export's sender) showed.
      return loadExportPart(db, { businessId: job.businessId, from, to, format, part }, lang ? catalogue(lang) : t, tz);
    },
  },
};
