import type { PeriodReport } from '../../../src/features/reports/period-report.js';
import type { PeriodFigures } from '../../../src/features/reports/figures-types.js';

/** A small period report for the report's text and photo tests: three days, one without sales. */
const zero = { count: 0, sumKop: 0 };
export const figures = (from: string, to: string, netKop: number): PeriodFigures => ({
  businessId: 1,
  from,
  to,
  sales: netKop > 0 ? { count: 4, sumKop: netKop } : zero,
  returns: zero,
  netKop,
  cashKop: netKop,
  cashlessKop: 0,
  averageCheckKop: netKop > 0 ? Math.round(netKop / 4) : 0,
  roundingKop: 0,
  serviceIn: zero,
  serviceOut: zero,
  cashDesks: [],
});
export const week = (patch: Partial<PeriodReport> = {}): PeriodReport => ({
  kind: 'week',
  figures: figures('2026-11-30', '2026-12-02', 30_000),
  previous: figures('2026-11-23', '2026-11-25', 20_000),
  topByRevenue: [],
  daily: [
    { date: '2026-11-30', netKop: 10_000 },
    { date: '2026-12-01', netKop: 0 },
    { date: '2026-12-02', netKop: 20_000 },
  ],
  ...patch,
});
