import type { CheckKind } from './check-kinds.js';

/**
 * The one classification table from CashDesk's open-ended `check_type` to what we report on
 * (the kinds: platform/db/check-kinds.ts). Matched in order by the type's name; a type that names nothing
 * here is a sale when it has products and `other` otherwise. The raw value is always kept beside
 * the kind.
 */

const RULES: ReadonlyArray<{ pattern: RegExp; kind: CheckKind }> = [
  { pattern: /RETURN|REFUND/, kind: 'return' },
  { pattern: /SERVICE_IN|CASH_IN|DEPOSIT/, kind: 'service_in' },
  { pattern: /SERVICE_OUT|CASH_OUT|WITHDRAW/, kind: 'service_out' },
  { pattern: /SALE/, kind: 'sale' },
];

export function classifyCheck(checkType: string | null | undefined, productCount: number): CheckKind {
  const name = (checkType ?? '').toUpperCase();
  for (const rule of RULES) if (rule.pattern.test(name)) return rule.kind;
  return productCount > 0 ? 'sale' : 'other';
}
