import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Executor } from '../../platform/db/client.js';
import type { Catalogue } from '../../platform/i18n/catalogue.js';
import { formatAmount, formatQuantity } from '../../platform/money/format.js';
import { localTimeOf } from '../../platform/time/business-time.js';
import { CHECK_KINDS, type CheckKind } from '../../platform/db/check-kinds.js';
import { checkPagesWithItems, eventLoopTurns, type ExportCheckRow, type ExportItemRow, type ExportPeriod } from './export-source.js';
import { signedKop } from './signed-amounts.js';

/**
 * /export as CSV for a spreadsheet. UTF-8 with a BOM (so Excel reads Cyrillic), `;` between
 * fields and CRLF between rows (what Excel in a Ukrainian locale expects), money and quantities
 * as decimals with a comma and no thousands separator (`1234,50`), exact from the stored
 * integers. One row per item with its check's fields; a check without items (a service deposit)
 * is one row with the item's fields empty. Checks in the order of their own time; item positions
 * from 1. Two signed columns add up with a plain SUM: the check's signed total (on its first row
 * only, so a check counts once) and each item's signed amount; returns negative (signed-amounts.ts).
 *
 * Written as a stream: the period's checks a page at a time (export-source.ts, the keyset walk
 * the XLSX shares) through csv-stringify's streaming stringifier into `out`, minding its
 * backpressure, with a turn for the event loop after every `sliceMs` (10) of writing.
 */
export const csvMoney = (kop: unknown): string => formatAmount(Number(kop)).replace(/\s/g, '');

/**
 * A text cell a spreadsheet would take for a formula is prefixed with an apostrophe: one that
 * starts, after any spaces, with = + - @ or their full-width forms ＝ ＋ － ＠, or with a tab or CR.
 */
const FORMULA_START = /^(?:\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|[\t\r])/u;
export const csvText = (text: string | null): string => (text === null ? '' : FORMULA_START.test(text) ? `'${text}` : text);

const isKind = (kind: string): kind is CheckKind => (CHECK_KINDS as readonly string[]).includes(kind);
const signedCell = (kind: string, kop: number): string => {
  const signed = signedKop(kind, kop);
  return signed === null ? '' : csvMoney(signed);
};

function csvHeader(t: Catalogue): string[] {
  const c = t.exports.columns;
  return [
    c.date, c.time, c.cashDesk, c.checkNo, c.uuid, c.kind, c.total, c.signedTotal, c.cash, c.cashless, c.discount,
    c.position, c.item, c.code, c.unit, c.quantity, c.price, c.cost, c.signedCost, c.itemDiscount,
  ];
}

/** The CSV rows of one check: a row per item, or one without item fields. Pure. */
export function csvRecords(check: ExportCheckRow, items: readonly ExportItemRow[], t: Catalogue, tz: string): string[][] {
  const [y, m, d] = check.businessDate.split('-');
  const head = [
    `${d}.${m}.${y}`,
    localTimeOf(check.orderedAt, tz),
    csvText(check.numFiscal),
    csvText(check.orderNum),
    csvText(check.uuid),
    csvText(isKind(check.kind) ? t.kind[check.kind] : check.kind),
    csvMoney(check.totalKop),
  ];
  const tail = [csvMoney(check.cashKop), csvMoney(check.cashlessKop), csvMoney(check.discountKop)];
  const signedTotal = signedCell(check.kind, check.totalKop);
  if (items.length === 0) return [[...head, signedTotal, ...tail, '', '', '', '', '', '', '', '', '']];
  return items.map((i, n) => [
    ...head,
    n === 0 ? signedTotal : '',
    ...tail,
    String(i.position + 1),
    csvText(i.name),
    csvText(i.code),
    csvText(i.unitName),
    formatQuantity(i.amountMilli),
    csvMoney(i.priceKop),
    csvMoney(i.costKop),
    signedCell(check.kind, i.costKop),
    csvMoney(i.discountKop),
  ]);
}

export interface CsvOptions {
  /** Checks per database page. */
  pageSize?: number;
  /** Milliseconds of writing between turns given to the event loop. */
  sliceMs?: number;
}

/** Writes the period's CSV into `out` (ended when done); answers how many checks and items it holds. */
export async function writeChecksCsv(
  db: Executor,
  period: ExportPeriod,
  t: Catalogue,
  tz: string,
  out: Writable,
  options: CsvOptions = {},
): Promise<{ checks: number; items: number }> {
  const turn = eventLoopTurns(options.sliceMs ?? 10);
  const stringifier = stringify({ delimiter: ';', bom: true, record_delimiter: 'windows' });
  stringifier.pipe(out);
  const failed = new Promise<never>((_resolve, reject) => {
    stringifier.once('error', reject);
    out.once('error', reject);
  });
  failed.catch(() => undefined);
  const write = async (record: string[]) => {
    if (!stringifier.write(record)) await Promise.race([once(stringifier, 'drain'), failed]);
  };
  let checks = 0;
  let items = 0;
  await write(csvHeader(t));
  for await (const page of checkPagesWithItems(db, period, options.pageSize ?? 500)) {
    for (const check of page.checks) {
      const its = page.itemsOf(check.id);
      for (const record of csvRecords(check, its, t, tz)) await write(record);
      checks++;
      items += its.length;
      await turn();
    }
  }
  const finished = once(out, 'finish');
  stringifier.end();
  await Promise.race([finished, failed]);
  return { checks, items };
}
