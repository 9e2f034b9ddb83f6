/**
 * The fault drills of `npm run drill` in their short form (DRILL_SHORT's phases), as CI runs
 * them: the real service in a child process on a fresh PostgreSQL database, the fake Telegram
 * with its real limits. Each must lose nothing and fail nothing. Long, and needs a PostgreSQL
 * server: runs only with LONG_TESTS=1 and TEST_DATABASE_URL (CI sets both).
 */
import { describe, expect, it } from 'vitest';
import { kill9Drill } from '../../bench/drills/kill9.js';
import { databaseOutageDrill } from '../../bench/drills/database-outage.js';
import { telegramOutageDrill } from '../../bench/drills/telegram-outage.js';
import { duplicateStormDrill } from '../../bench/drills/duplicate-storm.js';
import { malformedBodiesDrill } from '../../bench/drills/malformed-bodies.js';
import { longTests } from '../support/long-tests.js';
import { drillLine, type DrillResult } from '../../bench/drills/result.js';

const drills: Array<[string, (short: boolean) => Promise<DrillResult>]> = [
  ['kill -9 under load, then restart', kill9Drill],
  ['kill -9 of the process group on the embedded default, then restart', (short) => kill9Drill(short, { embedded: true })],
  ['PostgreSQL unreachable under load', databaseOutageDrill],
  ['Telegram down under load', telegramOutageDrill],
  ['the same check 50 times in parallel', duplicateStormDrill],
  ['malformed bodies with valid checks among them', malformedBodiesDrill],
];

describe.skipIf(!longTests || !process.env.TEST_DATABASE_URL)('fault drills (short form)', () => {
  it.each(drills)('%s: nothing acknowledged is lost, every alert delivered', async (_name, run) => {
    const result = await run(true);
    const report = [drillLine(result), ...result.notes].join('\n');
    expect(result.acknowledged, report).toBeGreaterThan(0);
    expect(result.problems, report).toEqual([]);
    expect(result.stored, report).toBe(result.acknowledged);
    expect(result.expected, report).toBeGreaterThanOrEqual(result.stored);
    expect(result.delivered, report).toBe(result.expected);
  }, 150_000);
});
