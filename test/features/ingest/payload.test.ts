import { describe, expect, it } from 'vitest';
import { checkPayloadSchema, describeIssues, MAX_NAMED_FIELDS, ORDER_DATE, ORDER_TIME, RANGES } from '../../../src/features/ingest/payload.js';

const minimal = { uuid: 'c0ffee-1', num_fiscal: '50037129', ORDERDATE: '2026-11-27', ORDERTIME: '10:15:00', check_data: { total_sum: 24.2 } };

/** The problems named for a body, or [] when it parses. */
const problems = (body: unknown): string[] => {
  const parsed = checkPayloadSchema.safeParse(body);
  return parsed.success ? [] : describeIssues(parsed.error);
};

describe('checkPayloadSchema', () => {
  it('takes the smallest check and keeps fields it does not know', () => {
    const parsed = checkPayloadSchema.parse({ ...minimal, vendor_extra: { a: 1 }, check_data: { ...minimal.check_data, extra: true } });
    expect(parsed.vendor_extra).toEqual({ a: 1 });
    expect(parsed.check_data.extra).toBe(true);
    expect(parsed.check_data.total_sum).toBe(24.2);
  });

  it('identifiers: numbers become text, trimmed; letters of any script, digits and - _ . : only, at most 128', () => {
    const parsed = checkPayloadSchema.parse({ ...minimal, uuid: ' Чек-1.a:b_c ', num_fiscal: 50037129 });
    expect(parsed.uuid).toBe('Чек-1.a:b_c');
    expect(parsed.num_fiscal).toBe('50037129');
    expect(problems({ ...minimal, uuid: 'x'.repeat(128) })).toEqual([]);
    expect(problems({ ...minimal, uuid: 'x'.repeat(129) })).toEqual(['uuid: at most 128 characters']);
    expect(problems({ ...minimal, num_fiscal: '   ' })).toEqual(['num_fiscal: must not be empty']);
    expect(problems({ ...minimal, num_fiscal: '../etc' })).toEqual(['num_fiscal: letters, digits, "-", "_", ".", ":" only']);
    expect(problems({ ...minimal, uuid: '<script>' })).toEqual(['uuid: letters, digits, "-", "_", ".", ":" only']);
  });

  it('is_offline as a boolean, 0/1, or their words', () => {
    for (const [raw, flag] of [[true, true], [0, false], [1, true], ['true', true], ['false', false], ['0', false], ['1', true], [null, null]] as const) {
      expect(checkPayloadSchema.parse({ ...minimal, is_offline: raw }).is_offline, String(raw)).toBe(flag);
    }
    expect(problems({ ...minimal, is_offline: 'yes' })).toHaveLength(1);
    expect(problems({ ...minimal, is_offline: 2 })).toHaveLength(1);
  });

  it('ORDERDATE: ISO or DD.MM.YYYY, a year from 1900 to 9999', () => {
    expect(problems({ ...minimal, ORDERDATE: '27.11.2026' })).toEqual([]);
    expect(problems({ ...minimal, ORDERDATE: '1900-01-01' })).toEqual([]);
    expect(problems({ ...minimal, ORDERDATE: '31.12.9999' })).toEqual([]);
    expect(problems({ ...minimal, ORDERDATE: '1899-12-31' })).toEqual(['ORDERDATE: out of range: a year from 1900 to 9999']);
    expect(problems({ ...minimal, ORDERDATE: '01.01.0001' })).toEqual(['ORDERDATE: out of range: a year from 1900 to 9999']);
    expect(problems({ ...minimal, ORDERDATE: '2026/11/27' })).toEqual(['ORDERDATE: expected a date YYYY-MM-DD']);
  });

  it('ORDERTIME: H:MM, HH:MM or HH:MM:SS', () => {
    for (const time of ['9:05', '09:05', '23:59:59', ' 10:15:00 ']) expect(problems({ ...minimal, ORDERTIME: time }), time).toEqual([]);
    for (const time of ['10', '10:5', '10:15:5', '10-15', '']) expect(problems({ ...minimal, ORDERTIME: time }), time).toEqual(['ORDERTIME: expected a time HH:MM:SS']);
  });

  it('money: decimals as numbers or strings, within ±10 000 000 000,00 ₴', () => {
    expect(problems({ ...minimal, check_data: { total_sum: '10000000000.00' } })).toEqual([]);
    expect(problems({ ...minimal, check_data: { total_sum: '-10000000000,00' } })).toEqual([]);
    expect(problems({ ...minimal, check_data: { total_sum: '10000000000.01' } })).toEqual(['check_data.total_sum: out of range: at most 10000000000.00 either way']);
    expect(problems({ ...minimal, check_data: { total_sum: '99999999999999999999' } })).toEqual(['check_data.total_sum: out of range: at most 10000000000.00 either way']);
    expect(problems({ ...minimal, check_data: { total_sum: '24.2 UAH' } })).toEqual(['check_data.total_sum: expected an amount such as 24.20']);
  });

  it('whole numbers: payment codes within int32, local numbers exact', () => {
    const payment = (code: unknown) => ({ ...minimal, check_data: { total_sum: 1, payments: [{ code, sum: 1 }] } });
    expect(problems(payment(RANGES.int32.max))).toEqual([]);
    expect(problems(payment(` ${RANGES.int32.min} `))).toEqual([]);
    expect(problems(payment(RANGES.int32.max + 1))).toEqual(['check_data.payments[0].code: out of range: -2147483648 to 2147483647']);
    expect(problems(payment('1.5'))).toEqual(['check_data.payments[0].code: expected a whole number']);
    expect(problems(payment(1.5))).toEqual(['check_data.payments[0].code: expected a whole number']);
    expect(problems({ ...minimal, local_number: Number.MAX_SAFE_INTEGER })).toEqual([]);
    expect(problems({ ...minimal, local_number: '9007199254740993' })).toEqual([`local_number: out of range: ${-Number.MAX_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER}`]);
  });
});

describe('describeIssues', () => {
  it("names what is missing as required, with the field's path as people write it", () => {
    const missing = problems({});
    // The fields that take more than one shape (a union) are named as missing too, not "Invalid input".
    expect(missing).toEqual(['uuid: required', 'num_fiscal: required', 'ORDERDATE: required', 'ORDERTIME: required', 'check_data: required']);
    expect(problems({ ...minimal, check_data: {} })).toEqual(['check_data.total_sum: required']);
    expect(problems({ ...minimal, check_data: { total_sum: 1, products: [{}, { amount: 'x' }] } })).toEqual(['check_data.products[1].amount: expected a quantity such as 1.053']);
  });

  it('a body that is not an object is named as the body', () => {
    expect(problems('a string')).toHaveLength(1);
    expect(problems('a string')[0]).toMatch(/^\(body\): /);
    expect(problems(null)[0]).toMatch(/^\(body\): /);
  });

  it('names each field once, at most MAX_NAMED_FIELDS, then how many more', () => {
    const products = Array.from({ length: MAX_NAMED_FIELDS + 7 }, () => ({ price: 'x' }));
    const lines = problems({ ...minimal, check_data: { total_sum: 1, products } });
    expect(lines).toHaveLength(MAX_NAMED_FIELDS + 1);
    expect(lines[0]).toBe('check_data.products[0].price: expected an amount such as 24.20');
    expect(lines.at(-1)).toBe('…and 7 more fields');
    expect(new Set(lines).size).toBe(lines.length);
  });
});

describe('ORDER_DATE and ORDER_TIME', () => {
  it('capture the parts of either date form and of a time', () => {
    expect(ORDER_DATE.exec('2026-11-27')?.slice(1, 4)).toEqual(['2026', '11', '27']);
    expect(ORDER_DATE.exec('27.11.2026')?.slice(4, 7)).toEqual(['27', '11', '2026']);
    expect(ORDER_TIME.exec('9:05')?.slice(1)).toEqual(['9', '05', undefined]);
    expect(ORDER_DATE.test('2026-11-27T10:00')).toBe(false);
  });
});
