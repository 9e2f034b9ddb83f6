import { z } from 'zod';
import { parseMoneyToKopecks } from '../../platform/money/parse.js';
import { parseClock } from '../../platform/time/clock.js';
import type { QuietHours } from './chat-settings.js';

/**
 * Arguments of the settings commands, parsed with zod; undefined means malformed (the command
 * answers with its usage line). Pure.
 */
const words = (text: string) => text.trim().split(/\s+/).filter(Boolean);
const lower = z.string().transform((v) => v.toLowerCase());

/**
 * The words the settings and threshold commands take for on, off, all and default, in English and
 * Ukrainian (any case): the one table, bot/arguments.ts uses it too.
 */
export const OFF_WORDS: readonly string[] = ['off', '0', 'no', 'none', 'false', 'вимк', 'вимкн', 'вимкни', 'вимкнути', 'вимкнено', 'ні', 'немає'];
export const ON_WORDS: readonly string[] = ['on', 'yes', 'true', 'увімк', 'увімкн', 'увімкни', 'увімкнути', 'увімкнено', 'вкл', 'так'];
const OFF = OFF_WORDS;
const ON = ON_WORDS;
const ALL = ['all', 'усі', 'всі', 'все'];
const DEFAULT = ['default', 'за замовчуванням', 'стандарт', 'як для магазину', 'магазину', ...OFF_WORDS];

const off = lower.refine((v) => OFF.includes(v));

/** UAH with up to two decimals, dot or comma (as /lowcash takes it). */
const amount = z
  .string()
  .regex(/^\d{1,10}(?:[.,]\d{1,2})?$/)
  .transform((v) => parseMoneyToKopecks(v.replace(',', '.')));

const clock = z.string().transform((v, ctx) => {
  const minutes = parseClock(v);
  if (minutes === undefined) {
    ctx.addIssue({ code: 'custom', message: 'not HH:MM' });
    return z.NEVER;
  }
  return minutes;
});

/** `/minsum <amount>|off`: kopecks, 0 for off (every check again). */
export function parseMinSumArgs(text: string): number | undefined {
  const parsed = z.union([z.tuple([off]).transform(() => 0), z.tuple([amount]).transform(([kop]) => kop)]).safeParse(words(text));
  return parsed.success ? parsed.data : undefined;
}

/** `/onlyreturns on|off`. */
export function parseOnOffArgs(text: string): boolean | undefined {
  const parsed = z
    .tuple([lower.refine((v) => ON.includes(v) || OFF.includes(v))])
    .transform(([v]) => ON.includes(v))
    .safeParse(words(text));
  return parsed.success ? parsed.data : undefined;
}

/** `/quiet HH:MM-HH:MM|off` (a dash or an en dash, spaces allowed around it); from and to differ. */
export function parseQuietArgs(text: string): QuietHours | null | undefined {
  const joined = words(text).join('');
  if (off.safeParse(joined).success) return null;
  const parsed = z
    .string()
    .regex(/^[^-–]+[-–][^-–]+$/)
    .transform((v) => v.split(/[-–]/))
    .pipe(z.tuple([clock, clock]))
    .refine(([from, to]) => from !== to)
    .transform(([from, to]) => ({ from, to }))
    .safeParse(joined);
  return parsed.success ? parsed.data : undefined;
}

/** A cash desk's fiscal number as CashDesk sends it. */
const fiscal = z
  .string()
  .max(64)
  .regex(/^[\p{L}\p{N}_.:-]+$/u);

/** `/desks all` or `/desks <num_fiscal> …` (up to 50): null for every cash desk. */
export function parseDesksArgs(text: string): string[] | null | undefined {
  const list = words(text);
  if (list.length === 1 && ALL.includes(list[0]!.toLowerCase())) return null;
  const parsed = z.array(fiscal).min(1).max(50).safeParse(list);
  return parsed.success ? [...new Set(parsed.data)] : undefined;
}

/** `/summarytime HH:MM|default`: minutes of the day, null for the business default. */
export function parseSummaryTimeArgs(text: string): number | null | undefined {
  const value = words(text).join(' ').toLowerCase();
  if (DEFAULT.includes(value)) return null;
  const parsed = z.tuple([clock]).safeParse(words(text));
  return parsed.success ? parsed.data[0] : undefined;
}
