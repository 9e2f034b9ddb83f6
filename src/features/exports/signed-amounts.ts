/**
 * An amount as it counts towards the net, for the exports' signed columns (a plain SUM over them
 * gives sales minus returns): a sale's amount plus, a return's minus, each of its absolute value
 * whatever sign the till sent (both are seen); a service deposit or withdrawal, or a check of no
 * known kind, counts for nothing (null: an empty cell). The raw columns keep the values as they came.
 */
export function signedKop(kind: string, kop: number): number | null {
  if (kind === 'sale') return Math.abs(kop);
  if (kind === 'return') return -Math.abs(kop);
  return null;
}
