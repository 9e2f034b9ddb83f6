import type { SendEvents } from '../telegram/gateway-transformer.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

/**
 * The transport's send events as the service records them: each send counted in
 * `telegram_sends_total` by method and result, and a 429 that came despite our limits logged as
 * a warning. Either sink may be left out.
 */
export function telegramSendEvents(sinks: { metrics?: Metrics; logger?: Logger }): SendEvents {
  return {
    sent(method, result) {
      sinks.metrics?.telegramSends.inc({ method, result });
    },
    rateLimited({ method, chatId, retryAfterMs }) {
      sinks.logger?.warn({ method, chatId, retryAfterMs }, 'telegram 429 despite our limits');
    },
  };
}
