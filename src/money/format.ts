/**
 * The one money formatter: kopecks in, `1 234,50 ₴` out (Ukrainian style: space between
 * thousands, comma before kopecks, the hryvnia sign after).
 */
export function formatMoney(kop: number): string {
  return `${formatAmount(kop)} ₴`;
}

/** The number alone, `1 234,50`, for tables and charts. */
export function formatAmount(kop: number): string {
  const negative = kop < 0;
  const abs = Math.abs(Math.round(kop));
  const hryvnias = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  const kopecks = (abs % 100).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${hryvnias},${kopecks}`;
}

/** A quantity in thousandths as people write it: 1053 → `1,053`, 2000 → `2`. */
export function formatQuantity(milli: number): string {
  const negative = milli < 0;
  const abs = Math.abs(milli);
  const whole = Math.floor(abs / 1000).toString();
  const frac = (abs % 1000).toString().padStart(3, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${frac ? `,${frac}` : ''}`;
}
