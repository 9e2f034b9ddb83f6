/**
 * The checks a drill posts: CashDesk's sale-cash fixture with a fresh uuid and a check number
 * (ORDERNUM) unique in the drill, `D<n>`. The real renderer shows the check number in sale
 * alerts and digests, so the fake Telegram's texts tell which checks reached which chat.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { ROOT } from '../support/processes.js';

const template = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/cashdesk/sale-cash.json'), 'utf8')) as Record<string, unknown>;

/** Check numbers as they appear in message texts. */
export const CHECK_NUMBER = /\bD\d+\b/g;

export interface DrillCheck {
  uuid: string;
  number: string;
  body: string;
}

/**
 * Check number `n` of a drill, as a JSON body. Without the drawer figure (`cash_in_box`): a
 * drill's checks of one cash desk arrive hundreds at once in no set order, so no run of figures
 * could add up, and the watchdog's "drawer does not add up" alert would name a drill check in a
 * second message (counted as a duplicate sale alert). Drawers and their alerts under concurrency
 * are tested in test/features/ingest/group-commit.test.ts and test/integration/watchdog.test.ts.
 */
export function drillCheck(n: number, patch: (check: Record<string, unknown>) => void = () => {}): DrillCheck {
  const check = structuredClone(template);
  delete check.cash_in_box;
  const uuid = randomUUID();
  const number = `D${n}`;
  check.uuid = uuid;
  check.ORDERNUM = number;
  patch(check);
  return { uuid, number, body: JSON.stringify(check) };
}
