import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../src/platform/db/client.js';
import { checks } from '../../src/platform/db/schema.js';
import { formatMoney } from '../../src/platform/money/format.js';
import type { OutboxJob } from '../../src/platform/outbox/outbox.js';
import type { JobRenderer } from '../../src/platform/outbox/job-renderer.js';
import type { OutgoingMessage } from '../../src/platform/telegram/outgoing.js';

/**
 * A renderer for delivery tests: every message names the checks it carries by uuid, so a test
 * can tell exactly which alerts reached which chat, how often and in what order. It reads the
 * checks from the database like the real renderer does.
 */
export interface TestRendererOptions {
  /** Checks whose alert is rendered with broken HTML (to provoke Telegram's 400). */
  brokenHtml?: (uuid: string) => boolean;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function message(html: string, plain: string): OutgoingMessage {
  return { text: html, parseMode: 'HTML', plainText: plain };
}

export function createTestRenderer(db: Executor, options: TestRendererOptions = {}): JobRenderer {
  async function uuidOf(checkId: number | null): Promise<{ uuid: string; totalKop: number } | undefined> {
    if (checkId === null) return undefined;
    const [row] = await db.select({ uuid: checks.uuid, totalKop: checks.totalKop }).from(checks).where(eq(checks.id, checkId));
    return row;
  }

  return {
    // Sale alerts merge into a digest, as the service's do.
    coalesces: (kind) => kind === 'sale',
    async render(job: OutboxJob) {
      if (job.kind === 'sale' || job.kind === 'receipt_pdf') {
        const check = await uuidOf(job.checkId);
        if (!check) return null;
        const plain = `${job.kind} ${check.uuid} ${formatMoney(check.totalKop)}`;
        if (job.kind === 'receipt_pdf') {
          return { ...message(`<b>receipt</b> ${check.uuid}`, `receipt ${check.uuid}`), document: { bytes: Buffer.from(`%PDF-1.4 ${check.uuid}`), filename: `${check.uuid}.pdf` } };
        }
        const html = options.brokenHtml?.(check.uuid) ? `<b>sale ${check.uuid} <i>unclosed` : `<b>sale</b> ${check.uuid} ${escape(formatMoney(check.totalKop))}`;
        return message(html, plain);
      }
      const text = `${job.kind} ${JSON.stringify(job.payload)}`;
      return message(`<b>${escape(job.kind)}</b> ${escape(JSON.stringify(job.payload))}`, text);
    },
    async renderDigest(jobs: OutboxJob[]) {
      const ids = jobs.map((j) => j.checkId).filter((id): id is number => id !== null);
      const rows = await db.select({ id: checks.id, uuid: checks.uuid }).from(checks).where(inArray(checks.id, ids));
      const byId = new Map(rows.map((r) => [r.id, r.uuid]));
      const uuids = ids.map((id) => byId.get(id) ?? '?');
      return message(`<b>digest</b> ${jobs.length}: ${uuids.join(' ')}`, `digest ${jobs.length}: ${uuids.join(' ')}`);
    },
  };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** The check uuids a message names, in order. */
export function uuidsIn(text: string): string[] {
  return text.match(UUID) ?? [];
}
