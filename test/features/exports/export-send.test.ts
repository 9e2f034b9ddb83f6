import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../../src/platform/db/schema.js';
import { queueExport } from '../../../src/features/exports/export-files.js';
import { enqueueJobs } from '../../../src/platform/outbox/enqueue.js';
import { databaseKinds } from '../../support/databases.js';
import { eventually, startDeliveryHarness, type DeliveryHarness } from '../../support/delivery-harness.js';

/**
 * An export part goes out of the outbox from a temporary file, never held whole in memory: the
 * file lives in a private folder under the OS temp directory while it is sent, and is removed
 * after the send whatever happened. A failed send is retried by building the file again.
 */
describe.each(databaseKinds)('export sent from a temporary file (%s)', (kind) => {
  const originalTmp = process.env.TMPDIR;
  let root: string;
  let h: DeliveryHarness;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'export-send-test-'));
    process.env.TMPDIR = root;
    h = await startDeliveryHarness(kind, { realRenderer: true });
  });
  afterAll(async () => {
    await h?.close();
    if (originalTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = originalTmp;
    rmSync(root, { recursive: true, force: true });
  });

  it('sends the CSV from a 0700 folder of its own; a failed send removes it and the retry builds it anew', async () => {
    const uuids = [await h.postSale(), await h.postSale()];
    const harness = h;
    await eventually(() => harness.tg.messagesTo(harness.ownerChat).length >= 1, 10_000, 'the sale alerts');
    // What the temp directory held at each try to send the document (Telegram fails the first).
    const seen: Array<{ folders: string[]; modes: number[] }> = [];
    h.tg.setFault(({ method }) => {
      if (method !== 'sendDocument') return undefined;
      const folders = readdirSync(root);
      seen.push({ folders, modes: folders.map((f) => statSync(join(root, f)).mode & 0o777) });
      return seen.length === 1 ? { status: 502 } : undefined;
    });
    const before = h.tg.messagesTo(h.ownerChat).length;
    expect(await queueExport(h.database.db, { businessId: h.business.id, from: '2026-11-01', to: '2026-11-30', chatId: h.ownerChat, lang: 'uk', format: 'csv' })).toBe(1);
    h.delivery.worker.wake();
    await eventually(() => harness.tg.messagesTo(harness.ownerChat).some((m) => m.document), 15_000, 'the export after a failed try');
    h.tg.setFault(null);

    // Each try had exactly one part's folder, private to the service, and a new one each time.
    expect(seen).toHaveLength(2);
    for (const at of seen) {
      expect(at.folders).toHaveLength(1);
      expect(at.modes).toEqual([0o700]);
    }
    expect(seen[1]!.folders[0]).not.toBe(seen[0]!.folders[0]);
    const [file] = h.tg.messagesTo(h.ownerChat).slice(before).filter((m) => m.document);
    expect(file!.document!.filename).toBe('checks-2026-11-01-2026-11-30.csv');
    const text = file!.document!.bytes.toString('utf8');
    for (const uuid of uuids) expect(text).toContain(uuid);
    // Sent and recorded: nothing is left on disk.
    await eventually(async () => {
      const [job] = await harness.database.db.select().from(outbox).where(and(eq(outbox.chatId, harness.ownerChat), eq(outbox.kind, 'export')));
      return job?.status === 'done';
    }, 5_000, 'the export recorded as sent');
    // The folder goes once the send is handled (right after the job is recorded).
    await eventually(() => readdirSync(root).length === 0, 5_000, 'the part\'s folder removed');
  });

  it('a part whose checks are gone by its send (nothing to export) leaves no file behind', async () => {
    const before = h.tg.messagesTo(h.ownerChat).length;
    // Queued as /export would for a period that had checks; there are none in October now.
    await enqueueJobs(h.database.db, [
      { businessId: h.business.id, chatId: h.ownerChat, kind: 'export', payload: { from: '2026-10-01', to: '2026-10-31', format: 'xlsx', lang: 'uk', period: { from: '2026-10-01', to: '2026-10-31' } } },
    ]);
    h.delivery.worker.wake();
    const harness = h;
    await eventually(() => harness.tg.messagesTo(harness.ownerChat).length > before, 15_000, 'the answer');
    expect(h.tg.messagesTo(h.ownerChat).at(-1)!.document).toBeUndefined();
    expect(readdirSync(root)).toEqual([]);
  });
});
