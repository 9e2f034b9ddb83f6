import type { Writable } from 'node:stream';
import type { Executor } from '../../platform/db/client.js';
import type { Catalogue } from '../../platform/i18n/catalogue.js';
import { dateAsUtc, wallClockAsUtc } from '../../platform/time/business-time.js';
import { CHECK_KINDS, type CheckKind } from '../../platform/db/check-kinds.js';
import { checkPages, checkPagesWithItems, eventLoopTurns, type ExportPeriod, type PeriodVolume } from './export-source.js';
import { signedKop } from './signed-amounts.js';

/**
 * /export … xlsx: a period's checks as an XLSX workbook people open as it is. Two sheets, a row
 * per check and a row per item (each item row repeats its check's day, time, cash desk, number
 * and uuid, so it can be filtered and pivoted alone); real date cells (the business day, and the
 * check's local date and time in BUSINESS_TZ), money as numbers in a UAH format, quantities as
 * numbers; the header row frozen; column widths from the longest text of the period. Texts are
 * plain strings, never formulas. Item positions count from 1 (as the alerts do); a signed column
 * on each sheet (returns negative, signed-amounts.ts) adds up to the net with a plain SUM.
 *
 * Written with exceljs's streaming writer straight into `out`, from the database a page
 * of checks at a time (export-source.ts): the checks sheet in one pass, then the items sheet in
 * a second one, as a zip holds one sheet after the other. The event loop gets a turn after every
 * `sliceMs` (10) of writing, so writing a large period never holds it for long (bench:
 * BENCH_ONLY=export).
 */
export const UAH_FORMAT = '#,##0.00 "₴"';
const DATE_FORMAT = 'dd.mm.yyyy';
const DATE_TIME_FORMAT = 'dd.mm.yyyy hh:mm:ss';
const QUANTITY_FORMAT = '#,##0.###';
const INTEGER_FORMAT = '0';

const isKind = (kind: string): kind is CheckKind => (CHECK_KINDS as readonly string[]).includes(kind);
const money = (kop: number): number => kop / 100;
const signedMoney = (kind: string, kop: number): number | null => {
  const signed = signedKop(kind, kop);
  return signed === null ? null : money(signed);
};
/** A column as wide as its header and its longest text, within reason (Excel's width is in characters). */
const fit = (header: string, longest: number, max = 60): number => Math.min(max, Math.max(header.length, longest) + 2);

export interface WorkbookOptions {
  /** Checks per database page (their items are read per page too). */
  pageSize?: number;
  /** Milliseconds of writing between turns given to the event loop. */
  sliceMs?: number;
}

export interface WorkbookResult {
  checks: number;
  items: number;
}

export async function writeChecksWorkbook(
  db: Executor,
  period: ExportPeriod,
  volume: Pick<PeriodVolume, 'longest'>,
  t: Catalogue,
  tz: string,
  out: Writable,
  options: WorkbookOptions = {},
): Promise<WorkbookResult> {
  const pageSize = options.pageSize ?? 500;
  const sliceMs = options.sliceMs ?? 10;
  const c = t.exports.columns;
  const { longest } = volume;
  const kindWidth = Math.max(...CHECK_KINDS.map((k) => t.kind[k].length));

  // Loaded on first use: exceljs costs some 28 MB of memory, and most processes never export.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'CashDesk Telegram';
  const frozen = { views: [{ state: 'frozen' as const, ySplit: 1 }] };

  // Columns both sheets start with: which check, when, where.
  const checkColumns = [
    { header: c.date, width: fit(c.date, 10), style: { numFmt: DATE_FORMAT } },
    { header: c.dateTime, width: fit(c.dateTime, 19), style: { numFmt: DATE_TIME_FORMAT } },
    { header: c.cashDesk, width: fit(c.cashDesk, longest.numFiscal) },
    { header: c.checkNo, width: fit(c.checkNo, longest.orderNum) },
    { header: c.uuid, width: fit(c.uuid, 36) },
  ];
  const money13 = (header: string) => ({ header, width: fit(header, 15), style: { numFmt: UAH_FORMAT } });

  // A turn for the event loop once a slice of writing is used up (a row costs exceljs tens of
  // microseconds, more on a loaded machine: counting time, not rows, holds under both).
  const turn = eventLoopTurns(sliceMs);

  const checksSheet = workbook.addWorksheet(t.exports.sheets.checks, frozen);
  checksSheet.columns = [
    ...checkColumns,
    { header: c.kind, width: fit(c.kind, kindWidth) },
    money13(c.total),
    money13(c.signedTotal),
    money13(c.cash),
    money13(c.cashless),
    money13(c.discount),
    { header: c.items, width: fit(c.items, 5), style: { numFmt: INTEGER_FORMAT } },
  ];
  let checks = 0;
  for await (const page of checkPages(db, period, pageSize)) {
    for (const r of page) {
      checksSheet
        .addRow([
          dateAsUtc(r.businessDate),
          wallClockAsUtc(r.orderedAt, tz),
          r.numFiscal,
          r.orderNum,
          r.uuid,
          isKind(r.kind) ? t.kind[r.kind] : r.kind,
          money(r.totalKop),
          signedMoney(r.kind, r.totalKop),
          money(r.cashKop),
          money(r.cashlessKop),
          money(r.discountKop),
          r.items,
        ])
        .commit();
      checks++;
      await turn();
    }
  }
  checksSheet.commit();

  const itemsSheet = workbook.addWorksheet(t.exports.sheets.items, frozen);
  itemsSheet.columns = [
    ...checkColumns,
    { header: c.position, width: fit(c.position, 4), style: { numFmt: INTEGER_FORMAT } },
    { header: c.item, width: fit(c.item, longest.name) },
    { header: c.code, width: fit(c.code, longest.code, 30) },
    { header: c.unit, width: fit(c.unit, longest.unitName, 12) },
    { header: c.quantity, width: fit(c.quantity, 10), style: { numFmt: QUANTITY_FORMAT } },
    money13(c.price),
    money13(c.cost),
    money13(c.signedCost),
    money13(c.itemDiscount),
  ];
  let items = 0;
  for await (const page of checkPagesWithItems(db, period, pageSize)) {
    for (const r of page.checks) {
      if (r.items === 0) continue;
      // A check's cells once for all its items (the zone's offset is the costly part).
      const day = dateAsUtc(r.businessDate);
      const local = wallClockAsUtc(r.orderedAt, tz);
      for (const i of page.itemsOf(r.id)) {
        itemsSheet
          .addRow([
            day,
            local,
            r.numFiscal,
            r.orderNum,
            r.uuid,
            i.position + 1,
            i.name,
            i.code,
            i.unitName,
            i.amountMilli / 1000,
            money(i.priceKop),
            money(i.costKop),
            signedMoney(r.kind, i.costKop),
            money(i.discountKop),
          ])
          .commit();
        items++;
        await turn();
      }
    }
  }
  itemsSheet.commit();
  await workbook.commit();
  return { checks, items };
}
