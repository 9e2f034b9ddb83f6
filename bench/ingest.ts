/**
 * Benchmarks 1, 2, 6 and 7: the full webhook path (parse, validate, store, enqueue) of the real
 * service in a child process (run as `npm run start:prod` runs it), against a baseline measured
 * in the same run: a bare Koa route that inserts the raw body into one table with postgres.js.
 * Throughput: autocannon keeping 16 connections busy. Acknowledgement latency: checks ARRIVING at
 * a fixed rate (paced-load.ts: Poisson arrivals, latency from each one's due time).
 */
import { checkTemplate } from './support/bodies.js';
import { freshDatabase } from './support/databases.js';
import { postLoad, type LoadResult } from './support/load.js';
import { pacedLoad } from './support/paced-load.js';
import { startChild, waitForOutput } from './support/processes.js';
import { startService } from './support/service.js';

export interface IngestFigures {
  throughput: LoadResult;
  /** Checks arriving at `ackRate` a second (paced). */
  ack: LoadResult;
  /** autocannon's `overallRate` at the same rate: bursts at each second's start (what earlier rounds reported). */
  burst?: LoadResult;
  peakRssMb: number;
}

export interface BaselineFigures {
  throughput: LoadResult;
  /** The bare route under the same paced arrivals as the service's acknowledgement row: the machine's own floor. */
  ack: LoadResult;
}

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 16;

export async function benchBaseline(ackRate: number): Promise<BaselineFigures> {
  const database = await freshDatabase('bench_baseline');
  const child = startChild('bench/baseline-server.ts', { DATABASE_URL: database.url });
  try {
    const [, port] = await waitForOutput(child, /listening (\d+)/);
    const url = `http://127.0.0.1:${port}/webhooks/cashdesk/x`;
    await postLoad({ url, body: checkTemplate(), seconds: 2, connections: CONNECTIONS }); // warm-up
    const throughput = await postLoad({ url, body: checkTemplate(), seconds: SECONDS, connections: CONNECTIONS });
    const ack = await pacedLoad({ url, body: checkTemplate(), seconds: SECONDS, rate: ackRate });
    return { throughput, ack };
  } finally {
    await child.stop();
    await database.drop();
  }
}

/** The real service on a PostgreSQL server (`onPostgres`) or on the embedded default; Telegram is the in-process fake. */
export async function benchIngest(
  telegram: { url: string; token: string },
  onPostgres: boolean,
  options: { ackRate: number; burst?: boolean },
): Promise<IngestFigures> {
  const database = onPostgres ? await freshDatabase('bench_ingest') : undefined;
  // BENCH_NODE_ARGS: node flags for the service, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it.
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean);
  const service = await startService({
    databaseUrl: database?.url,
    telegramUrl: telegram.url,
    botToken: telegram.token,
    compiled: true,
    ...(nodeArgs ? { nodeArgs } : {}),
  });
  try {
    const url = `${service.url}/webhooks/cashdesk/${service.token}`;
    await postLoad({ url, body: checkTemplate(), seconds: 2, connections: CONNECTIONS }); // warm-up
    const throughput = await postLoad({ url, body: checkTemplate(), seconds: SECONDS, connections: CONNECTIONS });
    const peakRssMb = service.child.peakRssMb();
    const ack = await pacedLoad({ url, body: checkTemplate(), seconds: SECONDS, rate: options.ackRate });
    if (!options.burst) return { throughput, ack, peakRssMb };
    const burst = await postLoad({ url, body: checkTemplate(), seconds: SECONDS, connections: 32, rate: options.ackRate });
    return { throughput, ack, burst, peakRssMb };
  } finally {
    await service.stop();
    await database?.drop();
  }
}
