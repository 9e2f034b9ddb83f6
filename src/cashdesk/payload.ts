import { z } from 'zod';
import { toScaledInteger } from '../money/decimal.js';

/**
 * CashDesk's check as it comes over the wire, parsed leniently: its own page disagrees with its
 * example on types (`num_fiscal` integer vs "50037129", floats as strings), so numbers may come as
 * strings and strings as numbers, any optional field may be null, and unknown fields are kept.
 */

const decimalString = (scale: number, what: string) =>
  z.union([z.number(), z.string()]).refine((v) => toScaledInteger(v, scale) !== undefined, {
    message: `expected ${what}`,
  });

/** A sum of money: 24.2, "24.20", "24,20". */
export const moneyField = decimalString(2, 'an amount such as 24.20');
/** A quantity with up to three decimals. */
export const quantityField = decimalString(3, 'a quantity such as 1.053');

/** Text that may arrive as a number (ids, codes). */
const text = z.union([z.string(), z.number().transform(String)]);
const optionalText = text.nullish();

const integer = z.union([
  z.number().int(),
  z
    .string()
    .trim()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

const boolish = z.union([
  z.boolean(),
  z.literal(0).transform(() => false),
  z.literal(1).transform(() => true),
  z.enum(['true', 'false', '0', '1']).transform((v) => v === 'true' || v === '1'),
]);

export const productSchema = z.looseObject({
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

export const paymentSchema = z.looseObject({
  code: integer.nullish(),
  name: optionalText,
  sum: moneyField,
  sum_provided: moneyField.nullish(),
  sum_remains: moneyField.nullish(),
});

export const checkDataSchema = z.looseObject({
  total_sum: moneyField,
  payments: z.array(paymentSchema).nullish(),
  products: z.array(productSchema).nullish(),
  tax: z.array(z.unknown()).nullish(),
  offline_id: optionalText,
  date: optionalText,
  local_number: integer.nullish(),
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
  ORDERDATE: z.string().trim().regex(ORDER_DATE, 'expected a date YYYY-MM-DD'),
  ORDERTIME: z.string().trim().regex(ORDER_TIME, 'expected a time HH:MM:SS'),
  is_offline: boolish.nullish(),
  check_data: checkDataSchema,
  link: optionalText,
  pdf: z.string().nullish(),
  qr: z.string().nullish(),
  qr_data: optionalText,
  text_print: z.string().nullish(),
  local_number: integer.nullish(),
  cash_in_box: moneyField.nullish(),
});

export type CheckPayload = z.infer<typeof checkPayloadSchema>;

/** The fields named in a failed parse, as `check_data.total_sum: expected …`, one each. */
export function describeIssues(error: z.ZodError): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || '(body)';
    if (seen.has(field)) continue;
    seen.add(field);
    const message = issue.code === 'invalid_type' && issue.message.includes('undefined') ? 'required' : issue.message;
    lines.push(`${field}: ${message}`);
  }
  return lines;
}
