import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/platform/observability/logger.js';
import { createMetrics } from '../../../src/platform/observability/metrics.js';
import { telegramSendEvents } from '../../../src/platform/observability/telegram-sends.js';

describe("the transport's send events, recorded", () => {
  it('counts each send by method and result, and logs a 429 that came despite the limits', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const metrics = createMetrics();
    const events = telegramSendEvents({ metrics, logger: createLogger({ level: 'info', destination }) });
    events.sent('sendMessage', 'ok');
    events.sent('sendMessage', 'ok');
    events.sent('sendPhoto', 'deferred');
    events.rateLimited({ method: 'sendMessage', chatId: -100123, retryAfterMs: 3000 });

    const text = await metrics.registry.metrics();
    expect(text).toMatch(/telegram_sends_total\{method="sendMessage",result="ok"\} 2/);
    expect(text).toMatch(/telegram_sends_total\{method="sendPhoto",result="deferred"\} 1/);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 40, method: 'sendMessage', chatId: -100123, retryAfterMs: 3000, msg: 'telegram 429 despite our limits' });
  });
});
