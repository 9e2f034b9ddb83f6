import { describe, expect, it } from 'vitest';
import { evaluateCashThresholds, type CashAlertKind, type CashAlertState } from '../../../src/features/watchdog/cash-thresholds.js';

/** Runs a drawer through a series of amounts and lists the alerts each one raises. */
function walk(thresholds: { lowKop: number; highKop: number }, amounts: number[], start: CashAlertState = { lowAlerted: false, highAlerted: false }) {
  let state = start;
  const raised: CashAlertKind[][] = [];
  for (const cash of amounts) {
    const next = evaluateCashThresholds(state, thresholds, cash);
    raised.push(next.alerts);
    state = next.state;
  }
  return { raised, state };
}

describe('cash thresholds: one alert per crossing', () => {
  it('low: down alerts once, staying low is quiet, at the threshold re-arms', () => {
    const { raised, state } = walk({ lowKop: 100_000, highKop: 0 }, [150_000, 90_000, 80_000, 99_999, 100_000, 99_999, 200_000, 50_000, 0]);
    expect(raised).toEqual([[], ['low_cash'], [], [], [], ['low_cash'], [], ['low_cash'], []]);
    expect(state).toEqual({ lowAlerted: true, highAlerted: false });
  });

  it('low: the very first figure below the threshold alerts', () => {
    expect(walk({ lowKop: 100_000, highKop: 0 }, [10]).raised).toEqual([['low_cash']]);
  });

  it('high: above alerts once, at the limit re-arms', () => {
    const { raised } = walk({ lowKop: 0, highKop: 500_000 }, [400_000, 500_000, 500_001, 900_000, 500_000, 500_001, 499_999, 600_000]);
    expect(raised).toEqual([[], [], ['high_cash'], [], [], ['high_cash'], [], ['high_cash']]);
  });

  it('both limits at once, each with its own state', () => {
    const { raised } = walk({ lowKop: 100_000, highKop: 500_000 }, [50_000, 600_000, 50_000, 50_000, 600_000, 300_000]);
    expect(raised).toEqual([['low_cash'], ['high_cash'], ['low_cash'], [], ['high_cash'], []]);
  });

  it('a threshold of 0 is off, and turning it off re-arms it', () => {
    expect(walk({ lowKop: 0, highKop: 0 }, [0, -100, 1_000_000_00]).raised).toEqual([[], [], []]);
    const low = evaluateCashThresholds({ lowAlerted: true, highAlerted: true }, { lowKop: 0, highKop: 0 }, 10);
    expect(low).toEqual({ state: { lowAlerted: false, highAlerted: false }, alerts: [] });
  });

  it('the state it is given decides (it lives in the database): alerted stays quiet, re-armed alerts', () => {
    expect(evaluateCashThresholds({ lowAlerted: true, highAlerted: false }, { lowKop: 100, highKop: 0 }, 50).alerts).toEqual([]);
    expect(evaluateCashThresholds({ lowAlerted: false, highAlerted: false }, { lowKop: 100, highKop: 0 }, 50).alerts).toEqual(['low_cash']);
    expect(evaluateCashThresholds({ lowAlerted: false, highAlerted: true }, { lowKop: 0, highKop: 100 }, 150).alerts).toEqual([]);
  });

  it('a threshold raised over a drawer already alerted stays quiet; lowered under it re-arms', () => {
    // Alerted below 1 000; the owner raises the threshold to 2 000 while the drawer is at 900.
    expect(evaluateCashThresholds({ lowAlerted: true, highAlerted: false }, { lowKop: 200_000, highKop: 0 }, 90_000).alerts).toEqual([]);
    // Lowered to 500: the drawer at 900 is fine again, and re-armed.
    const after = evaluateCashThresholds({ lowAlerted: true, highAlerted: false }, { lowKop: 50_000, highKop: 0 }, 90_000);
    expect(after).toEqual({ state: { lowAlerted: false, highAlerted: false }, alerts: [] });
  });
});
