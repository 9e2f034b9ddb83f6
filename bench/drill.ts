/**
 * `npm run drill`: the fault drills of the service, one after another, each ending with a line
 * `drill <name>: acknowledged N, stored N, delivered N (expected N) — ok|LOSS` (FAIL with the
 * reason for a failure that is not loss); exit code 1 on any loss or failure.
 * `DRILL_SHORT=1` is the CI form (every phase shortened); `DRILL_ONLY=kill9,telegram,...` runs a
 * subset. Needs a PostgreSQL server (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/postgres); each drill makes and drops its own database.
 */
import { kill9Drill } from './drills/kill9.js';
import { databaseOutageDrill } from './drills/database-outage.js';
import { telegramOutageDrill } from './drills/telegram-outage.js';
import { duplicateStormDrill } from './drills/duplicate-storm.js';
import { malformedBodiesDrill } from './drills/malformed-bodies.js';
import { drillLine, passed, type DrillResult } from './drills/result.js';
import { SHORT } from './drills/harness.js';

const drills: Record<string, () => Promise<DrillResult>> = {
  kill9: () => kill9Drill(),
  'kill9-embedded': () => kill9Drill(SHORT, { embedded: true }),
  'database-outage': () => databaseOutageDrill(),
  'telegram-outage': () => telegramOutageDrill(),
  'duplicate-storm': () => duplicateStormDrill(),
  'malformed-bodies': () => malformedBodiesDrill(),
};
const only = process.env.DRILL_ONLY?.split(',').map((s) => s.trim());
const say = (line: string) => process.stderr.write(`${line}\n`);

say(`fault drills (${SHORT ? 'short form, DRILL_SHORT=1' : 'full form'}), ${new Date().toISOString()}`);
const started = Date.now();
let failed = 0;
for (const [name, run] of Object.entries(drills)) {
  if (only && !only.includes(name)) continue;
  say(`… ${name}`);
  const drillStarted = Date.now();
  let result: DrillResult;
  try {
    result = await run();
  } catch (err) {
    result = { name, acknowledged: 0, stored: 0, delivered: 0, expected: 0, problems: [`did not run: ${err instanceof Error ? err.message : String(err)}`], notes: [] };
  }
  for (const note of result.notes) say(`    ${note}`);
  say(`    took ${((Date.now() - drillStarted) / 1000).toFixed(1)} s`);
  console.log(drillLine(result));
  if (!passed(result)) failed++;
}
say(`${failed === 0 ? 'all drills passed' : `${failed} drill(s) failed`} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(failed === 0 ? 0 : 1);
