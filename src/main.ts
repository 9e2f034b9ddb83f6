import dotenv from 'dotenv';
import { loadConfig, ConfigError } from './platform/config/config.js';
import { startService } from './service.js';

/** Entry point: settings → service; one line and exit 1 for a bad setting (or a token Telegram refuses); clean exit on SIGTERM. */
async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }

  const service = await startService(config);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    service.logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      service.logger.error('shutdown took over 10 s, exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    try {
      await service.stop();
      service.logger.info('stopped');
      process.exit(0);
    } catch (err) {
      service.logger.error({ err }, 'error while stopping');
      process.exit(1);
    }
  };
  // Telegram refused BOT_TOKEN: one line naming it, and exit 1 (a stop of a second at most).
  void service.failure.then(async (err) => {
    stopping = true;
    process.stderr.write(`Configuration error: ${err.message}\n`);
    const force = setTimeout(() => process.exit(1), 3_000);
    force.unref();
    await service.stop().catch(() => {});
    process.exit(1);
  });
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`Fatal: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
