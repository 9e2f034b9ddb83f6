/**
 * Exact decimal → scaled integer conversion. CashDesk sends amounts as JSON numbers or strings
 * ("24.2", 24.22, "1,053"); we never add them as floats: each is turned into an integer count of
 * 10^-scale units, rounding half away from zero.
 */

const DECIMAL = /^([+-])?(\d+)(?:[.,](\d*))?$/;
const MAX_WHOLE_DIGITS = 13;

/**
 * A JSON number as the decimal its sender wrote: String() gives the shortest text that reads
 * back to the same float (24.22 → "24.22", 1.005 → "1.005"), exponent forms aside.
 */
function numberToDecimal(n: number): string | undefined {
  if (!Number.isFinite(n)) return undefined;
  const text = String(n);
  return text.includes('e') ? n.toFixed(12) : text;
}

/**
 * Parses a decimal (number or string) into an integer number of 10^-scale units.
 * Returns undefined for anything that is not a plain decimal of sane size.
 */
export function toScaledInteger(value: number | string, scale: number): number | undefined {
  const text = typeof value === 'number' ? numberToDecimal(value) : value.trim().replace(/[\s\u00a0]+/g, '');
  if (text === undefined) return undefined;
  const m = DECIMAL.exec(text);
  if (!m) return undefined;
  const whole = m[2]!.replace(/^0+(?=\d)/, '');
  if (whole.length > MAX_WHOLE_DIGITS) return undefined;
  const frac = (m[3] ?? '').padEnd(scale + 1, '0');
  let units = BigInt(whole) * 10n ** BigInt(scale) + BigInt(frac.slice(0, scale) || '0');
  if (Number(frac[scale]) >= 5) units += 1n;
  if (m[1] === '-' && units !== 0n) units = -units;
  return Number(units);
}

/** A plain decimal of any size (a number too large for toScaledInteger still is one). */
export function isDecimal(value: number | string): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return DECIMAL.test(value.trim().replace(/[\s\u00a0]+/g, ''));
}
