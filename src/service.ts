import type { Server } from 'node:http';
import type { Config } from './config/config.js';
import { openDatabase, type DatabaseHandle } from './db/client.js';
import { createApp } from './http/app.js';
import { createLogger, type Logger } from './observability/logger.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { createDelivery, type Delivery, type DeliveryOptions } from './delivery/delivery.js';
import type { Database } from './db/client.js';
import type { JobRenderer } from './telegram/outgoing.js';
import { createJobRenderer } from './telegram/render/job-renderer.js';
import { startSchedules } from './schedules/scheduler.js';

export interface Service {
  config: Config;
  database: DatabaseHandle;
  logger: Logger;
  metrics: Metrics;
  /** The outbox worker and the gateway's shared limits (its transformer is for the bot's Api). */
  delivery: Delivery;
  server: Server;
  /** Where the HTTP server listens, e.g. http://127.0.0.1:3000. */
  address: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** An already open database (tests). */
  database?: DatabaseHandle;
  /** Delivery timings and limits (tests shorten them). */
  delivery?: DeliveryOptions;
  /** Another renderer for outbox jobs (tests that need to identify messages). */
  renderer?: (db: Database) => JobRenderer;
}

/** Wires config → database → HTTP app (and, as they land, bot, worker, schedules); listens. */
export async function startService(config: Config, options: StartOptions = {}): Promise<Service> {
  const logger = options.logger ?? createLogger({ level: config.logLevel, pretty: process.stdout.isTTY && process.env.NODE_ENV !== 'production' });
  const metrics = createMetrics({ defaultMetrics: true });
  const database =
    options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  logger.info({ driver: database.driver }, 'database ready');

  const delivery = createDelivery(
    {
      db: database.db,
      botToken: config.botToken,
      apiRoot: config.telegramApiRoot,
      renderer: options.renderer?.(database.db) ?? createJobRenderer({ db: database.db, config, logger }),
      logger,
      metrics,
    },
    options.delivery,
  );

  let draining = false;
  const app = createApp({
    database,
    config,
    logger,
    metrics,
    isDraining: () => draining,
    refreshGauges: delivery.refreshGauges,
    onOutboxWritten: delivery.worker.wake,
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const address = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  logger.info({ address, publicUrl: config.publicUrl }, 'listening');
  delivery.worker.start();
  const schedules = startSchedules({ db: database.db, config, logger, metrics, onOutboxWritten: delivery.worker.wake });

  return {
    config,
    database,
    logger,
    metrics,
    delivery,
    server,
    address,
    async stop() {
      draining = true;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await schedules.stop();
      // Lets the message in flight be sent and recorded, gives the chats back; then the database closes.
      await delivery.worker.stop();
      if (!options.database) await database.close();
    },
  };
}
