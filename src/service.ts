import type { Server } from 'node:http';
import type { Config } from './config/config.js';
import { openDatabase, type DatabaseHandle } from './db/client.js';
import { createApp } from './http/app.js';
import { createLogger, type Logger } from './observability/logger.js';
import { createMetrics, type Metrics } from './observability/metrics.js';

export interface Service {
  config: Config;
  database: DatabaseHandle;
  logger: Logger;
  metrics: Metrics;
  server: Server;
  /** Where the HTTP server listens, e.g. http://127.0.0.1:3000. */
  address: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** An already open database (tests). */
  database?: DatabaseHandle;
}

/** Wires config → database → HTTP app (and, as they land, bot, worker, schedules); listens. */
export async function startService(config: Config, options: StartOptions = {}): Promise<Service> {
  const logger = options.logger ?? createLogger({ level: config.logLevel, pretty: process.stdout.isTTY && process.env.NODE_ENV !== 'production' });
  const metrics = createMetrics({ defaultMetrics: true });
  const database =
    options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  logger.info({ driver: database.driver }, 'database ready');

  let draining = false;
  const app = createApp({
    database,
    config,
    logger,
    metrics,
    isDraining: () => draining,
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const address = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  logger.info({ address, publicUrl: config.publicUrl }, 'listening');

  return {
    config,
    database,
    logger,
    metrics,
    server,
    address,
    async stop() {
      draining = true;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!options.database) await database.close();
    },
  };
}
