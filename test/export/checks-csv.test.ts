import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Business } from '../../src/access/businesses.js';
import { checksCsv, csvMoney, csvText, loadExportRows } from '../../src/export/checks-csv.js';
import { catalogue } from '../../src/i18n/lang.js';
import { createBusiness } from '../support/app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/databases.js';
import { fixture, variant } from '../support/fixtures.js';
import { KYIV, simpleCheck, storeCheck } from '../reports/store-check.js';

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
    expect(csvText(null)).toBe('');
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
    await storeCheck(database.db, business, { ...simpleCheck({ uuid: 'svc-1', date: '2026-11-27', time: '07:59:00', totalUah: '500' }), check_type: 'SERVICE_IN', check_data: { total_sum: 500, products: [] } });
    // Outside the period, and another business's: not exported.
    await storeCheck(database.db, business, simpleCheck({ uuid: 'next-day', date: '2026-11-28', time: '10:00:00', totalUah: '1' }));
    await storeCheck(database.db, await createBusiness(database), simpleCheck({ uuid: 'other-biz', date: '2026-11-27', time: '10:00:00', totalUah: '1' }));
  });
  afterAll(async () => {
    await database.destroy();
  });

  it('opens with a BOM and the right columns, one row per item, and exact sums', async () => {
    const rows = await loadExportRows(database.db, { businessId: business.id, from: '2026-11-27', to: '2026-11-27' });
    const bytes = checksCsv(rows, uk, KYIV);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table = parseCsv(bytes.subarray(3).toString('utf8'));
    const c = uk.exports.columns;
    expect(table[0]).toEqual([
      c.date, c.time, c.cashDesk, c.checkNo, c.uuid, c.kind, c.total, c.cash, c.cashless, c.discount,
      c.position, c.item, c.code, c.unit, c.quantity, c.price, c.cost, c.itemDiscount,
    ]);
    const data = table.slice(1);
    expect(data.every((r) => r.length === 18)).toBe(true);
    const col = (name: keyof typeof c) => table[0]!.indexOf(c[name]);

    const itemCount = bodies.reduce((s, b) => s + b.check_data.products.length, 0);
    expect(data).toHaveLength(itemCount + 1); // + the service deposit, one row without an item
    expect(new Set(data.map((r) => r[col('uuid')]))).toEqual(new Set([...bodies.map((b) => b.uuid), 'svc-1']));

    for (const body of bodies) {
      const lines = data.filter((r) => r[col('uuid')] === body.uuid);
      expect(lines).toHaveLength(body.check_data.products.length);
      expect(lines.map((r) => r[col('item')])).toEqual(body.check_data.products.map((p: Body) => p.name));
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
    expect(kopOf(svc[col('total')]!)).toBe(50_000);
    // In the order of the checks' own time: the deposit at 07:59 first.
    expect(data[0]![col('uuid')]).toBe('svc-1');
  });

  it('stops at the row limit with one row more to tell', async () => {
    const rows = await loadExportRows(database.db, { businessId: business.id, from: '2026-11-27', to: '2026-11-28', limit: 10 });
    expect(rows).toHaveLength(11);
  });
});
