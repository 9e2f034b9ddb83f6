/** What a drill reports, and its one line. */
export interface DrillResult {
  name: string;
  /** Distinct checks answered 200. */
  acknowledged: number;
  /** Of those, the ones stored. */
  stored: number;
  /** Sale alerts that reached their chat (for every stored check, each of its business's chats). */
  delivered: number;
  expected: number;
  /** What went wrong besides loss: wrong answers, an unhealthy service, duplicates. */
  problems: string[];
  /** Details for the reader: phases, answers by status, timings. */
  notes: string[];
}

/** Loss: an acknowledged check not stored, or an alert a stored check owes not delivered. */
export function isLoss(r: DrillResult): boolean {
  return r.stored < r.acknowledged || r.delivered < r.expected;
}

export function passed(r: DrillResult): boolean {
  return !isLoss(r) && r.problems.length === 0;
}

/** `drill kill9: acknowledged 1200, stored 1200, delivered 1200 (expected 1200) — ok` */
export function drillLine(r: DrillResult): string {
  const verdict = isLoss(r) ? 'LOSS' : r.problems.length > 0 ? `FAIL (${r.problems.join('; ')})` : 'ok';
  return `drill ${r.name}: acknowledged ${r.acknowledged}, stored ${r.stored}, delivered ${r.delivered} (expected ${r.expected}) — ${verdict}`;
}
