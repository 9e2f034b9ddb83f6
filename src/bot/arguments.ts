import { z } from 'zod';
import { parseMoneyToKopecks } from '../platform/money/parse.js';
import { INVITE_CODE_SHAPE } from '../features/shops/invites.js';
import { LANGS, type Lang } from '../platform/i18n/catalogue.js';
import { OFF_WORDS } from '../features/chat-settings/arguments.js';

/**
 * Command arguments, parsed with zod; undefined means malformed (the command answers with its
 * usage line). Pure.
 */
const words = (text: string) => text.trim().split(/\s+/).filter(Boolean);

/** A CashDesk identifier as the webhook accepts it (uuid, fiscal number). */
const identifier = z
  .string()
  .max(128)
  .regex(/^[\p{L}\p{N}_.:-]+$/u);

/** UAH with up to two decimals, dot or comma: 500, 300.50, 300,5. Up to a billion. */
const amount = z
  .string()
  .regex(/^\d{1,10}(?:[.,]\d{1,2})?$/)
  .transform((v) => parseMoneyToKopecks(v.replace(',', '.')));

const thresholdArgs = z.union([
  z.tuple([amount]).transform(([kop]) => ({ numFiscal: undefined, kop })),
  z.tuple([identifier, amount]).transform(([numFiscal, kop]) => ({ numFiscal, kop })),
]);

export interface ThresholdArgs {
  numFiscal: string | undefined;
  kop: number;
}

/** `/lowcash [<num_fiscal>] <amount>`: empty text is "show", handled before this. */
export function parseThresholdArgs(text: string): ThresholdArgs | undefined {
  const parsed = thresholdArgs.safeParse(words(text));
  return parsed.success ? parsed.data : undefined;
}


/**
 * `/returnalert <amount>|off`, `/withdrawalert <amount>|off` (kopecks; null is off; 0 is a
 * threshold: every return / withdrawal), `/discountalert <percent>|off` (a whole percent 1–100;
 * a whole number outside that is `percentRange`, so the answer can say so).
 */
export function parseWatchdogArgs(text: string, unit: 'amount' | 'percent'): { value: number | null } | { error: 'percentRange' } | undefined {
  const list = words(text);
  if (list.length !== 1) return undefined;
  const word = list[0]!;
  if (OFF_WORDS.includes(word.toLowerCase()) && word !== '0') return { value: null };
  if (unit === 'amount') {
    const parsed = amount.safeParse(word);
    return parsed.success ? { value: parsed.data } : undefined;
  }
  const whole = z
    .string()
    .regex(/^\d{1,12}\s*%?$/)
    .transform((v) => Number(v.replace('%', '')))
    .safeParse(word);
  if (!whole.success) return undefined;
  return whole.data >= 1 && whole.data <= 100 ? { value: whole.data } : { error: 'percentRange' };
}

/** `/receipt <uuid>`: exactly one identifier. */
export function parseReceiptArgs(text: string): string | undefined {
  const parsed = z.tuple([identifier]).safeParse(words(text));
  return parsed.success ? parsed.data[0] : undefined;
}

/** `/lang uk|en` (any case; "ua" is taken as uk). */
export function parseLangArgs(text: string): Lang | undefined {
  const parsed = z
    .tuple([z.string().transform((v) => (v.toLowerCase() === 'ua' ? 'uk' : v.toLowerCase())).pipe(z.enum(LANGS))])
    .safeParse(words(text));
  return parsed.success ? parsed.data[0] : undefined;
}

/** `/start <code>`: an invite code's shape (whether it is valid is the database's to say). */
export function parseInviteCode(text: string): string | undefined {
  const parsed = z.tuple([z.string().regex(INVITE_CODE_SHAPE)]).safeParse(words(text));
  return parsed.success ? parsed.data[0] : undefined;
}

/** A business day as people write it: 27.11.2026 or 2026-11-27 (a real date), as YYYY-MM-DD. */
const businessDay = z
  .string()
  .transform((v) => {
    const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v);
    return dotted ? `${dotted[3]}-${dotted[2]!.padStart(2, '0')}-${dotted[1]!.padStart(2, '0')}` : v;
  })
  .pipe(z.iso.date());

export type PeriodArgs = { ok: true; from: string; to: string } | { ok: false; error: 'malformed' | 'reversed' };

/** `/report <from> <to>`, `/export <from> <to>`: two days, the first not after the second (else `reversed`). */
export function parsePeriod(text: string): PeriodArgs {
  const parsed = z.tuple([businessDay, businessDay]).safeParse(words(text));
  if (!parsed.success) return { ok: false, error: 'malformed' };
  const [from, to] = parsed.data;
  return from <= to ? { ok: true, from, to } : { ok: false, error: 'reversed' };
}

/** parsePeriod's period, or undefined whatever was wrong. */
export function parsePeriodArgs(text: string): { from: string; to: string } | undefined {
  const parsed = parsePeriod(text);
  return parsed.ok ? { from: parsed.from, to: parsed.to } : undefined;
}
