import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Business } from '../../../src/features/shops/businesses.js';
import { loadPeriodVolume } from '../../../src/features/exports/export-source.js';
import { UAH_FORMAT, writeChecksWorkbook } from '../../../src/features/exports/xlsx-workbook.js';
import { buildExportPart, planExport, queueExport } from '../../../src/features/exports/export-files.js';
import { createServiceRenderer } from '../../../src/service.js';
import { outbox } from '../../../src/platform/db/schema.js';
import { and, asc, eq } from 'drizzle-orm';
import { estimateBytes, planExportParts, SHEET_ROW_LIMIT, TELEGRAM_DOCUMENT_LIMIT_BYTES } from '../../../src/features/exports/export-parts.js';
import { catalogue } from '../../../src/platform/i18n/lang.js';
import { createBusiness } from '../../support/app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';
import { fixture, variant } from '../../support/fixtures.js';
import { KYIV, simpleCheck, storeCheck } from '../reports/store-check.js';
import { readDocument, readPart } from '../../support/documents.js';

const uk = catalogue('uk');
type Body = Record<string, any>;
const kop = (v: unknown) => Math.round(Number(v) * 100);

async function workbookBytes(write: (out: PassThrough) => Promise<unknown>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => out.on('end', resolve));
  await write(out);
  await ended;
  return Buffer.concat(chunks);
}

describe('planning the parts of an XLSX export', () => {
  const day = (date: string, checks: number, items: number) => ({ date, checks, items });

  it('keeps a small period in one file', () => {
    expect(planExportParts([day('2026-11-01', 100, 900), day('2026-11-02', 0, 0), day('2026-11-03', 50, 400)])).toEqual([
      { from: '2026-11-01', to: '2026-11-03', checks: 150, items: 1300, index: 1, of: 1 },
    ]);
  });

  it('cuts at whole days when the estimated size passes the limit, numbering the parts', () => {
    const perDay = estimateBytes(1000, 10_000);
    const days = Array.from({ length: 10 }, (_, i) => day(`2026-11-${String(i + 1).padStart(2, '0')}`, 1000, 10_000));
    const parts = planExportParts(days, { maxBytes: perDay * 3 });
    expect(parts.map((p) => [p.from, p.to, p.index, p.of])).toEqual([
      ['2026-11-01', '2026-11-03', 1, 4],
      ['2026-11-04', '2026-11-06', 2, 4],
      ['2026-11-07', '2026-11-09', 3, 4],
      ['2026-11-10', '2026-11-10', 4, 4],
    ]);
    expect(parts.reduce((s, p) => s + p.items, 0)).toBe(100_000);
    for (const p of parts) expect(estimateBytes(p.checks, p.items)).toBeLessThanOrEqual(perDay * 3);
  });

  it('gives a day larger than the limit a part of its own, and keeps each sheet under its row limit', () => {
    const parts = planExportParts([day('2026-11-01', 10, 10), day('2026-11-02', 100, 1_000_000), day('2026-11-03', 10, 100_000)]);
    expect(parts.map((p) => [p.from, p.to])).toEqual([
      ['2026-11-01', '2026-11-01'],
      ['2026-11-02', '2026-11-02'],
      ['2026-11-03', '2026-11-03'],
    ]);
    expect(estimateBytes(100, 1_000_000)).toBeGreaterThan(TELEGRAM_DOCUMENT_LIMIT_BYTES);
    const rowsOnly = planExportParts([day('2026-11-01', 10, SHEET_ROW_LIMIT - 5), day('2026-11-02', 10, 10)], { maxBytes: Number.MAX_SAFE_INTEGER });
    expect(rowsOnly).toHaveLength(2);
  });

  it('covers the period asked for without gaps', () => {
    const perDay = estimateBytes(1000, 10_000);
    const days = [day('2026-11-03', 1000, 10_000), day('2026-11-10', 1000, 10_000), day('2026-11-20', 1000, 10_000)];
    const parts = planExportParts(days, { maxBytes: perDay, period: { from: '2026-11-01', to: '2026-11-30' } });
    expect(parts.map((p) => [p.from, p.to])).toEqual([
      ['2026-11-01', '2026-11-03'],
      ['2026-11-04', '2026-11-10'],
      ['2026-11-11', '2026-11-30'],
    ]);
  });

  it('plans nothing for a period without checks', () => {
    expect(planExportParts([])).toEqual([]);
  });

  it('estimates long names as larger', () => {
    expect(estimateBytes(10, 100, 200)).toBeGreaterThan(estimateBytes(10, 100, 30));
  });
});

describe.each(databaseKinds)('/export … xlsx workbook (%s)', (kind) => {
  let database: TestDatabase;
  let business: Business;
  const bodies: Body[] = [];
  const period = () => ({ businessId: business.id, from: '2026-11-27', to: '2026-11-27' });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    business = await createBusiness(database);
    const tricky = variant('sale-card', 'tricky-1', (c) => {
      c.check_data.products[0].name = '=HYPERLINK("http://x")';
    });
    for (const body of [fixture('sale-cash'), fixture('long-check'), fixture('return'), tricky]) {
      bodies.push(body);
      await storeCheck(database.db, business, body);
    }
    // Three checks at the same second: the keyset must page through ties by id.
    for (const uuid of ['tie-1', 'tie-2', 'tie-3']) await storeCheck(database.db, business, simpleCheck({ uuid, date: '2026-11-27', time: '12:00:00', totalUah: '10' }));
    await storeCheck(database.db, business, { ...simpleCheck({ uuid: 'svc-1', date: '2026-11-27', time: '07:59:00', totalUah: '500' }), check_type: 'SERVICE_IN', check_data: { total_sum: 500, products: [] } });
    // Outside the period, and another business's: not exported.
    await storeCheck(database.db, business, simpleCheck({ uuid: 'next-day', date: '2026-11-28', time: '10:00:00', totalUah: '1' }));
    await storeCheck(database.db, await createBusiness(database), simpleCheck({ uuid: 'other-biz', date: '2026-11-27', time: '10:00:00', totalUah: '1' }));
  });
  afterAll(async () => {
    await database.destroy();
  });

  it('measures the period per day, with its longest texts', async () => {
    const volume = await loadPeriodVolume(database.db, { businessId: business.id, from: '2026-11-27', to: '2026-11-28' });
    const items = bodies.reduce((s, b) => s + b.check_data.products.length, 0) + 3;
    expect(volume.days).toEqual([
      { date: '2026-11-27', checks: bodies.length + 4, items },
      { date: '2026-11-28', checks: 1, items: 1 },
    ]);
    const names = [...bodies.flatMap((b) => b.check_data.products.map((p: Body) => p.name as string))];
    expect(volume.longest.name).toBe(Math.max(...names.map((n) => n.length)));
  });

  it('writes a sheet of checks and a sheet of items with real numbers and dates, page by page', async () => {
    const volume = await loadPeriodVolume(database.db, period());
    let result: { checks: number; items: number } | undefined;
    // Pages of 2 checks and a turn after every row: every seam of the paging is crossed.
    const bytes = await workbookBytes(async (out) => {
      result = await writeChecksWorkbook(database.db, period(), volume, uk, KYIV, out, { pageSize: 2, sliceMs: 0 });
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([uk.exports.sheets.checks, uk.exports.sheets.items]);
    const [checks, items] = workbook.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    const c = uk.exports.columns;

    // Frozen header rows.
    expect(checks.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(items.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (s: ExcelJS.Worksheet) => (s.getRow(1).values as unknown[]).slice(1);
    expect(header(checks)).toEqual([c.date, c.dateTime, c.cashDesk, c.checkNo, c.uuid, c.kind, c.total, c.signedTotal, c.cash, c.cashless, c.discount, c.items]);
    expect(header(items)).toEqual([c.date, c.dateTime, c.cashDesk, c.checkNo, c.uuid, c.position, c.item, c.code, c.unit, c.quantity, c.price, c.cost, c.signedCost, c.itemDiscount]);

    const rowsOf = (s: ExcelJS.Worksheet) => {
      const out: unknown[][] = [];
      s.eachRow((row, n) => {
        if (n > 1) out.push((row.values as unknown[]).slice(1));
      });
      return out;
    };
    const checkRows = rowsOf(checks);
    const itemRows = rowsOf(items);
    const itemCount = bodies.reduce((s, b) => s + b.check_data.products.length, 0) + 3;
    expect(result).toEqual({ checks: bodies.length + 4, items: itemCount });
    expect(checkRows).toHaveLength(bodies.length + 4);
    expect(itemRows).toHaveLength(itemCount);

    // In the order of the checks' own time: the deposit at 07:59 first; ties in id order.
    expect(checkRows[0]![4]).toBe('svc-1');
    const uuids = checkRows.map((r) => r[4]);
    expect(uuids.indexOf('tie-1')).toBeLessThan(uuids.indexOf('tie-2'));
    expect(uuids.indexOf('tie-2')).toBeLessThan(uuids.indexOf('tie-3'));
    expect(uuids).not.toContain('next-day');
    expect(uuids).not.toContain('other-biz');

    for (const body of bodies) {
      const row = checkRows.find((r) => r[4] === body.uuid)!;
      // Real cells: the business day as a date, the local time as a date-time, money as numbers.
      expect(row[0]).toEqual(new Date(Date.UTC(2026, 10, 27)));
      const [h, m, s] = (body.ORDERTIME as string).split(':').map(Number) as [number, number, number];
      expect(row[1]).toEqual(new Date(Date.UTC(2026, 10, 27, h, m, s)));
      expect(row[2]).toBe(body.num_fiscal);
      expect(Math.round((row[6] as number) * 100)).toBe(kop(body.check_data.total_sum));
      expect(row[11]).toBe(body.check_data.products.length);
      const lines = itemRows.filter((r) => r[4] === body.uuid);
      expect(lines.map((r) => r[6])).toEqual(body.check_data.products.map((p: Body) => p.name));
      // Positions count from 1, as the alerts do.
      expect(lines.map((r) => r[5])).toEqual(body.check_data.products.map((_: Body, i: number) => i + 1));
      expect(lines.reduce((sum, r) => sum + Math.round((r[11] as number) * 100), 0)).toBe(
        body.check_data.products.reduce((sum: number, p: Body) => sum + kop(p.cost), 0),
      );
    }
    // A formula-looking name is a plain string cell, not a formula.
    const formulaLike = items.getColumn(7).values.find((v) => typeof v === 'string' && v.startsWith('=HYPERLINK'));
    expect(formulaLike).toBe('=HYPERLINK("http://x")');
    expect(checks.getRow(1 + uuids.indexOf('svc-1') + 1).getCell(6).value).toBe(uk.kind.service_in);

    // Formats: money in hryvnias, dates as dates; widths fit the longest name.
    expect(checks.getRow(2).getCell(7).numFmt).toBe(UAH_FORMAT);
    expect(items.getRow(2).getCell(12).numFmt).toBe(UAH_FORMAT);
    expect(checks.getRow(2).getCell(1).numFmt).toBe('dd.mm.yyyy');
    expect(checks.getRow(2).getCell(2).numFmt).toBe('dd.mm.yyyy hh:mm:ss');
    const longestName = Math.max(...bodies.flatMap((b) => b.check_data.products.map((p: Body) => (p.name as string).length)));
    expect(items.getColumn(7).width).toBe(Math.min(60, longestName + 2));
  });

  it('writes an empty period as two sheets with their headers only', async () => {
    const empty = { businessId: business.id, from: '2026-10-01', to: '2026-10-02' };
    const volume = await loadPeriodVolume(database.db, empty);
    expect(volume.days).toEqual([]);
    const bytes = await workbookBytes((out) => writeChecksWorkbook(database.db, empty, volume, uk, KYIV, out));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.rowCount)).toEqual([1, 1]);
  });

  it('builds a part as bytes, or only tells its size when it is too large to send', async () => {
    const part = await readPart(await buildExportPart(database.db, period(), 'xlsx', uk, KYIV));
    expect(part.checks).toBe(bodies.length + 4);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(part.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.rowCount).toBe(1 + bodies.length + 4);

    const tooBig = await buildExportPart(database.db, period(), 'xlsx', uk, KYIV, { maxBytes: 2000 });
    // Its size as written (a workbook's dates, in the zip and its properties, may move it by a byte or two).
    if (!('tooBigBytes' in tooBig)) throw new Error('expected only a size');
    expect(Object.keys(tooBig)).toEqual(['tooBigBytes']);
    expect(Math.abs(tooBig.tooBigBytes - part.bytes.length)).toBeLessThanOrEqual(16);
  });

  it('plans a period into parts by its days', async () => {
    const whole = await planExport(database.db, { businessId: business.id, from: '2026-11-20', to: '2026-11-30' });
    // Named by the period asked for, not only the days that have checks.
    expect(whole.map((p) => [p.from, p.to, p.index, p.of])).toEqual([['2026-11-20', '2026-11-30', 1, 1]]);
    // A limit the first day alone passes: each day its own file.
    const split = await planExport(database.db, { businessId: business.id, from: '2026-11-20', to: '2026-11-30' }, { maxBytes: 1000 });
    expect(split.map((p) => [p.from, p.to, p.index, p.of])).toEqual([
      ['2026-11-20', '2026-11-27', 1, 2],
      ['2026-11-28', '2026-11-30', 2, 2],
    ]);
    expect(split.map((p) => p.checks)).toEqual([bodies.length + 4, 1]);
  });

  it('queues one outbox job per part, each rendered at send time as its own file saying which of how many', async () => {
    const chatId = business.ownerUserId;
    const files = await queueExport(database.db, { businessId: business.id, from: '2026-11-20', to: '2026-11-30', chatId, lang: 'en', format: 'xlsx' }, { maxBytes: 1000 });
    expect(files).toBe(2);
    const jobs = await database.db.select().from(outbox).where(and(eq(outbox.chatId, chatId), eq(outbox.kind, 'export'))).orderBy(asc(outbox.id));
    expect(jobs.map((j) => j.payload)).toEqual([
      { from: '2026-11-20', to: '2026-11-27', format: 'xlsx', lang: 'en', period: { from: '2026-11-20', to: '2026-11-30' }, part: { index: 1, of: 2 } },
      { from: '2026-11-28', to: '2026-11-30', format: 'xlsx', lang: 'en', period: { from: '2026-11-20', to: '2026-11-30' }, part: { index: 2, of: 2 } },
    ]);
    const renderer = createServiceRenderer({ db: database.db, config: { businessTz: KYIV } });
    const en = catalogue('en');
    const uuids: unknown[] = [];
    for (const [i, job] of jobs.entries()) {
      const message = await renderer.render({ ...job, kind: job.kind, payload: job.payload as Record<string, unknown> });
      const p = job.payload as { from: string; to: string };
      expect(message!.document!.filename).toBe(`checks-${p.from}-${p.to}.xlsx`);
      expect(message!.plainText).toContain(`File ${i + 1} of 2.`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await readDocument(message!)) as unknown as ArrayBuffer);
      expect(workbook.worksheets[0]!.name).toBe(en.exports.sheets.checks);
      workbook.worksheets[0]!.eachRow((row, n) => {
        if (n > 1) uuids.push(row.getCell(5).value);
      });
    }
    // Together the files hold every check of the period once.
    expect(uuids).toHaveLength(bodies.length + 5);
    expect(new Set(uuids).size).toBe(uuids.length);
    expect(uuids).toContain('next-day');
  });
});

describe.each(databaseKinds)('/export … xlsx adds up (%s)', (kind) => {
  let database: TestDatabase;
  let business: Business;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    business = await createBusiness(database);
    // A sale of 100,00, a return sent with positive sums (30,00) and one with negative sums
    // (-20,00), and a service deposit (not revenue): the net is 50,00.
    await storeCheck(database.db, business, simpleCheck({ uuid: 'sale', date: '2026-11-27', time: '09:00:00', totalUah: '100' }));
    await storeCheck(database.db, business, simpleCheck({ uuid: 'ret-plus', date: '2026-11-27', time: '10:00:00', totalUah: '30', checkType: 'RETURN' }));
    await storeCheck(database.db, business, simpleCheck({ uuid: 'ret-minus', date: '2026-11-27', time: '11:00:00', totalUah: '-20', checkType: 'RETURN' }));
    await storeCheck(database.db, business, { ...simpleCheck({ uuid: 'svc', date: '2026-11-27', time: '12:00:00', totalUah: '500' }), check_type: 'SERVICE_IN', check_data: { total_sum: 500, products: [] } });
  });
  afterAll(async () => database.destroy());

  it('a plain SUM of either signed column is the net, returns negative whatever sign they came with; raw values kept', async () => {
    const part = await readPart(await buildExportPart(database.db, { businessId: business.id, from: '2026-11-27', to: '2026-11-27' }, 'xlsx', uk, KYIV));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(part.bytes as unknown as ArrayBuffer);
    const [checks, items] = workbook.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    const c = uk.exports.columns;
    const column = (sheet: ExcelJS.Worksheet, name: string) => {
      const index = (sheet.getRow(1).values as unknown[]).indexOf(name);
      const cells: unknown[] = [];
      sheet.eachRow((row, n) => {
        if (n > 1) cells.push(row.getCell(index).value);
      });
      return cells;
    };
    const cents = (cells: unknown[]) => cells.reduce<number>((s, v) => s + (typeof v === 'number' ? Math.round(v * 100) : 0), 0);
    expect(cents(column(checks, c.signedTotal))).toBe(5_000);
    expect(cents(column(items, c.signedCost))).toBe(5_000);
    // The raw totals as the till sent them; the deposit's signed cell empty.
    expect(column(checks, c.total)).toEqual([100, 30, -20, 500]);
    expect(column(checks, c.signedTotal)).toEqual([100, -30, -20, null]);
  });
});
