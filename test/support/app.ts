import type { Server } from 'node:http';
import { createApp, type AppDeps } from '../../src/http/app.js';
import { createLogger } from '../../src/observability/logger.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { ensureBusiness, type Business } from '../../src/access/businesses.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { openQueryPool } from '../../src/db/query-pool.js';

/** The real Koa app on a random port over a given database. */
export interface TestApp {
  url: string;
  server: Server;
  deps: AppDeps;
  setDraining(value: boolean): void;
  close(): Promise<void>;
}

export async function startTestApp(database: DatabaseHandle, overrides: Partial<AppDeps> = {}): Promise<TestApp> {
  let draining = false;
  // The Mini App's reads on their own pool, as the service opens it (closed with the app).
  const ownPool = overrides.miniApp && !overrides.miniApp.queryPool ? openQueryPool(database) : undefined;
  const deps: AppDeps = {
    database,
    config: { maxBodyBytes: 10 * 1024 * 1024, businessTz: 'Europe/Kyiv' },
    logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    metrics: createMetrics(),
    isDraining: () => draining,
    ...overrides,
    ...(overrides.miniApp && ownPool ? { miniApp: { ...overrides.miniApp, queryPool: ownPool } } : {}),
  };
  const app = createApp(deps);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
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
