/**
 * Benchmark 8: the Mini App's API over HTTP (the real Koa app, initData checked on every call)
 * for a business with 1 000 000 stored checks (bench/support/checks-dataset.ts), on PostgreSQL:
 * GET /app/api/today, and GET /app/api/checks — the first page, the next page by cursor, and a
 * search by number prefix, by amount and by product name. Each is timed over repeated calls
 * after one warm-up; the median is reported.
 */
import type { Server } from 'node:http';
import { openDatabase } from '../src/platform/db/client.js';
import { openQueryPool } from '../src/platform/db/query-pool.js';
import { createApp } from '../src/http/app.js';
import { createLogger } from '../src/platform/observability/logger.js';
import { createMetrics } from '../src/platform/observability/metrics.js';
import { signInitData } from '../test/support/init-data.js';
import { sql } from 'drizzle-orm';
import type { Database } from '../src/platform/db/client.js';
import { loadYearOfChecks } from './support/checks-dataset.js';
import { freshDatabase } from './support/databases.js';
import { percentile } from './support/percentiles.js';

const DAY = '2026-11-27';
const BOT_TOKEN = '123456:bench-mini-app';

export interface MiniAppBench {
  checks: number;
  loadSeconds: number;
  /** Median milliseconds per call, by name. */
  medians: Record<string, number>;
}

/**
 * A third line on some checks, so the product search meets its slow band: products in 0.1 %,
 * 0.3 % and 0.6 % of the checks (a page of 30 is not within the newest few thousand checks, and
 * their lines are too many to read one by one), and one product only the other shop sells (in
 * 2 % of all checks), which the big shop's search must not pay for.
 */
export async function addSearchBands(db: Database): Promise<void> {
  await db.execute(sql`
    insert into check_items (check_id, business_id, position, name, unit_name, amount_milli, price_kop, cost_kop)
    select c.id, c.business_id, 2, n.name, 'шт', 1000, 100, 100
    from checks c
    cross join lateral (select case
                         when c.id % 1000 = 7 then 'Сир пармезан'
                         when c.id % 333 = 5 then 'Кава лавацца'
                         when c.id % 167 = 3 then 'Чай ахмад'
                         when c.cash_desk_id = (select id from cash_desks where num_fiscal = '4000000003') and c.id % 5 = 0 then 'Диня торпеда'
                       end as name) n
    where n.name is not null`);
  await db.execute(sql`analyze check_items`);
}

export async function benchMiniApp(total = Number(process.env.BENCH_FIGURES_CHECKS ?? 1_000_000)): Promise<MiniAppBench> {
  const database = await freshDatabase('bench_mini_app');
  const handle = await openDatabase({ databaseUrl: database.url, maxConnections: 4 });
  // The Mini App's reads on their own pool, as the service runs them.
  const pool = openQueryPool(handle);
  let server: Server | undefined;
  try {
    const { loadSeconds } = await loadYearOfChecks(handle.db, total, DAY);
    await addSearchBands(handle.db);
    const app = createApp({
      database: handle,
      config: { maxBodyBytes: 1024 * 1024, businessTz: 'Europe/Kyiv' },
      logger: createLogger({ level: 'silent' }),
      metrics: createMetrics(),
      isDraining: () => false,
      // The dataset's last day, at noon in Kyiv.
      // This measures each call's time, one user asking back to back: past the per-user rate.
      miniApp: {
        botToken: BOT_TOKEN,
        now: () => new Date(`${DAY}T10:00:00Z`),
        queryPool: pool,
        limits: { user: { perSecond: 1000, burst: 1000, maxInFlight: 2 } },
      },
    });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const addr = server.address();
    const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    // The owner of the big business (user 1, private chat 1).
    const authorization = `tma ${signInitData({ user: { id: 1, first_name: 'Bench' }, botToken: BOT_TOKEN })}`;
    const get = async (path: string): Promise<unknown> => {
      const res = await fetch(`${base}${path}`, { headers: { authorization } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    // A call the service refuses (a 503 past the statement timeout) is reported as -1, not fatal.
    const time = async (path: string, runs = 21): Promise<number> => {
      try {
        return await timeOf(path, runs);
      } catch (err) {
        process.stderr.write(`   ${String(err).slice(0, 200)}\n`);
        return -1;
      }
    };
    const timeOf = async (path: string, runs: number): Promise<number> => {
      await get(path);
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await get(path);
        samples.push(performance.now() - t);
      }
      return Math.round(percentile(samples, 50) * 10) / 10;
    };
    const first = (await get('/app/api/checks')) as { nextCursor: string };
    const q = (text: string) => `/app/api/checks?q=${encodeURIComponent(text)}`;
    const medians: Record<string, number> = {
      today: await time('/app/api/today'),
      checks_first_page: await time('/app/api/checks'),
      checks_next_page: await time(`/app/api/checks?before=${encodeURIComponent(first.nextCursor)}`),
      search_number_prefix: await time(q('N12345')),
      search_amount: await time(q('10,13')),
      // 'Товар 17' is in the names of 11 % of the checks' lines (Товар 17, 170–179), 'Товар 199' in 1 %.
      search_product_11pct: await time(q('Товар 17')),
      search_product_1pct: await time(q('Товар 199')),
      search_nothing_found: await time(q('Кавун')),
      // The slow band: in 0.1 %, 0.3 % and 0.6 % of the checks.
      search_product_0_1pct: await time(q('пармезан')),
      search_product_0_3pct: await time(q('Кава лав')),
      search_product_0_6pct: await time(q('ахмад')),
      // Sold only by the other shop (2 % of all checks): nothing here, and nothing to pay for it.
      search_other_shop_only: await time(q('Диня')),
      filter_returns: await time('/app/api/checks?kind=return'),
    };
    return { checks: total, loadSeconds, medians };
  } finally {
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
    }
    await pool.close();
    await handle.close();
    await database.drop();
  }
}
