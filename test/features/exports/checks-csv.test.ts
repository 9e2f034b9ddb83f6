import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Business } from '../../../src/features/shops/businesses.js';
import { csvMoney, csvRecords, csvText } from '../../../src/features/exports/checks-csv.js';
import { buildExportPart, queueExport } from '../../../src/features/exports/export-files.js';
import type { ExportCheckRow } from '../../../src/features/exports/export-source.js';
import { catalogue } from '../../../src/platform/i18n/lang.js';
import { createBusiness } from '../../support/app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';
import { fixture, variant } from '../../support/fixtures.js';
import { KYIV, simpleCheck, storeCheck } from '../reports/store-check.js';
import { readPart } from '../../support/documents.js';

const uk = catalogue('uk');
type Body = Record<string, any>;

/** RFC 4180 with `;`: quoted fields may hold `;`, `"` (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** `1234,50` → 123450, independently of src/. */
const kopOf = (cell: string) => {
  const [whole, frac = ''] = cell.replace('-', '').split(',');
  const v = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return cell.startsWith('-') ? -v : v;
};
const kop = (v: unknown) => Math.round(Number(v) * 100);

describe('CSV cells', () => {
  it('money is exact, with a comma and no thousands separator', () => {
    expect(csvMoney(123_456_789)).toBe('1234567,89');
    expect(csvMoney('5')).toBe('0,05');
    expect(csvMoney(-2_890)).toBe('-28,90');
  });
  it('text that a spreadsheet would run as a formula is defused', () => {
    expect(csvText('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(csvText('-5 шт')).toBe(`'-5 шт`);
    expect(csvText('Хліб')).toBe('Хліб');
    expect(csvText('a=b')).toBe('a=b');
    expect(csvText(null)).toBe('');
  });
  it('also after leading spaces, in the full-width forms, and after a tab or CR', () => {
    for (const text of [' =1+1', '   @SUM(A1)', '\u00A0+1', '\u3000-1', '＝HYPERLINK("x")', '＋1', '－1', '＠SUM(A1)', ' ＝1', '\t=1', '\tHello', '\rHello', '\r\n=1']) {
      expect(csvText(text), JSON.stringify(text)).toBe(`'${text}`);
    }
  });
  it('covers every text column of a row, the uuid too', () => {
    const check: ExportCheckRow = {
      id: 1, businessDate: '2026-11-27', orderedAt: new Date('2026-11-27T08:00:00Z'), numFiscal: ' +380', orderNum: '＝1', uuid: '=cmd|\'/c calc\'!A1',
      kind: 'sale', totalKop: 100, cashKop: 100, cashlessKop: 0, discountKop: 0, items: 1,
    };
    const item = { checkId: 1, position: 0, name: '＠SUM(A1)', code: '\t=1', unitName: ' -шт', amountMilli: 1000, priceKop: 100, costKop: 100, discountKop: 0 };
    const [row] = csvRecords(check, [item], uk, KYIV);
    const c = uk.exports.columns;
    const header = [c.date, c.time, c.cashDesk, c.checkNo, c.uuid, c.kind, c.total, c.signedTotal, c.cash, c.cashless, c.discount,
      c.position, c.item, c.code, c.unit, c.quantity, c.price, c.cost, c.signedCost, c.itemDiscount];
    const cell = (name: string) => row![header.indexOf(name)];
    for (const name of [c.cashDesk, c.checkNo, c.uuid, c.item, c.code, c.unit]) expect(cell(name), name).toMatch(/^'/);
    expect(cell(c.uuid)).toBe(`'=cmd|'/c calc'!A1`);
  });
});

describe.each(databaseKinds)('/export CSV (%s)', (kind) => {
  let database: TestDatabase;
  let business: Business;
  const bodies: Body[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    business = await createBusiness(database);
    const tricky = variant('sale-card', 'tricky-1', (c) => {
      c.check_data.products[0].name = 'Сир "Бринза"; 200 г\nакція';
    });
    for (const body of [fixture('sale-cash'), fixture('long-check'), fixture('return'), tricky]) {
      bodies.push(body);
      await storeCheck(database.db, business, body);
    }
    // A return sent with negative sums, and three checks at the same second (the keyset pages through ties by id).
    const negative = simpleCheck({ uuid: 'ret-minus', date: '2026-11-27', time: '11:00:00', totalUah: '-20', checkType: 'RETURN' });
    bodies.push(negative);
    await storeCheck(database.db, business, negative);
    for (const uuid of ['tie-1', 'tie-2', 'tie-3']) {
      const tie = simpleCheck({ uuid, date: '2026-11-27', time: '12:00:00', totalUah: '10' });
      bodies.push(tie);
      await storeCheck(database.db, business, tie);
    }
    await storeCheck(database.db, business, { ...simpleCheck({ uuid: 'svc-1', date: '2026-11-27', time: '07:59:00', totalUah: '500' }), check_type: 'SERVICE_IN', check_data: { total_sum: 500, products: [] } });
    // Outside the period, and another business's: not exported.
    await storeCheck(database.db, business, simpleCheck({ uuid: 'next-day', date: '2026-11-28', time: '10:00:00', totalUah: '1' }));
    await storeCheck(database.db, await createBusiness(database), simpleCheck({ uuid: 'other-biz', date: '2026-11-27', time: '10:00:00', totalUah: '1' }));
  });
  afterAll(async () => {
    await database.destroy();
  });

  const day = () => ({ businessId: business.id, from: '2026-11-27', to: '2026-11-27' });
  async function csvOf(options: { pageSize?: number; sliceMs?: number } = {}) {
    const part = await readPart(await buildExportPart(database.db, day(), 'csv', uk, KYIV, options));
    return { part, bytes: part.bytes };
  }

  it('opens with a BOM and the right columns, one row per item, positions from 1, exact sums; streamed page by page', async () => {
    // Pages of 2 checks and a turn after every check: every seam of the paging is crossed.
    const { part, bytes } = await csvOf({ pageSize: 2, sliceMs: 0 });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table = parseCsv(bytes.subarray(3).toString('utf8'));
    const c = uk.exports.columns;
    expect(table[0]).toEqual([
      c.date, c.time, c.cashDesk, c.checkNo, c.uuid, c.kind, c.total, c.signedTotal, c.cash, c.cashless, c.discount,
      c.position, c.item, c.code, c.unit, c.quantity, c.price, c.cost, c.signedCost, c.itemDiscount,
    ]);
    const data = table.slice(1);
    expect(data.every((r) => r.length === 20)).toBe(true);
    const col = (name: keyof typeof c) => table[0]!.indexOf(c[name]);

    const itemCount = bodies.reduce((s, b) => s + b.check_data.products.length, 0);
    expect(data).toHaveLength(itemCount + 1); // + the service deposit, one row without an item
    expect(part.checks).toBe(bodies.length + 1);
    expect(part.items).toBe(itemCount);
    expect(new Set(data.map((r) => r[col('uuid')]))).toEqual(new Set([...bodies.map((b) => b.uuid), 'svc-1']));

    for (const body of bodies) {
      const lines = data.filter((r) => r[col('uuid')] === body.uuid);
      expect(lines).toHaveLength(body.check_data.products.length);
      expect(lines.map((r) => r[col('item')])).toEqual(body.check_data.products.map((p: Body) => p.name));
      expect(lines.map((r) => r[col('position')])).toEqual(body.check_data.products.map((_: Body, i: number) => String(i + 1)));
      expect(lines.reduce((s, r) => s + kopOf(r[col('cost')]!), 0)).toBe(body.check_data.products.reduce((s: number, p: Body) => s + kop(p.cost), 0));
      expect(new Set(lines.map((r) => kopOf(r[col('total')]!)))).toEqual(new Set([kop(body.check_data.total_sum)]));
      expect(lines[0]![col('date')]).toBe('27.11.2026');
      expect(lines[0]![col('time')]).toBe(body.ORDERTIME.slice(0, 5));
      expect(lines[0]![col('cashDesk')]).toBe(body.num_fiscal);
    }
    const ret = data.find((r) => r[col('uuid')] === fixture('return').uuid)!;
    expect(ret[col('kind')]).toBe(uk.kind.return);
    const svc = data.find((r) => r[col('uuid')] === 'svc-1')!;
    expect(svc[col('kind')]).toBe(uk.kind.service_in);
    expect(svc[col('item')]).toBe('');
    expect(svc[col('position')]).toBe('');
    expect(kopOf(svc[col('total')]!)).toBe(50_000);
    // In the order of the checks' own time: the deposit at 07:59 first; ties in id order.
    expect(data[0]![col('uuid')]).toBe('svc-1');
    const uuids = data.map((r) => r[col('uuid')]);
    expect(uuids.indexOf('tie-1')).toBeLessThan(uuids.indexOf('tie-2'));
    expect(uuids.indexOf('tie-2')).toBeLessThan(uuids.indexOf('tie-3'));
    // The same file whatever the page size.
    expect((await csvOf()).bytes.equals(bytes)).toBe(true);
  });

  it('a plain SUM of either signed column is the net: returns negative whatever sign they came with, raw values as they came', async () => {
    const { bytes } = await csvOf();
    const table = parseCsv(bytes.subarray(3).toString('utf8'));
    const c = uk.exports.columns;
    const col = (name: string) => table[0]!.indexOf(name);
    const data = table.slice(1);
    const sum = (name: string) => data.reduce((s, r) => s + (r[col(name)] === '' ? 0 : kopOf(r[col(name)]!)), 0);
    const signOf = (b: Body) => (b.check_type === 'RETURN' ? -1 : 1);
    const net = bodies.reduce((s, b) => s + signOf(b) * Math.abs(kop(b.check_data.total_sum)), 0);
    expect(sum(c.signedTotal)).toBe(net);
    expect(sum(c.signedCost)).toBe(bodies.reduce((s, b) => s + signOf(b) * b.check_data.products.reduce((t: number, p: Body) => t + Math.abs(kop(p.cost)), 0), 0));
    const negative = data.filter((r) => r[col(c.uuid)] === 'ret-minus');
    expect(negative.map((r) => [r[col(c.total)], r[col(c.signedTotal)]])).toEqual([['-20,00', '-20,00']]);
    const positive = data.filter((r) => r[col(c.uuid)] === fixture('return').uuid);
    expect(positive.map((r) => [r[col(c.total)], r[col(c.signedTotal)]])).toEqual([['28,90', '-28,90']]);
    // The deposit is no revenue; a check of several items counts once.
    expect(data.find((r) => r[col(c.uuid)] === 'svc-1')![col(c.signedTotal)]).toBe('');
    const long = data.filter((r) => r[col(c.uuid)] === fixture('long-check').uuid);
    expect(long.filter((r) => r[col(c.signedTotal)] !== '')).toHaveLength(1);
  });

  it('a period too large for one file comes in parts of whole days, each with its header, and together every check once', async () => {
    const chatId = business.ownerUserId;
    const files = await queueExport(database.db, { businessId: business.id, from: '2026-11-20', to: '2026-11-30', chatId, lang: 'uk', format: 'csv' }, { maxBytes: 1000 });
    expect(files).toBe(2);
    const whole = await readPart(await buildExportPart(database.db, { businessId: business.id, from: '2026-11-20', to: '2026-11-30' }, 'csv', uk, KYIV));
    const first = await readPart(await buildExportPart(database.db, { businessId: business.id, from: '2026-11-20', to: '2026-11-27' }, 'csv', uk, KYIV));
    const second = await readPart(await buildExportPart(database.db, { businessId: business.id, from: '2026-11-28', to: '2026-11-30' }, 'csv', uk, KYIV));
    const rows = (b: Buffer) => parseCsv(b.subarray(3).toString('utf8'));
    expect(rows(first.bytes)[0]).toEqual(rows(whole.bytes)[0]);
    expect(rows(second.bytes)[0]).toEqual(rows(whole.bytes)[0]);
    expect([...rows(first.bytes).slice(1), ...rows(second.bytes).slice(1)]).toEqual(rows(whole.bytes).slice(1));
    // Too large for Telegram even alone: only its size is told.
    const tooBig = await buildExportPart(database.db, day(), 'csv', uk, KYIV, { maxBytes: 500 });
    expect(tooBig).toEqual({ tooBigBytes: (await csvOf()).bytes.length });
  });
});
