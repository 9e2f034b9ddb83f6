/**
 * The service under drill: what src/main.ts starts (settings from the environment, the real
 * renderer, the bot polling Telegram, the outbox worker and schedules), plus
 * `DRILL_DELIVERY_OPTIONS` (JSON of DeliveryOptions) so the short form can shorten leases and
 * timeouts; the full form passes none and runs with production timings. Prints `READY <address>`
 * once it listens; SIGTERM stops it cleanly, SIGKILL is the crash of the kill -9 drill.
 */
import { loadConfig } from '../../src/config/config.js';
import { startService } from '../../src/service.js';
import type { DeliveryOptions } from '../../src/delivery/delivery.js';

const config = loadConfig(process.env);
const delivery = JSON.parse(process.env.DRILL_DELIVERY_OPTIONS ?? '{}') as DeliveryOptions;
const service = await startService(config, { delivery });
process.stdout.write(`READY ${service.address}\n`);

process.on('SIGTERM', () => {
  service
    .stop()
    .then(() => process.exit(0))
    .catch(() => process.exit(1));
});
