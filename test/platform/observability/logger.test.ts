import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger, scrubSecrets } from '../../../src/platform/observability/logger.js';

const BOT_TOKEN = '7012345678:AAHk3jV9x_Zq0-abcdefghijklmnopqrstu';
const WEBHOOK_TOKEN = 'q1W2e3R4t5Y6u7I8o9P0a1S2d3F4g5H6';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ level: 'trace', destination }), text: () => lines.join('') };
}

describe('logs never carry secrets or payloads', () => {
  it('redacts secret fields by name', () => {
    const { logger, text } = capture();
    logger.info({ token: WEBHOOK_TOKEN, botToken: BOT_TOKEN, business: { webhookToken: WEBHOOK_TOKEN }, code: 'invite-code-123' }, 'x');
    logger.info({ pdf: 'JVBERi0xLjQK'.repeat(1000), body: '{"uuid":"…"}' }, 'payload');
    const out = text();
    for (const secret of [WEBHOOK_TOKEN, BOT_TOKEN, 'invite-code-123', 'JVBERi0xLjQK', '"uuid"']) expect(out).not.toContain(secret);
    expect(out).toContain('<redacted>');
  });

  it('redacts the metrics token and Authorization headers', () => {
    const { logger, text } = capture();
    logger.info({ config: { metricsToken: 'metrics-secret-0123456789' }, metricsToken: 'metrics-secret-0123456789' }, 'x');
    logger.info({ headers: { authorization: 'Bearer metrics-secret-0123456789' } }, 'y');
    expect(text()).not.toContain('metrics-secret-0123456789');
  });

  it('scrubs tokens out of messages, URLs and errors', () => {
    const { logger, text } = capture();
    logger.warn(`POST https://api.telegram.org/bot${BOT_TOKEN}/sendMessage failed`);
    logger.error({ err: new Error(`request to https://api.telegram.org/bot${BOT_TOKEN}/getMe failed`) }, 'send failed');
    logger.info({ url: `/webhooks/cashdesk/${WEBHOOK_TOKEN}` }, 'request');
    logger.info(`link https://t.me/shop_bot?start=Abc123SecretCode`);
    const out = text();
    expect(out).not.toContain(BOT_TOKEN);
    expect(out).not.toContain(WEBHOOK_TOKEN);
    expect(out).not.toContain('Abc123SecretCode');
    expect(out).toContain('/webhooks/cashdesk/<redacted>');
  });

  it("leaves the bound values out of a failed query's error", () => {
    const { logger, text } = capture();
    const err = new Error('Failed query: insert into "checks" ("uuid", "raw") values ($1, $2)\nparams: 0b6f3c1e,{"pdf":"JVBERi0xLjQK","uuid":"0b6f3c1e"}');
    logger.error({ err: new Error('could not store', { cause: err }) }, 'x');
    logger.error({ err }, 'could not store check');
    const out = text();
    expect(out).not.toContain('JVBERi0xLjQK');
    expect(out).toContain('insert into');
    expect(out).toContain('params: <omitted>');
  });

  it('scrubSecrets leaves ordinary text alone', () => {
    expect(scrubSecrets('check DEV_00000128ebcfe stored in 3 ms')).toBe('check DEV_00000128ebcfe stored in 3 ms');
  });
});
