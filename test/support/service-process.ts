/**
 * The real service in a child process, for tests and drills that run several instances or kill
 * one: settings from the environment like src/main.ts, plus
 * - `TEST_DELIVERY_OPTIONS`: JSON of DeliveryOptions (short leases and polls); none: production timings;
 * - `TEST_RENDERER=uuid`: the test renderer that names each check's uuid, instead of the real one;
 * - `TEST_WITHOUT_BOT=1`: no polling for updates (several of these run at once on one bot).
 * Prints `READY <address>` once it listens; SIGTERM stops it cleanly, SIGKILL is the crash under test.
 */
import { loadConfig } from '../../src/platform/config/config.js';
import { startService } from '../../src/service.js';
import type { DeliveryOptions } from '../../src/platform/outbox/delivery.js';
import { createTestRenderer } from './delivery-renderer.js';

const config = loadConfig(process.env);
const delivery = JSON.parse(process.env.TEST_DELIVERY_OPTIONS ?? '{}') as DeliveryOptions;
const service = await startService(config, {
  delivery,
  ...(process.env.TEST_RENDERER === 'uuid' ? { renderer: (db) => createTestRenderer(db) } : {}),
  withoutBot: process.env.TEST_WITHOUT_BOT === '1',
});
process.stdout.write(`READY ${service.address}\n`);

process.on('SIGTERM', () => {
  service
    .stop()
    .then(() => process.exit(0))
    .catch(() => process.exit(1));
});
