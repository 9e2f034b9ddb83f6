import { describe, expect, it } from 'vitest';
import { parseCheck, pdfBase64Of, type NormalisedCheck } from '../../../src/features/ingest/normalise.js';
import { MAX_NAMED_FIELDS } from '../../../src/features/ingest/payload.js';
import { fixture, FIXTURE_NAMES } from '../../support/fixtures.js';

const TZ = 'Europe/Kyiv';

function ok(body: Record<string, unknown>): NormalisedCheck {
  const result = parseCheck(body, TZ);
  if (!result.ok) throw new Error(`expected a check, got ${result.problems.join('; ')}`);
  return result.check;
}

describe('every fixture normalises', () => {
  it('knows all the fixtures', () => {
    expect(FIXTURE_NAMES).toEqual(['doc-example', 'long-check', 'offline-lenient', 'return', 'sale-card', 'sale-cash']);
  });

  it('doc-example: CashDesk’s own page', () => {
    const c = ok(fixture('doc-example'));
    expect(c).toMatchObject({
      uuid: '189ac039-409e-428f-a088-b1b69c21971b',
      numFiscal: '50037129',
      checkType: 'Z_SALE',
      kind: 'sale',
      orderNum: 'DEV_6672cb7749378',
      businessDate: '2024-06-19',
      isOffline: false,
      totalKop: 2420,
      roundKop: -2,
      discountKop: 0,
      cashKop: 2420,
      cashlessKop: 0,
      cashInBoxKop: 19521,
      link: 'https://test.cashdesk.com.ua/check/189ac039-409e-428f-a088-b1b69c21971b/html',
      localNumber: 1,
      pdfBase64: null,
    });
    // 15:13:41 in Kyiv summer time (UTC+3)
    expect(c.orderedAt.toISOString()).toBe('2024-06-19T12:13:41.000Z');
    expect(c.items).toEqual([
      {
        position: 0,
        name: 'Морква',
        code: null,
        barCode: null,
        unitName: 'кг',
        amountMilli: 1053,
        priceKop: 2300,
        costKop: 2422,
        discountKop: 0,
      },
    ]);
    expect(c.payments).toEqual([
      { position: 0, code: 0, name: 'ГОТІВКА', sumKop: 2420, providedKop: 2420, remainsKop: 0, isCash: true },
    ]);
    // "base64_string" is no PDF: it stays in the raw payload, nothing is stored as a PDF
    expect(c.raw.pdf).toBe('base64_string');
  });

  it('sale-cash: three items, kg and pieces, rounding', () => {
    const c = ok(fixture('sale-cash'));
    expect(c).toMatchObject({ kind: 'sale', totalKop: 14860, roundKop: -2, cashKop: 14860, cashlessKop: 0, cashInBoxKop: 153040 });
    expect(c.items.map((i) => [i.name, i.amountMilli, i.priceKop, i.costKop])).toEqual([
      ['Хліб білий', 2000, 2890, 5780],
      ['Молоко 2,5% 0,9 л', 1000, 4135, 4135],
      ['Яблука Голден', 1237, 3999, 4947],
    ]);
    expect(c.items.reduce((s, i) => s + i.costKop, 0) + c.roundKop).toBe(c.totalKop);
    expect(c.orderedAt.toISOString()).toBe('2026-11-27T08:15:03.000Z'); // winter time, UTC+2
    expect(Buffer.from(c.pdfBase64!, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(c.raw).not.toHaveProperty('pdf');
    expect(c.raw).toHaveProperty('text_print');
  });

  it('sale-card: cashless payment', () => {
    const c = ok(fixture('sale-card'));
    expect(c).toMatchObject({ kind: 'sale', totalKop: 68900, cashKop: 0, cashlessKop: 68900 });
    expect(c.payments[0]).toMatchObject({ code: 1, name: 'КАРТКА', isCash: false });
    expect(c.items[0]).toMatchObject({ barCode: '4820000000017' });
  });

  it('return: classified, raw type kept', () => {
    const c = ok(fixture('return'));
    expect(c).toMatchObject({ kind: 'return', checkType: 'RETURN', totalKop: 2890, cashInBoxKop: 150150 });
  });

  it('offline-lenient: number num_fiscal, string total, escaped-looking name verbatim', () => {
    const c = ok(fixture('offline-lenient'));
    expect(c).toMatchObject({ numFiscal: '50037130', isOffline: true, totalKop: 5550, businessDate: '2026-11-26', cashInBoxKop: 8010 });
    expect(c.items[0]!.name).toBe('Вода "Моршинська" <0,5 л> & лимон');
    expect(c.raw.num_fiscal).toBe(50037130); // raw keeps what was sent
  });

  it('long-check: 150 items whose costs add up to the total', () => {
    const c = ok(fixture('long-check'));
    expect(c.items).toHaveLength(150);
    expect(c.items.reduce((s, i) => s + i.costKop, 0) + c.roundKop).toBe(c.totalKop);
    expect(c.totalKop).toBe(921250);
  });
});

describe('lenient shapes', () => {
  it('numbers as strings and strings as numbers, nulls anywhere optional, unknown fields kept', () => {
    const body = fixture('sale-cash');
    body.num_fiscal = 50037129;
    body.check_data.total_sum = '148.60';
    body.check_data.products[0].amount = '2';
    body.check_data.products[0].price = '28,90';
    body.check_data.payments[0].code = '0';
    body.check_data.round_sum = null;
    body.check_data.payments[0].sum_provided = null;
    body.cash_in_box = null;
    body.link = null;
    body.is_offline = null;
    body.some_new_field = { nested: [1, 2] };
    body.check_data.products[1].extra = 'kept';
    const c = ok(body);
    expect(c).toMatchObject({ numFiscal: '50037129', totalKop: 14860, roundKop: 0, cashInBoxKop: null, link: null, isOffline: false });
    expect(c.items[0]).toMatchObject({ amountMilli: 2000, priceKop: 2890 });
    expect(c.payments[0]).toMatchObject({ code: 0, isCash: true, providedKop: null });
    expect(c.raw.some_new_field).toEqual({ nested: [1, 2] });
  });

  it('a missing cost is computed from quantity and price, exactly', () => {
    const body = fixture('doc-example');
    delete body.check_data.products[0].cost;
    expect(ok(body).items[0]!.costKop).toBe(2422);
  });

  it('accepts DD.MM.YYYY and HH:MM', () => {
    const body = fixture('sale-cash');
    body.ORDERDATE = '27.11.2026';
    body.ORDERTIME = '9:05';
    const c = ok(body);
    expect(c.businessDate).toBe('2026-11-27');
    expect(c.orderedAt.toISOString()).toBe('2026-11-27T07:05:00.000Z');
  });

  it('names every field a check lacks', () => {
    const body = fixture('sale-cash');
    delete body.uuid;
    delete body.ORDERDATE;
    body.check_data.total_sum = 'lots';
    body.check_data.payments[0].sum = null;
    const result = parseCheck(body, TZ);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const fields = result.problems.map((p) => p.split(':')[0]);
    expect(fields).toEqual(expect.arrayContaining(['uuid', 'ORDERDATE', 'check_data.total_sum', 'check_data.payments[0].sum']));
  });

  it('refuses an impossible date', () => {
    const body = fixture('sale-cash');
    body.ORDERDATE = '2026-02-30';
    expect(parseCheck(body, TZ).ok).toBe(false);
  });

  it('refuses a missing check_data', () => {
    const body = fixture('sale-cash');
    delete body.check_data;
    const result = parseCheck(body, TZ);
    expect(result.ok ? [] : result.problems).toEqual(['check_data: required']);
  });
});

describe('ranges that fit the columns', () => {
  const problemsOf = (patch: (c: Record<string, any>) => void): string[] => {
    const body = fixture('sale-cash');
    patch(body);
    const result = parseCheck(body, TZ);
    return result.ok ? [] : result.problems;
  };

  it('refuses out-of-range numbers, naming the field', () => {
    const cases: [string, (c: Record<string, any>) => void][] = [
      ['check_data.payments[0].code', (c) => (c.check_data.payments[0].code = 2 ** 31)],
      ['check_data.payments[0].code', (c) => (c.check_data.payments[0].code = '-2147483649')],
      ['local_number', (c) => (c.local_number = '99999999999999999999')],
      ['local_number', (c) => (c.local_number = 2 ** 53)],
      ['check_data.local_number', (c) => (c.check_data.local_number = -1e300)],
      ['check_data.total_sum', (c) => (c.check_data.total_sum = '10000000000.01')],
      ['cash_in_box', (c) => (c.cash_in_box = -1e12)],
      ['check_data.products[2].price', (c) => (c.check_data.products[2].price = '99999999999')],
      ['check_data.products[1].amount', (c) => (c.check_data.products[1].amount = 1e9 + 0.001)],
      ['check_data.payments[0].sum_remains', (c) => (c.check_data.payments[0].sum_remains = 1e15)],
      ['ORDERDATE', (c) => (c.ORDERDATE = '0001-01-01')],
      ['ORDERDATE', (c) => (c.ORDERDATE = '31.12.1899')],
    ];
    for (const [field, patch] of cases) {
      const problems = problemsOf(patch);
      expect(problems, field).toHaveLength(1);
      expect(problems[0], field).toMatch(new RegExp(`^${field.replace(/[.[\]]/g, '\\$&')}: out of range`));
    }
    expect(problemsOf((c) => (c.check_data.payments[0].code = 1.5))).toEqual(['check_data.payments[0].code: expected a whole number']);
  });

  it('names at most MAX_NAMED_FIELDS fields, then says how many more', () => {
    const problems = problemsOf((c) => {
      c.check_data.payments = Array.from({ length: 10_000 }, () => ({ code: 2 ** 40, sum: 1 }));
    });
    expect(problems).toHaveLength(MAX_NAMED_FIELDS + 1);
    expect(problems[0]).toMatch(/^check_data\.payments\[0\]\.code: out of range/);
    expect(problems.at(-1)).toBe(`…and ${10_000 - MAX_NAMED_FIELDS} more fields`);
  });

  it('refuses sums of a check that leave the range although each part is in it', () => {
    expect(
      problemsOf((c) => {
        delete c.check_data.products[0].cost;
        c.check_data.products[0].amount = 1e6;
        c.check_data.products[0].price = 1e7;
      }),
    ).toEqual(['check_data.products[0].cost: amount × price out of range']);
    expect(
      problemsOf((c) => {
        c.check_data.payments = Array.from({ length: 3 }, () => ({ code: 0, sum: 9e9 }));
      }),
    ).toEqual(['check_data.payments: the payments add up out of range']);
    expect(
      problemsOf((c) => {
        for (const p of c.check_data.products) p.sum_discount = 5e9;
      }),
    ).toEqual(['check_data.products: the discounts add up out of range']);
  });

  it('takes the edges of every range', () => {
    const c = ok(
      (() => {
        const body = fixture('sale-cash');
        body.check_data.payments[0].code = 2 ** 31 - 1;
        body.local_number = String(Number.MAX_SAFE_INTEGER);
        body.check_data.local_number = -Number.MAX_SAFE_INTEGER;
        body.check_data.total_sum = '10000000000.00';
        body.cash_in_box = -1e10;
        body.check_data.products[1].amount = '1000000000';
        body.ORDERDATE = '9999-12-31';
        return body;
      })(),
    );
    expect(c).toMatchObject({ totalKop: 1e12, cashInBoxKop: -1e12, localNumber: Number.MAX_SAFE_INTEGER, businessDate: '9999-12-31' });
    expect(c.payments[0]!.code).toBe(2 ** 31 - 1);
    expect(ok({ ...fixture('sale-cash'), ORDERDATE: '01.01.1900', ORDERTIME: '00:00' }).businessDate).toBe('1900-01-01');
  });
});

describe('PDF decoding', () => {
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  it('keeps real PDFs only', () => {
    expect(pdfBase64Of(b64('%PDF-1.4 x'))).toBe(b64('%PDF-1.4 x'));
    expect(pdfBase64Of('base64_string')).toBeNull();
    expect(pdfBase64Of('')).toBeNull();
    expect(pdfBase64Of(null)).toBeNull();
    expect(pdfBase64Of('not base64 !')).toBeNull();
    expect(pdfBase64Of(b64('PK zip, not a PDF'))).toBeNull();
  });

  it('gives the canonical text the database decodes: no whitespace, exactly the padding', () => {
    const text = b64('%PDF-1.7 ab'); // 11 bytes: 16 characters ending in "="
    expect(text.endsWith('=')).toBe(true);
    expect(pdfBase64Of(`${text.slice(0, 8)}\r\n ${text.slice(8)}\n`)).toBe(text);
    expect(pdfBase64Of(text.replace(/=+$/, ''))).toBe(text); // CashDesk may leave the padding out
    expect(pdfBase64Of(b64('%PDF-1.7 abc'))).toBe(b64('%PDF-1.7 abc')); // none needed
  });

  it('refuses what is not base64 at all, wherever the fault is', () => {
    const text = b64('%PDF-1.7 ab and more bytes');
    expect(pdfBase64Of(`${text}==`)).toBeNull(); // too much padding
    expect(pdfBase64Of(`${text.slice(0, 12)}=${text.slice(12)}`)).toBeNull(); // "=" inside
    expect(pdfBase64Of(`${text.slice(0, 12)}é${text.slice(12)}`)).toBeNull();
    expect(pdfBase64Of(`${text.replace(/=+$/, '')}A`.slice(0, 4 * 7 + 1))).toBeNull(); // a dangling character
    expect(pdfBase64Of('====')).toBeNull();
  });
});
