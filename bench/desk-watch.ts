/**
 * The desk watch over 1 000 000 stored checks on PostgreSQL (BENCH_DESKS cash desks, 200 by
 * default, each trading 08:00–21:00 for 35 days with a check every few minutes): how long the
 * daily profile learning takes per desk, and how long the every-minute look takes once profiles
 * are stored (one index probe per desk). Run: `npx tsx bench/desk-watch.ts`.
 */
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/platform/db/client.js';
import { runDeskWatch } from '../src/features/watchdog/desk-watch.js';
import { queryRows } from '../src/platform/db/rows.js';
import { freshDatabase } from './support/databases.js';
import { percentile } from './support/percentiles.js';

const TZ = 'Europe/Kyiv';
const DESKS = Number(process.env.BENCH_DESKS ?? 200);
const CHECKS = Number(process.env.BENCH_DESK_WATCH_CHECKS ?? 1_000_000);
const DAYS = 35;
/** Tuesday 2026-12-01, 14:00 in Kyiv. */
const NOW = new Date('2026-12-01T12:00:00Z');

async function main(): Promise<void> {
  const database = await freshDatabase('bench_desk_watch');
  const handle = await openDatabase({ databaseUrl: database.url, maxConnections: 2 });
  const { db } = handle;
  try {
    const perDesk = Math.floor(CHECKS / DESKS);
    // 13 trading hours a day: spread each desk's checks over them, with a little jitter.
    const stepSeconds = Math.floor((DAYS * 13 * 3600) / perDesk);
    const loadStart = performance.now();
    await db.execute(sql`insert into businesses (owner_user_id, webhook_token, webhook_token_hash)
                         select g, 'tok' || g, 'hash' || g from generate_series(1, ${DESKS}) g`);
    await db.execute(sql`insert into chats (chat_id, business_id, type, role) select id, id, 'private', 'owner' from businesses`);
    await db.execute(sql`insert into cash_desks (business_id, num_fiscal) select id, (40000000 + id)::text from businesses`);
    await db.execute(sql`
      insert into checks (business_id, cash_desk_id, uuid, kind, ordered_at, business_date, total_kop, raw)
      select d.business_id, d.id, d.id || '-' || n, 'sale', t, (t at time zone ${TZ})::date, 1000, '{}'::jsonb
        from cash_desks d, generate_series(0, ${perDesk - 1}) n,
             lateral (select ${NOW.toISOString()}::timestamptz - interval '${sql.raw(String(DAYS))} days'
                             + ((n * ${stepSeconds}) / (13 * 3600)) * interval '1 day'
                             + interval '6 hours' + ((n * ${stepSeconds}) % (13 * 3600)) * interval '1 second'
                             + (d.id % 7) * interval '1 minute' as t) x`);
    await db.execute(sql`analyze checks`);
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const [count] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from checks`);
    const n = Number(count?.n);

    const t0 = performance.now();
    const learned = await runDeskWatch(db, { now: NOW, tz: TZ, maxProfiles: DESKS });
    const learnMs = performance.now() - t0;

    const looks: number[] = [];
    let last = learned;
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      last = await runDeskWatch(db, { now: new Date(NOW.getTime() + i * 1000), tz: TZ, maxProfiles: DESKS });
      looks.push(performance.now() - t);
    }
    console.log(
      JSON.stringify(
        {
          checks: n,
          desks: DESKS,
          loadSeconds: Math.round(loadSeconds),
          learnAllProfilesMs: Math.round(learnMs),
          learnPerDeskMs: Math.round(learnMs / DESKS),
          firstLook: learned,
          minuteLookMedianMs: Math.round(percentile(looks, 50)),
          minuteLookP95Ms: Math.round(percentile(looks, 95)),
          lastLook: last,
        },
        null,
        2,
      ),
    );
  } finally {
    await handle.close();
    await database.drop();
  }
}

await main();
