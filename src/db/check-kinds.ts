/**
 * What a stored check is (the `checks.kind` column): the vocabulary every layer shares, from the
 * CashDesk classification (cashdesk/kinds.ts) to the catalogue's names for each kind.
 */
export const CHECK_KINDS = ['sale', 'return', 'service_in', 'service_out', 'other'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];
