/**
 * What every drill stands on: a fresh PostgreSQL database (optionally reached through a TCP
 * relay that can be cut), the in-process fake Telegram with Telegram's real limits, N businesses
 * each with its owner's private chat, and the real service in a child process on a fixed port
 * (so a restart keeps its address). Also the counting at the end: which checks are stored and
 * which sale alerts reached which chat.
 */
import postgres from 'postgres';
import { ensureBusiness } from '../../src/features/shops/businesses.js';
import { openDatabase } from '../../src/platform/db/client.js';
import type { DeliveryOptions } from '../../src/platform/outbox/delivery.js';
import { startFakeTelegram, type FakeTelegram } from '../../test/support/fake-telegram.js';
import { startTcpProxy, type TcpProxy } from '../../test/support/tcp-proxy.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EMBEDDED_DATABASE, processAlive } from '../../src/platform/db/embedded-cluster.js';
import { freshDatabase as freshServerDatabase } from '../support/databases.js';
import { startChild, waitForOutput, type Child } from '../support/processes.js';
import { freePort } from '../support/service.js';
import { alertTally, type AlertTally } from './tally.js';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `DRILL_SHORT=1`: the CI form, every phase shortened. */
export const SHORT = process.env.DRILL_SHORT === '1';

/**
 * The short form shortens how fast delivery recovers (leases of a killed process, Telegram call
 * timeouts, retry backoff), not what is checked; the full form runs with production timings.
 */
export const SHORT_DELIVERY: DeliveryOptions = {
  worker: { leaseMs: 4_000, pollIntervalMs: 100, backoff: { baseMs: 200, maxMs: 2_000, giveUpAfterMs: 24 * 60 * 60_000 } },
  sendTimeoutSeconds: 2,
};

export interface DrillEnvOptions {
  /** Database name prefix. */
  name: string;
  businesses: number;
  /** Route the service's DATABASE_URL through a TCP relay that `proxy.cut()` breaks. */
  viaProxy?: boolean;
  /** How long the fake Telegram holds a 'timeout' request before dropping it (default: until the client gives up). */
  holdTimeoutMs?: number;
  delivery?: DeliveryOptions;
  env?: Record<string, string>;
  /**
   * The embedded default instead of a PostgreSQL server: no DATABASE_URL, the cluster in a fresh
   * DATA_DIR; the service runs in a process group of its own with its PostgreSQL, and `kill()`
   * kills the whole group (service and PostgreSQL: a power loss as far as the data is concerned).
   */
  embedded?: boolean;
}

export interface DrillEnv {
  tg: FakeTelegram;
  /** Direct connection for counting (never through the relay). */
  sql: postgres.Sql;
  proxy: TcpProxy | undefined;
  /** The service's base URL (the same after a restart). */
  url: string;
  /** Webhook URL of each business. */
  webhooks: string[];
  /** Owner chat of each business, same order. */
  chatIds: number[];
  /** Starts (or restarts) the service and waits for READY. */
  start(): Promise<void>;
  /** SIGKILL, no goodbye (of the whole process group on the embedded default). */
  kill(): Promise<void>;
  output(): string;
  /** Which of these uuids are stored, and how many rows they have (more than one per uuid is a duplicate). */
  stored(uuids: Iterable<string>): Promise<{ stored: Set<string>; rows: number }>;
  /** Sale alerts expected for the stored checks and what reached the chats. */
  alerts(uuids: Iterable<string>): Promise<AlertTally>;
  /** Polls `alerts` until every expected alert arrived or the deadline passed. */
  waitForAlerts(uuids: Iterable<string>, timeoutMs: number): Promise<AlertTally>;
  /** Outbox rows not done (pending, dead) for the drill's report. */
  outboxLeft(): Promise<{ pending: number; dead: number }>;
  close(): Promise<void>;
}

export async function openDrillEnv(options: DrillEnvOptions): Promise<DrillEnv> {
  const database = options.embedded ? await embeddedDatabase() : await freshDatabase(`drill_${options.name}`);
  const tg = await startFakeTelegram({ enforceLimits: true, ...(options.holdTimeoutMs ? { holdTimeoutMs: options.holdTimeoutMs } : {}) });
  const sql = database.sql();
  let proxy: TcpProxy | undefined;
  let child: Child | undefined;
  try {
    // Migrations and the businesses, before the service starts.
    const setup = await openDatabase(database.open);
    const webhookTokens: string[] = [];
    const chatIds: number[] = [];
    for (let i = 0; i < options.businesses; i++) {
      const chatId = 700_001 + i;
      const { business } = await ensureBusiness(setup.db, { ownerUserId: chatId, ownerChatId: chatId, chatType: 'private', defaultLowCashKop: 0 });
      webhookTokens.push(business.webhookToken);
      chatIds.push(chatId);
    }
    await setup.close();

    let serviceDbUrl = database.url;
    if (options.viaProxy && serviceDbUrl) {
      const target = new URL(database.url);
      proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
      target.hostname = '127.0.0.1';
      target.port = String(proxy.port);
      serviceDbUrl = target.toString();
    }
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let outputs = '';

    const env: DrillEnv = {
      tg,
      sql,
      proxy,
      url,
      webhooks: webhookTokens.map((t) => `${url}/webhooks/cashdesk/${t}`),
      chatIds,
      async start() {
        if (child) outputs += child.output();
        child = startChild('test/support/service-process.ts', {
          BOT_TOKEN: tg.token,
          TELEGRAM_API_ROOT: tg.url,
          DATABASE_URL: serviceDbUrl,
          ...(database.dataDir ? { DATA_DIR: database.dataDir } : {}),
          HOST: '127.0.0.1',
          PORT: String(port),
          LOG_LEVEL: 'warn',
          NODE_ENV: 'production',
          TEST_DELIVERY_OPTIONS: JSON.stringify(options.delivery ?? {}),
          ...options.env,
        }, [], { ownGroup: options.embedded ?? false });
        await waitForOutput(child, /READY (\S+)/, 120_000);
      },
      async kill() {
        if (!child || child.process.exitCode !== null || child.process.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => child!.process.once('exit', () => resolve()));
        if (options.embedded) {
          const postmaster = database.postmasterPid();
          process.kill(-child.process.pid!, 'SIGKILL');
          await exited;
          // The group's PostgreSQL (postmaster and its backends) is gone too before the restart.
          while (postmaster !== undefined && processAlive(postmaster)) await sleep(20);
        } else {
          child.process.kill('SIGKILL');
          await exited;
        }
      },
      output: () => outputs + (child?.output() ?? ''),
      async stored(uuids) {
        const list = [...uuids];
        const rows = await sql<{ uuid: string; n: string }[]>`select uuid, count(*)::text as n from checks where uuid = any(${list}) group by uuid`;
        return { stored: new Set(rows.map((r) => r.uuid)), rows: rows.reduce((s, r) => s + Number(r.n), 0) };
      },
      async alerts(uuids) {
        const list = [...uuids];
        const rows = await sql<{ order_num: string; chat_id: string }[]>`
          select c.order_num, ch.chat_id::text as chat_id
          from checks c join chats ch on ch.business_id = c.business_id
          where c.uuid = any(${list}) and ch.active and not ch.muted`;
        return alertTally(
          rows.map((r) => ({ number: r.order_num, chatId: Number(r.chat_id) })),
          tg.sent,
        );
      },
      async waitForAlerts(uuids, timeoutMs) {
        const list = [...uuids];
        const until = Date.now() + timeoutMs;
        for (;;) {
          const tally = await env.alerts(list);
          if (tally.delivered >= tally.expected || Date.now() >= until) return tally;
          await new Promise((r) => setTimeout(r, 500));
        }
      },
      async outboxLeft() {
        const [row] = await sql<{ pending: string; dead: string }[]>`
          select count(*) filter (where status = 'pending')::text as pending, count(*) filter (where status = 'dead')::text as dead from outbox`;
        return { pending: Number(row!.pending), dead: Number(row!.dead) };
      },
      async close() {
        if (child && child.process.exitCode === null && child.process.signalCode === null) await child.stop();
        await proxy?.close();
        await sql.end({ timeout: 5 });
        await tg.close();
        await database.drop();
      },
    };
    return env;
  } catch (err) {
    await child?.stop();
    await proxy?.close();
    await sql.end({ timeout: 5 });
    await tg.close();
    await database.drop();
    throw err;
  }
}

interface DrillDatabase {
  /** DATABASE_URL for the service: empty on the embedded default. */
  url: string;
  /** DATA_DIR on the embedded default. */
  dataDir?: string;
  /** What openDatabase takes for the set-up. */
  open: { databaseUrl?: string; dataDir?: string };
  /** A connection for counting (to the embedded cluster's socket while the service runs it). */
  sql(): postgres.Sql;
  /** The embedded cluster's postmaster, if one runs. */
  postmasterPid(): number | undefined;
  drop(): Promise<void>;
}

async function embeddedDatabase(): Promise<DrillDatabase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'drill-embedded-'));
  const clusterDir = path.join(dataDir, 'postgres');
  return {
    url: '',
    dataDir,
    open: { dataDir },
    sql: () => postgres({ host: clusterDir, port: 5432, user: 'postgres', database: EMBEDDED_DATABASE, max: 2, onnotice: () => {} }),
    postmasterPid() {
      try {
        return Number(readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      } catch {
        return undefined;
      }
    },
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

async function freshDatabase(prefix: string): Promise<DrillDatabase> {
  const database = await freshServerDatabase(prefix);
  return {
    url: database.url,
    open: { databaseUrl: database.url },
    sql: () => postgres(database.url, { max: 2, onnotice: () => {} }),
    postmasterPid: () => undefined,
    drop: () => database.drop(),
  };
}

