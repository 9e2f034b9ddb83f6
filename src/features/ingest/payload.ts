import { z } from 'zod';
import { isDecimal, toScaledInteger } from '../../platform/money/decimal.js';

/**
 * CashDesk's check as it comes over the wire, parsed leniently: its own page disagrees with its
 * example on types (`num_fiscal` integer vs "50037129", floats as strings), so numbers may come as
 * strings and strings as numbers, any optional field may be null, and unknown fields are kept.
 */

/**
 * Ranges that fit the columns: a number outside them is a 422 naming the field, never a check
 * that parses and then fails its insert (a 503 that CashDesk would repeat for 24 hours).
 * Money and quantities are bigint columns, but they are added up in JavaScript too (a check's
 * cash and cashless sums, a line's cost), so they stay well inside the exact-integer range.
 */
export const RANGES = {
  /** Any sum of money, and any of a check's own sums, in kopecks: ±10 000 000 000,00 ₴. */
  maxKop: 1_000_000_000_000,
  /** A quantity in thousandths: ±1 000 000 000 units. */
  maxMilli: 1_000_000_000_000,
  /** `payments[].code`: an integer column. */
  int32: { min: -2_147_483_648, max: 2_147_483_647 },
  /** `local_number`: a bigint column, exact as a JavaScript number. */
  bigint: { min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER },
  /** ORDERDATE's year: anything a cash desk with a reset clock may write, and a timestamp column takes. */
  year: { min: 1900, max: 9999 },
} as const;

const decimalString = (scale: number, max: number, what: string, limit: string) =>
  z.union([z.number(), z.string()]).superRefine((v, ctx) => {
    const units = toScaledInteger(v, scale);
    if (units === undefined && !isDecimal(v)) ctx.addIssue({ code: 'custom', message: `expected ${what}` });
    else if (units === undefined || Math.abs(units) > max) ctx.addIssue({ code: 'custom', message: `out of range: at most ${limit} either way` });
  });

/** A sum of money: 24.2, "24.20", "24,20". */
const moneyField = decimalString(2, RANGES.maxKop, 'an amount such as 24.20', '10000000000.00');
/** A quantity with up to three decimals. */
const quantityField = decimalString(3, RANGES.maxMilli, 'a quantity such as 1.053', '1000000000');

/** Text that may arrive as a number (ids, codes). */
const text = z.union([z.string(), z.number().transform(String)]);
const optionalText = text.nullish();

/** A whole number (or its digits as a string) within [min, max]. */
const integerIn = ({ min, max }: { min: number; max: number }) =>
  z.union([z.number(), z.string()]).transform((v, ctx) => {
    const n = typeof v === 'number' ? v : /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : NaN;
    if (!Number.isInteger(n)) {
      ctx.addIssue({ code: 'custom', message: 'expected a whole number' });
      return z.NEVER;
    }
    if (n < min || n > max) {
      ctx.addIssue({ code: 'custom', message: `out of range: ${min} to ${max}` });
      return z.NEVER;
    }
    return n;
  });

const boolish = z.union([
  z.boolean(),
  z.literal(0).transform(() => false),
  z.literal(1).transform(() => true),
  z.enum(['true', 'false', '0', '1']).transform((v) => v === 'true' || v === '1'),
]);

const productSchema = z.looseObject({
  code: optionalText,
  uktzed: optionalText,
  unit_code: optionalText,
  unit_name: optionalText,
  amount: quantityField.nullish(),
  name: optionalText,
  price: moneyField.nullish(),
  letters: optionalText,
  cost: moneyField.nullish(),
  sum_discount: moneyField.nullish(),
  bar_code: optionalText,
});

const paymentSchema = z.looseObject({
  code: integerIn(RANGES.int32).nullish(),
  name: optionalText,
  sum: moneyField,
  sum_provided: moneyField.nullish(),
  sum_remains: moneyField.nullish(),
});

const checkDataSchema = z.looseObject({
  total_sum: moneyField,
  payments: z.array(paymentSchema).nullish(),
  products: z.array(productSchema).nullish(),
  tax: z.array(z.unknown()).nullish(),
  offline_id: optionalText,
  date: optionalText,
  local_number: integerIn(RANGES.bigint).nullish(),
  footer: optionalText,
  round_sum: moneyField.nullish(),
  global_discount: moneyField.nullish(),
});

const identifier = z
  .union([z.string(), z.number().transform(String)])
  .transform((v) => v.trim())
  .pipe(
    z
      .string()
      .min(1, 'must not be empty')
      .max(128, 'at most 128 characters')
      .regex(/^[\p{L}\p{N}_.:-]+$/u, 'letters, digits, "-", "_", ".", ":" only'),
  );

export const ORDER_DATE = /^(\d{4})-(\d{2})-(\d{2})$|^(\d{2})\.(\d{2})\.(\d{4})$/;
export const ORDER_TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

export const checkPayloadSchema = z.looseObject({
  uuid: identifier,
  num_fiscal: identifier,
  check_type: optionalText,
  hash: optionalText,
  ORDERNUM: optionalText,
  ORDERDATE: z
    .string()
    .trim()
    .regex(ORDER_DATE, 'expected a date YYYY-MM-DD')
    .refine((v) => {
      const m = ORDER_DATE.exec(v);
      if (!m) return true; // the pattern above said so already
      const year = Number(m[1] ?? m[6]);
      return year >= RANGES.year.min && year <= RANGES.year.max;
    }, `out of range: a year from ${RANGES.year.min} to ${RANGES.year.max}`),
  ORDERTIME: z.string().trim().regex(ORDER_TIME, 'expected a time HH:MM:SS'),
  is_offline: boolish.nullish(),
  check_data: checkDataSchema,
  link: optionalText,
  pdf: z.string().nullish(),
  qr: z.string().nullish(),
  qr_data: optionalText,
  text_print: z.string().nullish(),
  local_number: integerIn(RANGES.bigint).nullish(),
  cash_in_box: moneyField.nullish(),
});

/** At most this many fields are named (a check of 10 000 bad lines is not a 10 000-line answer). */
export const MAX_NAMED_FIELDS = 50;

/** The fields named in a failed parse, as `check_data.total_sum: expected …`, one each. */
export function describeIssues(error: z.ZodError): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const issue of error.issues) {
    const field = fieldPath(issue.path) || '(body)';
    if (seen.has(field)) continue;
    seen.add(field);
    const message = isMissing(issue) ? 'required' : issue.message;
    lines.push(`${field}: ${message}`);
  }
  if (lines.length <= MAX_NAMED_FIELDS) return lines;
  return [...lines.slice(0, MAX_NAMED_FIELDS), `…and ${lines.length - MAX_NAMED_FIELDS} more fields`];
}

/** The field is absent: a plain type's "received undefined", or every branch of a union saying so of the field itself. */
function isMissing(issue: z.core.$ZodIssue): boolean {
  if (issue.code === 'invalid_type') return issue.message.includes('undefined');
  if (issue.code === 'invalid_union') return issue.errors.length > 0 && issue.errors.every((branch) => branch.some((i) => i.path.length === 0 && isMissing(i)));
  return false;
}

/** `check_data.payments[0].code`: a field's path as people write it. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}
