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

/** Whole hryvnias, rounded: `51 018 ₴` (chart axes and bar values). */
export function formatMoneyWhole(kop: number): string {
  const whole = Math.round(kop / 100) * 100;
  return formatMoney(whole === 0 ? 0 : whole).replace(/,00 ₴$/, ' ₴');
}

/**
 * The short form for where the whole amount does not fit (a narrow bar; the axis says ₴):
 * `850 ₴`, `1,2 тис.`, `51 тис.`, `1,5 млн` — thousands and millions named by `units` (the
 * reader's language, each with its own leading space if it takes one: ` тис.`, `k`).
 */
export function formatMoneyShort(kop: number, units: { thousand: string; million: string }): string {
  const uah = Math.abs(kop) / 100;
  const sign = kop < 0 && Math.round(uah) > 0 ? '-' : '';
  const scaled = (value: number, unit: string) => {
    const digits = value < 10 ? 1 : 0;
    const text = value.toFixed(digits).replace(/\.0$/, '').replace('.', ',');
    return `${sign}${text}${unit}`;
  };
  if (uah >= 999_500) return scaled(uah / 1_000_000, units.million);
  if (uah >= 1_000) return scaled(uah / 1_000, units.thousand);
  return formatMoneyWhole(kop);
}

/** A quantity in thousandths as people write it: 1053 → `1,053`, 2000 → `2`. */
export function formatQuantity(milli: number): string {
  const negative = milli < 0;
  const abs = Math.abs(milli);
  const whole = Math.floor(abs / 1000).toString();
  const frac = (abs % 1000).toString().padStart(3, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${frac ? `,${frac}` : ''}`;
}
