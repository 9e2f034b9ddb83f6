/**
 * Benchmark 10: `/export … xlsx` of a period with 200 000 items (20 000 checks of ten items over
 * 30 days), on PostgreSQL, in this process. The streaming export (src/features/exports/xlsx-workbook.ts:
 * a page of checks at a time, a turn for the event loop every 1 000 rows) against a baseline in
 * the same run: the way the first XLSX export worked (every row of the period read at once, then
 * written row after row without a break). Reported: the longest the event loop was held (goal
 * ≤ 50 ms), the heap's growth while writing, time, file size and bytes per row (the part
 * planner's estimate rests on it), and how the period would be cut into files.
 */
import { stat } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { PassThrough, type Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { openDatabase, type Database } from '../src/platform/db/client.js';
import { queryRows } from '../src/platform/db/rows.js';
import { ensureBusiness } from '../src/features/shops/businesses.js';
import { loadPeriodVolume } from '../src/features/exports/export-source.js';
import { writeChecksWorkbook } from '../src/features/exports/xlsx-workbook.js';
import { planExportParts } from '../src/features/exports/export-parts.js';
import { catalogue } from '../src/platform/i18n/lang.js';
import { freshDatabase } from './support/databases.js';
import type { Server } from 'node:http';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { stringify as stringifySync } from 'csv-stringify/sync';
import { csvMoney } from '../src/features/exports/checks-csv.js';
import { planExport } from '../src/features/exports/export-files.js';
import { loadExportPart } from '../src/features/exports/export-job.js';
import { createApp } from '../src/http/app.js';
import { createLogger } from '../src/platform/observability/logger.js';
import { createMetrics } from '../src/platform/observability/metrics.js';
import { checkTemplate } from './support/bodies.js';
import { pacedLoad } from './support/paced-load.js';
import type { LoadResult } from './support/load.js';
import { ROOT } from './support/processes.js';
import { productionNodeArgs } from './support/service.js';

export interface ExportRun {
  ms: number;
  /** Longest delay of a 1 ms timer while writing: how long the event loop was held at most. */
  maxBlockMs: number;
  /** Heap growth while writing (peak heapUsed sampled every 5 ms, minus the heap before). */
  heapGrowthMb: number;
  bytes: number;
}

export interface ExportBench {
  /**
   * The machine's own share: the longest a loop doing 2 ms of arithmetic between turns was held,
   * over 5 s just before. On a quiet machine a few ms; on a loaded one the scheduler's pauses,
   * which every figure here includes too.
   */
  controlMaxBlockMs: number;
  items: number;
  checks: number;
  streaming: ExportRun;
  baseline: ExportRun;
  bytesPerRow: number;
  parts: number;
}

export const FROM = '2026-11-01';
export const TO = '2026-11-30';
export const KYIV = 'Europe/Kyiv';

export async function seed(db: Database, checks: number, itemsPerCheck: number): Promise<number> {
  const { business } = await ensureBusiness(db, { ownerUserId: 1, ownerChatId: 1, chatType: 'private', defaultLowCashKop: 0 });
  await db.execute(sql`insert into cash_desks (business_id, num_fiscal) values (${business.id}::bigint, '4000000001'), (${business.id}::bigint, '4000000002')`);
  const step = (30 * 24 * 3600) / checks;
  await db.execute(sql`
    insert into checks (business_id, cash_desk_id, uuid, check_type, kind, order_num, ordered_at, business_date,
                        total_kop, round_kop, cash_kop, cashless_kop, cash_in_box_kop, raw, has_pdf)
    select ${business.id}::bigint,
           (select id from cash_desks where num_fiscal = case when g % 2 = 0 then '4000000001' else '4000000002' end),
           md5(g::text)::uuid::text, 'Z_SALE', 'sale', 'N' || g, t.ts, (t.ts at time zone ${KYIV})::date,
           1000 + (g % 997) * 13, 0, 1000 + (g % 997) * 13, 0, null, '{}'::jsonb, false
    from generate_series(1, ${checks}::int) g,
         lateral (select (timestamptz '2026-10-31 22:00:00+00' + (g - 1) * make_interval(secs => ${step}::double precision)) as ts) t`);
  await db.execute(sql`
    insert into check_items (check_id, business_id, position, name, code, unit_name, amount_milli, price_kop, cost_kop)
    select c.id, c.business_id, p.pos, 'Товар номер ' || ((c.id * 7 + p.pos) % 500) || ' у пачці', (1000 + p.pos)::text, 'шт', 1000, c.total_kop / ${itemsPerCheck}, c.total_kop / ${itemsPerCheck}
    from checks c cross join generate_series(1, ${itemsPerCheck}::int) as p(pos)`);
  await db.execute(sql`analyze`);
  return business.id;
}

/** Runs `write` into a byte counter while sampling the event loop's delay and the heap. */
export async function measure(write: (out: Writable) => Promise<unknown>): Promise<ExportRun> {
  const out = new PassThrough();
  let bytes = 0;
  out.on('data', (c: Buffer) => (bytes += c.length));
  const ended = new Promise((resolve) => out.on('end', resolve));
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 5);
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const started = performance.now();
  await write(out);
  await ended;
  const ms = performance.now() - started;
  delay.disable();
  clearInterval(sampler);
  return {
    ms: Math.round(ms),
    maxBlockMs: Math.round(delay.max / 1e6),
    heapGrowthMb: Math.round((heapPeak - heapBefore) / 1024 / 1024),
    bytes,
  };
}

export async function control(seconds = 5): Promise<number> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const until = performance.now() + seconds * 1000;
  let x = 0;
  while (performance.now() < until) {
    const sliceEnd = performance.now() + 2;
    while (performance.now() < sliceEnd) x += Math.sqrt(x + 1);
    await new Promise((resolve) => setImmediate(resolve));
  }
  delay.disable();
  return Math.round(delay.max / 1e6);
}

/** The first XLSX export's way, kept here as the baseline: all the period's rows at once, then one sheet. */
async function baselineExport(db: Database, businessId: number, out: Writable): Promise<void> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select c.business_date::text as business_date, c.ordered_at, d.num_fiscal, c.order_num, c.uuid, c.kind,
               c.total_kop, c.cash_kop, c.cashless_kop, c.discount_kop as check_discount_kop,
               i.position, i.name, i.code, i.unit_name, i.amount_milli, i.price_kop, i.cost_kop, i.discount_kop
        from checks c join cash_desks d on d.id = c.cash_desk_id left join check_items i on i.check_id = c.id
        where c.business_id = ${businessId} and c.business_date between ${FROM}::date and ${TO}::date
        order by c.ordered_at, c.id, i.position`,
  );
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Checks', { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const r of rows) {
    sheet
      .addRow([r.business_date, String(r.ordered_at), r.num_fiscal, r.order_num, r.uuid, r.kind, Number(r.total_kop) / 100, Number(r.cash_kop) / 100,
        Number(r.cashless_kop) / 100, Number(r.check_discount_kop) / 100, r.position, r.name, r.code, r.unit_name, Number(r.amount_milli) / 1000,
        Number(r.price_kop) / 100, Number(r.cost_kop) / 100, Number(r.discount_kop) / 100])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}

export async function benchExport(checks = Number(process.env.BENCH_EXPORT_CHECKS ?? 20_000), itemsPerCheck = 10): Promise<ExportBench> {
  const database = await freshDatabase('bench_export');
  const handle = await openDatabase({ databaseUrl: database.url, maxConnections: 2 });
  try {
    const { db } = handle;
    const businessId = await seed(db, checks, itemsPerCheck);
    const period = { businessId, from: FROM, to: TO };
    const t = catalogue('uk');
    const volume = await loadPeriodVolume(db, period);
    const items = volume.days.reduce((s, d) => s + d.items, 0);
    const counted = volume.days.reduce((s, d) => s + d.checks, 0);
    const controlMaxBlockMs = await control();
    // The baseline first: it also warms the connection and exceljs for the streaming run.
    const baseline = await measure((out) => baselineExport(db, businessId, out));
    const streaming = await measure((out) => writeChecksWorkbook(db, period, volume, t, KYIV, out));
    // Bytes a row (of either sheet) takes in the compressed file.
    const bytesPerRow = Math.round(streaming.bytes / (items + counted));
    return { controlMaxBlockMs, items, checks: counted, streaming, baseline, bytesPerRow, parts: planExportParts(volume.days, { longestName: volume.longest.name }).length };
  } finally {
    await handle.close();
    await database.drop();
  }
}

export interface CsvRun {
  ms: number;
  /** Longest delay of a 1 ms timer while it ran: how long the event loop was held at most. */
  maxBlockMs: number;
  /** Growth of the V8 heap, and of heap + Buffers (arrayBuffers: the file's bytes live there), peak over before. */
  heapGrowthMb: number;
  memoryGrowthMb: number;
  rssGrowthMb: number;
  /** What the process still held after it, once collected (heap + Buffers over before). */
  retainedMb: number;
  bytes: number;
  files: number;
  /** Another shop's webhook meanwhile (checks arriving at WEBHOOK_RATE a second). */
  webhook: { p50: number; p99: number; requests: number; failed: number };
}

export interface CsvExportBench {
  controlMaxBlockMs: number;
  checks: number;
  items: number;
  /** The node flags of the measured process (npm run start:prod's). */
  nodeArgs: string[];
  streaming: CsvRun;
  baseline: CsvRun;
  /** The same streaming export in a node with V8's default heap sizing (no flags), for the record. */
  streamingDefaultHeap: CsvRun;
}

const WEBHOOK_RATE = 20;

/** The first CSV export's way, kept as the baseline: every row of the period in one query, then the file built synchronously. */
async function baselineCsv(db: Database, businessId: number): Promise<{ bytes: number; files: number }> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select c.business_date::text as business_date, c.ordered_at, d.num_fiscal, coalesce(c.order_num, c.local_number::text) as order_num, c.uuid, c.kind,
               c.total_kop, c.cash_kop, c.cashless_kop, c.discount_kop as check_discount_kop,
               i.position, i.name, i.code, i.unit_name, i.amount_milli, i.price_kop, i.cost_kop, i.discount_kop
        from checks c join cash_desks d on d.id = c.cash_desk_id left join check_items i on i.check_id = c.id
        where c.business_id = ${businessId} and c.business_date between ${FROM}::date and ${TO}::date
        order by c.ordered_at, c.id, i.position`,
  );
  const records = rows.map((r) => [
    r.business_date, String(r.ordered_at), r.num_fiscal, r.order_num, r.uuid, r.kind, csvMoney(r.total_kop), csvMoney(r.cash_kop), csvMoney(r.cashless_kop),
    csvMoney(r.check_discount_kop), String(r.position), r.name, r.code, r.unit_name, String(r.amount_milli), csvMoney(r.price_kop), csvMoney(r.cost_kop), csvMoney(r.discount_kop),
  ]);
  const bytes = Buffer.from(stringifySync(records, { delimiter: ';', bom: true, record_delimiter: 'windows' }), 'utf8');
  return { bytes: bytes.length, files: 1 };
}

/** The export as the outbox builds it: planned into parts, each built into its temporary file, removed once "sent". */
async function streamingCsv(db: Database, businessId: number): Promise<{ bytes: number; files: number }> {
  const t = catalogue('uk');
  const period = { businessId, from: FROM, to: TO };
  const parts = await planExport(db, period, { format: 'csv' });
  let bytes = 0;
  for (const part of parts) {
    const message = await loadExportPart(db, { businessId, from: part.from, to: part.to, format: 'csv', part: { index: part.index, of: part.of } }, t, KYIV);
    const document = message.document;
    if (document) bytes += 'bytes' in document ? document.bytes.length : (await stat(document.path)).size;
    await message.release?.();
  }
  return { bytes, files: parts.length };
}

type CsvMeasured = Omit<CsvRun, 'webhook'>;
type CsvCommand = 'control' | 'baseline' | 'streaming';
type CsvAnswer = { ready: { port: number } } | { control: number } | { measured: CsvMeasured } | { failed: string };

/** Runs `work` in this process, sampling the event loop and memory (every 5 ms), then what stays once collected. */
async function measureHere(work: () => Promise<{ bytes: number; files: number }>): Promise<CsvMeasured> {
  global.gc?.();
  const before = process.memoryUsage();
  const peak = { heap: before.heapUsed, memory: before.heapUsed + before.arrayBuffers, rss: before.rss };
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peak.heap = Math.max(peak.heap, m.heapUsed);
    peak.memory = Math.max(peak.memory, m.heapUsed + m.arrayBuffers);
    peak.rss = Math.max(peak.rss, m.rss);
  }, 5);
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  delay.disable();
  clearInterval(sampler);
  global.gc?.();
  const after = process.memoryUsage();
  const mb = (n: number) => Math.round(n / 1024 / 1024);
  return {
    ms: Math.round(ms),
    maxBlockMs: Math.round(delay.max / 1e6),
    heapGrowthMb: mb(peak.heap - before.heapUsed),
    memoryGrowthMb: mb(peak.memory - before.heapUsed - before.arrayBuffers),
    rssGrowthMb: mb(peak.rss - before.rss),
    retainedMb: mb(after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers),
    bytes: result.bytes,
    files: result.files,
  };
}

/**
 * The measured process of benchmark 10b (bench/support/csv-export-process.ts runs it): the real
 * Koa app taking another shop's webhook, and the exports, run one at a time as the parent asks
 * over IPC. The database and business come in BENCH_CSV_DATABASE_URL and BENCH_CSV_BUSINESS.
 */
export async function serveCsvExport(): Promise<void> {
  const send = (answer: CsvAnswer) => new Promise<void>((resolve, reject) => process.send!(answer, undefined, {}, (err) => (err ? reject(err) : resolve())));
  const handle = await openDatabase({ databaseUrl: process.env.BENCH_CSV_DATABASE_URL!, maxConnections: 4 });
  const businessId = Number(process.env.BENCH_CSV_BUSINESS);
  const app = createApp({ database: handle, config: { maxBodyBytes: 1024 * 1024, businessTz: KYIV }, logger: createLogger({ level: 'silent' }), metrics: createMetrics(), isDraining: () => false });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  process.on('message', (command: CsvCommand) => {
    const answer: Promise<CsvAnswer> =
      command === 'control'
        ? control().then((ms) => ({ control: ms }))
        : measureHere(() => (command === 'baseline' ? baselineCsv(handle.db, businessId) : streamingCsv(handle.db, businessId))).then((measured) => ({ measured }));
    answer.then(send, (err: unknown) => send({ failed: String(err) })).catch(() => process.exit(1));
  });
  process.once('disconnect', () => {
    server.closeAllConnections();
    server.close();
    void handle.close().finally(() => process.exit(0));
  });
  const addr = server.address();
  await send({ ready: { port: typeof addr === 'object' && addr ? addr.port : 0 } });
}

interface CsvExportProcess {
  webhookUrl: string;
  ask(command: CsvCommand): Promise<CsvAnswer>;
  stop(): Promise<void>;
}

/** Starts the measured process: node with `nodeArgs` (and --expose-gc, to collect before and after each run). */
async function startCsvExportProcess(nodeArgs: string[], env: Record<string, string>, webhookToken: string): Promise<CsvExportProcess> {
  const child = spawn(process.execPath, ['--expose-gc', ...nodeArgs, '--import', 'tsx', path.join(ROOT, 'bench/support/csv-export-process.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`the CSV export process exited ${code}`))));
  exited.catch(() => {});
  const next = () => Promise.race([new Promise<CsvAnswer>((resolve) => child.once('message', (m) => resolve(m as CsvAnswer))), exited]);
  const ready = await next();
  if (!('ready' in ready)) throw new Error(`the CSV export process did not start: ${JSON.stringify(ready)}`);
  return {
    webhookUrl: `http://127.0.0.1:${ready.ready.port}/webhooks/cashdesk/${webhookToken}`,
    ask(command) {
      const answer = next();
      child.send(command);
      return answer;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.disconnect();
        setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
      }),
  };
}

/** Asks `proc` for one export while another shop's checks arrive at its webhook (sent from this process). */
async function csvRun(proc: CsvExportProcess, command: 'baseline' | 'streaming'): Promise<CsvRun> {
  let done = false;
  // Checks keep arriving for as long as the export runs (a load of 2 s at a time).
  const webhook = (async () => {
    const runs: LoadResult[] = [];
    while (!done) runs.push(await pacedLoad({ url: proc.webhookUrl, body: checkTemplate(2 * 1024), seconds: 2, rate: WEBHOOK_RATE, seed: runs.length + 1 }));
    return runs;
  })();
  const answer = await proc.ask(command).finally(() => (done = true));
  const runs = await webhook;
  if (!('measured' in answer)) throw new Error(`the ${command} export failed: ${JSON.stringify(answer)}`);
  const worst = (pick: (r: LoadResult) => number) => Math.max(...runs.map(pick));
  return {
    ...answer.measured,
    webhook: {
      // The worst 2-second window's percentiles (the export's stretch is what counts).
      p50: worst((r) => r.p50),
      p99: worst((r) => r.p99),
      requests: runs.reduce((s, r) => s + r.requests, 0),
      failed: runs.reduce((s, r) => s + r.non2xx + r.errors, 0),
    },
  };
}

/**
 * Benchmark 10b: `/export` as CSV of 200 000 checks (two items each: 400 000 lines) over 30 days,
 * on PostgreSQL, in a process that also answers another shop's webhook (the real Koa app, checks
 * arriving at 20 a second, sent from this process) and runs node as the service runs in
 * production (npm run start:prod's heap flags): what the export adds is measured there, not in
 * this process, whose load generator's garbage and V8's default young generation would count
 * too. The export as the outbox builds it: planned into parts under Telegram's 50 MB, each part
 * streamed from keyset pages through the build slots into a temporary file (removed once sent).
 * Against the first CSV export's way (all rows at once, built synchronously). Goals: the event
 * loop held < 50 ms at a time, < 64 MB more memory, the other shop's webhook p99 < 100 ms. The
 * streaming export is run once more in a node with V8's default heap sizing, for the record.
 */
export async function benchCsvExport(checks = Number(process.env.BENCH_CSV_CHECKS ?? 200_000), itemsPerCheck = 2): Promise<CsvExportBench> {
  const database = await freshDatabase('bench_export_csv');
  const handle = await openDatabase({ databaseUrl: database.url, maxConnections: 2 });
  try {
    const { db } = handle;
    const businessId = await seed(db, checks, itemsPerCheck);
    const { business: other } = await ensureBusiness(db, { ownerUserId: 2, ownerChatId: 2, chatType: 'private', defaultLowCashKop: 0 });
    const volume = await loadPeriodVolume(db, { businessId, from: FROM, to: TO });
    const env = { BENCH_CSV_DATABASE_URL: database.url, BENCH_CSV_BUSINESS: String(businessId) };
    const nodeArgs = productionNodeArgs();
    const warmUp = (proc: CsvExportProcess) => pacedLoad({ url: proc.webhookUrl, body: checkTemplate(2 * 1024), seconds: 2, rate: WEBHOOK_RATE });

    const production = await startCsvExportProcess(nodeArgs, env, other.webhookToken);
    let controlMaxBlockMs: number;
    let baseline: CsvRun;
    let streaming: CsvRun;
    try {
      await warmUp(production);
      const answer = await production.ask('control');
      controlMaxBlockMs = 'control' in answer ? answer.control : -1;
      baseline = await csvRun(production, 'baseline');
      streaming = await csvRun(production, 'streaming');
    } finally {
      await production.stop();
    }
    const defaults = await startCsvExportProcess([], env, other.webhookToken);
    let streamingDefaultHeap: CsvRun;
    try {
      await warmUp(defaults);
      streamingDefaultHeap = await csvRun(defaults, 'streaming');
    } finally {
      await defaults.stop();
    }
    return {
      controlMaxBlockMs,
      checks: volume.days.reduce((s, d) => s + d.checks, 0),
      items: volume.days.reduce((s, d) => s + d.items, 0),
      nodeArgs,
      streaming,
      baseline,
      streamingDefaultHeap,
    };
  } finally {
    await handle.close();
    await database.drop();
  }
}
