/**
 * The real service in a child process, for tests that run several instances or kill one:
 * settings from the environment like src/main.ts, plus `TEST_DELIVERY_OPTIONS` (JSON of
 * DeliveryOptions: short leases and polls) and the uuid-naming test renderer. Prints
 * `READY <address>` once it listens; SIGTERM stops it cleanly, SIGKILL is the crash under test.
 */
import { loadConfig } from '../../src/config/config.js';
import { startService } from '../../src/service.js';
import type { DeliveryOptions } from '../../src/delivery/delivery.js';
import { createTestRenderer } from './delivery-renderer.js';

const config = loadConfig(process.env);
const delivery = JSON.parse(process.env.TEST_DELIVERY_OPTIONS ?? '{}') as DeliveryOptions;
// Several of these run at once: only the delivery path is under test, so none of them polls for updates.
const service = await startService(config, { delivery, renderer: (db) => createTestRenderer(db), withoutBot: true });
process.stdout.write(`READY ${service.address}\n`);

process.on('SIGTERM', () => {
  service
    .stop()
    .then(() => process.exit(0))
    .catch(() => process.exit(1));
});
