import { PassThrough } from 'node:stream';
import type { Catalogue } from '../i18n/catalogue.js';
import { localTimeOf } from '../time/business-time.js';
import { CHECK_KINDS, type CheckKind } from '../db/check-kinds.js';
import type { ExportRow } from './checks-csv.js';

/**
 * /export … xlsx: the same rows and columns as the CSV (checks-csv.ts), as an XLSX workbook with
 * one sheet, written by exceljs's streaming writer (rows are committed as they are added, so a
 * long period does not hold a workbook model in memory). Money and quantities are numbers (UAH
 * with two decimals, quantities with three, from the stored integers), dates and times text as
 * in the CSV; texts are plain strings, never formulas.
 */
const isKind = (kind: string): kind is CheckKind => (CHECK_KINDS as readonly string[]).includes(kind);
const money = (kop: unknown): number => Number(kop) / 100;
const MONEY_FORMAT = '0.00';
const QUANTITY_FORMAT = '0.###';

export async function checksXlsx(rows: readonly ExportRow[], t: Catalogue, tz: string): Promise<Buffer> {
  const c = t.exports.columns;
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  // Loaded on first use: exceljs costs some 28 MB of memory, and most processes never export.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(t.lang === 'uk' ? 'Чеки' : 'Checks', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: c.date, width: 11 },
    { header: c.time, width: 7 },
    { header: c.cashDesk, width: 12 },
    { header: c.checkNo, width: 18 },
    { header: c.uuid, width: 36 },
    { header: c.kind, width: 12 },
    { header: c.total, width: 11, style: { numFmt: MONEY_FORMAT } },
    { header: c.cash, width: 11, style: { numFmt: MONEY_FORMAT } },
    { header: c.cashless, width: 11, style: { numFmt: MONEY_FORMAT } },
    { header: c.discount, width: 10, style: { numFmt: MONEY_FORMAT } },
    { header: c.position, width: 6 },
    { header: c.item, width: 40 },
    { header: c.code, width: 12 },
    { header: c.unit, width: 6 },
    { header: c.quantity, width: 9, style: { numFmt: QUANTITY_FORMAT } },
    { header: c.price, width: 10, style: { numFmt: MONEY_FORMAT } },
    { header: c.cost, width: 10, style: { numFmt: MONEY_FORMAT } },
    { header: c.itemDiscount, width: 10, style: { numFmt: MONEY_FORMAT } },
  ];
  for (const r of rows) {
    const hasItem = r.position !== null && r.position !== undefined;
    const [y, m, d] = r.business_date.split('-');
    sheet
      .addRow([
        `${d}.${m}.${y}`,
        localTimeOf(new Date(r.ordered_at as string | Date), tz),
        r.num_fiscal,
        r.order_num ?? '',
        r.uuid,
        isKind(r.kind) ? t.kind[r.kind] : r.kind,
        money(r.total_kop),
        money(r.cash_kop),
        money(r.cashless_kop),
        money(r.check_discount_kop),
        hasItem ? Number(r.position) : null,
        hasItem ? (r.name ?? '') : null,
        hasItem ? (r.code ?? '') : null,
        hasItem ? (r.unit_name ?? '') : null,
        hasItem ? Number(r.amount_milli) / 1000 : null,
        hasItem ? money(r.price_kop) : null,
        hasItem ? money(r.cost_kop) : null,
        hasItem ? money(r.discount_kop) : null,
      ])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
  await finished;
  return Buffer.concat(chunks);
}
