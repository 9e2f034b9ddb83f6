import type { Server } from 'node:http';
import { createApp, type AppDeps } from '../../src/http/app.js';
import { createHttpServer, listen, type ServerLimits } from '../../src/http/server.js';
import { createLogger } from '../../src/platform/observability/logger.js';
import { createMetrics } from '../../src/platform/observability/metrics.js';
import { ensureBusiness, type Business } from '../../src/features/shops/businesses.js';
import type { DatabaseHandle } from '../../src/platform/db/client.js';
import { openQueryPool } from '../../src/platform/db/query-pool.js';

type MiniAppDeps = NonNullable<AppDeps['miniApp']>;
/** What a test may change: everything, and the Mini App without a pool (one is opened as the service does). */
export type TestAppOverrides = Omit<Partial<AppDeps>, 'miniApp'> & {
  miniApp?: Omit<MiniAppDeps, 'queryPool'> & Partial<Pick<MiniAppDeps, 'queryPool'>>;
};

/** The real Koa app on a random port over a given database. */
export interface TestApp {
  url: string;
  server: Server;
  deps: AppDeps;
  setDraining(value: boolean): void;
  close(): Promise<void>;
}

/** The service's own server (its timeouts and connection limit), with `limits` changed. */
export async function startTestApp(database: DatabaseHandle, overrides: TestAppOverrides = {}, limits: Partial<ServerLimits> = {}): Promise<TestApp> {
  let draining = false;
  // The Mini App's reads on their own pool, as the service opens it (closed with the app).
  const ownPool = overrides.miniApp && !overrides.miniApp.queryPool ? openQueryPool(database) : undefined;
  const { miniApp, ...rest } = overrides;
  const deps: AppDeps = {
    database,
    config: { maxBodyBytes: 10 * 1024 * 1024, businessTz: 'Europe/Kyiv' },
    logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    metrics: createMetrics(),
    isDraining: () => draining,
    ...rest,
    ...(miniApp ? { miniApp: { ...miniApp, queryPool: miniApp.queryPool ?? ownPool! } } : {}),
  };
  const app = createApp(deps);
  const server = await listen(createHttpServer(app, limits), 0, '127.0.0.1');
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    deps,
    setDraining: (v) => {
      draining = v;
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await ownPool?.close();
    },
  };
}

let nextOwner = 1_000_000;
/** A business with its owner's private chat (chat id = owner id). */
export async function createBusiness(
  database: DatabaseHandle,
  options: { ownerUserId?: number; defaultLowCashKop?: number } = {},
): Promise<Business> {
  const ownerUserId = options.ownerUserId ?? nextOwner++;
  const { business } = await ensureBusiness(database.db, {
    ownerUserId,
    ownerChatId: ownerUserId,
    chatType: 'private',
    defaultLowCashKop: options.defaultLowCashKop ?? 0,
  });
  return business;
}

/** POSTs a body to a CashDesk webhook URL. */
export async function postCheck(url: string, token: string, body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(`${url}/webhooks/cashdesk/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' || Buffer.isBuffer(body) ? (body as string) : JSON.stringify(body),
    ...init,
  });
}
