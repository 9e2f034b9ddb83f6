import { toScaledInteger } from './decimal.js';

/** Kopecks from a UAH amount ("1234.5", 1234.5, "1234,50"); throws on anything else. */
export function parseMoneyToKopecks(value: number | string): number {
  const kop = toScaledInteger(value, 2);
  if (kop === undefined) throw new RangeError(`not an amount of money: ${JSON.stringify(value)}`);
  return kop;
}

/** Thousandths from a quantity (1.053 kg → 1053); CashDesk allows three decimals. */
export function parseQuantityToMilli(value: number | string): number | undefined {
  return toScaledInteger(value, 3);
}

/** Cost of a line from quantity in thousandths and price in kopecks, rounded half away from zero. */
export function lineCostKop(amountMilli: number, priceKop: number): number {
  const product = BigInt(amountMilli) * BigInt(priceKop);
  const sign = product < 0n ? -1n : 1n;
  const abs = product * sign;
  const rounded = (abs + 500n) / 1000n;
  return Number(rounded * sign);
}
