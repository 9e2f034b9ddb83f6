/**
 * What every drill stands on: a fresh PostgreSQL database (optionally reached through a TCP
 * relay that can be cut), the in-process fake Telegram with Telegram's real limits, N businesses
 * each with its owner's private chat, and the real service in a child process on a fixed port
 * (so a restart keeps its address). Also the counting at the end: which checks are stored and
 * which sale alerts reached which chat.
 */
import postgres from 'postgres';
import { ensureBusiness } from '../../src/access/businesses.js';
import { openDatabase } from '../../src/db/client.js';
import type { DeliveryOptions } from '../../src/delivery/delivery.js';
import { startFakeTelegram, type FakeTelegram } from '../../test/support/fake-telegram.js';
import { startTcpProxy, type TcpProxy } from '../../test/support/tcp-proxy.js';
import { freshDatabase } from '../support/databases.js';
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
  /** SIGKILL, no goodbye. */
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
  const database = await freshDatabase(`drill_${options.name}`);
  const tg = await startFakeTelegram({ enforceLimits: true, ...(options.holdTimeoutMs ? { holdTimeoutMs: options.holdTimeoutMs } : {}) });
  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  let proxy: TcpProxy | undefined;
  let child: Child | undefined;
  try {
    // Migrations and the businesses, before the service starts.
    const setup = await openDatabase({ databaseUrl: database.url });
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
    if (options.viaProxy) {
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
          HOST: '127.0.0.1',
          PORT: String(port),
          LOG_LEVEL: 'warn',
          NODE_ENV: 'production',
          TEST_DELIVERY_OPTIONS: JSON.stringify(options.delivery ?? {}),
          ...options.env,
        });
        await waitForOutput(child, /READY (\S+)/, 60_000);
      },
      async kill() {
        if (!child || child.process.exitCode !== null || child.process.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => child!.process.once('exit', () => resolve()));
        child.process.kill('SIGKILL');
        await exited;
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
