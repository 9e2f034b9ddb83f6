import { sql, type SQL } from 'drizzle-orm';
import type { NamedCheckKind } from '../i18n/catalogue.js';

/**
 * What a stored check is (the `checks.kind` column): the vocabulary every layer shares, from the
 * CashDesk classification (platform/db/check-types.ts) to the catalogue's names for each kind.
 */
export const CHECK_KINDS = ['sale', 'return', 'service_in', 'service_out', 'other'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

/** The catalogue names exactly these kinds: a kind added here without its name, or a name left over, does not compile. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const everyKindNamed: Same<CheckKind, NamedCheckKind> = true;
void everyKindNamed;

/**
 * How a stored check's amounts count, the one rule for every figure (/today, summaries,
 * reports, charts, the Mini App, alerts, the watchdog). CashDesk's page does not say how a
 * return is signed and both signs are seen: a return is a return of its absolute amount, so a
 * `return` sent with a total below zero has all its amounts (total, payments, rounding,
 * discounts, lines) read the other way round. The stored values stay exactly as the till sent
 * them; only what is counted or shown goes through this rule. `countedSign` in TypeScript and
 * `countedSql` in SQL are the same rule, side by side here.
 */
export function countedSign(check: { kind: CheckKind; totalKop: number }): 1 | -1 {
  return check.kind === 'return' && check.totalKop < 0 ? -1 : 1;
}

/** One of the check's amounts as it counts (no negative zero). */
export function countedKop(check: { kind: CheckKind; totalKop: number }, amountKop: number): number {
  return amountKop === 0 ? 0 : countedSign(check) * amountKop;
}

/**
 * `countedKop` in SQL over a row of `checks`: `column` of the check (or of its payments or
 * lines) as it counts. `check` is the alias of the checks row whose kind and total decide, when
 * the query names it.
 */
export function countedSql(column: SQL, check?: string): SQL {
  const kind = check ? sql.raw(`${check}.kind`) : sql.raw('kind');
  const total = check ? sql.raw(`${check}.total_kop`) : sql.raw('total_kop');
  return sql`(case when ${kind} = 'return' and ${total} < 0 then -(${column}) else ${column} end)`;
}
