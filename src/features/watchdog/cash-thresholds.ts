/**
 * Low- and high-cash alerts fire once per crossing: a drawer that goes below its low threshold
 * alerts once and is re-armed only when it is at or above the threshold again (and likewise
 * above the high one). A threshold of 0 is off. Pure; the state lives on the cash desk row.
 */
export interface CashAlertState {
  lowAlerted: boolean;
  highAlerted: boolean;
}

export interface CashThresholds {
  lowKop: number;
  highKop: number;
}

export type CashAlertKind = 'low_cash' | 'high_cash';

export function evaluateCashThresholds(
  state: CashAlertState,
  thresholds: CashThresholds,
  cashKop: number,
): { state: CashAlertState; alerts: CashAlertKind[] } {
  const alerts: CashAlertKind[] = [];
  let { lowAlerted, highAlerted } = state;

  const isLow = thresholds.lowKop > 0 && cashKop < thresholds.lowKop;
  if (isLow && !lowAlerted) alerts.push('low_cash');
  lowAlerted = isLow;

  const isHigh = thresholds.highKop > 0 && cashKop > thresholds.highKop;
  if (isHigh && !highAlerted) alerts.push('high_cash');
  highAlerted = isHigh;

  return { state: { lowAlerted, highAlerted }, alerts };
}
