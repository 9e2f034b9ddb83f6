import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { preparedStatement } from '../../platform/db/rows.js';
import type { DrawerState } from './drawer.js';

const WRITE_DRAWERS = preparedStatement<{ rows: string }>(
  'ingest_drawers',
  sql`update cash_desks d
       set cash_in_box_kop = x."cashKop", cash_in_box_at = x."cashAt",
           low_cash_alerted = x."lowAlerted", high_cash_alerted = x."highAlerted", drawer_mismatch_on = x."mismatchOn"
      from jsonb_to_recordset(${sql.placeholder('rows')}::jsonb) as x("id" bigint, "cashKop" bigint, "cashAt" timestamptz, "lowAlerted" boolean, "highAlerted" boolean,
                                                  "mismatchOn" date)
     where d.id = x."id"`,
);

/** ONE statement: the new state of every drawer a batch of checks moved (their rows are locked already). */
export async function writeDrawers(tx: Executor, desks: Array<DrawerState & { id: number }>): Promise<void> {
  if (desks.length === 0) return;
  const rows = JSON.stringify(
    desks.map((d) => ({
      id: d.id,
      cashKop: d.cashKop,
      cashAt: d.cashAt?.toISOString() ?? null,
      lowAlerted: d.lowAlerted,
      highAlerted: d.highAlerted,
      mismatchOn: d.mismatchOn,
    })),
  );
  await WRITE_DRAWERS.rows(tx, { rows });
}
