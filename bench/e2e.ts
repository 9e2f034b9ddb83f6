/**
 * Benchmark 3: webhook → Telegram latency at a fixed offered load, checks spread over N chats
 * (one business and its owner's chat each), the real service in a child process and the fake
 * Telegram enforcing Telegram's limits. A check's latency is from the moment its request was
 * built to the moment the fake Telegram accepted the message naming it (an alert or a digest).
 */
import autocannon from 'autocannon';
import { checkTemplate } from './support/bodies.js';
import { freshDatabase } from './support/databases.js';
import { percentile } from './support/percentiles.js';
import { startService } from './support/service.js';
import type { FakeTelegram } from '../test/support/fake-telegram.js';

export interface E2eFigures {
  rate: number;
  chats: number;
  checks: number;
  delivered: number;
  p50: number;
  p99: number;
  messages: number;
}

export async function benchE2e(tg: FakeTelegram, options: { rate: number; chats: number; seconds: number }): Promise<E2eFigures> {
  const database = await freshDatabase('bench_e2e');
  const service = await startService({ databaseUrl: database.url, telegramUrl: tg.url, botToken: tg.token, compiled: true, businesses: options.chats });
  tg.reset();
  const template = checkTemplate();
  const postedAt = new Map<string, number>();
  let seq = 0;
  try {
    await autocannon({
      url: service.url,
      connections: 10,
      overallRate: options.rate,
      amount: options.rate * options.seconds,
      timeout: 30,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            const n = seq++;
            const number = `E${n}`;
            postedAt.set(number, Date.now());
            return {
              ...req,
              path: `/webhooks/cashdesk/${service.tokens[n % service.tokens.length]}`,
              headers: { 'content-type': 'application/json' },
              body: template.replace('bench-[<id>]', `e2e-${n}`).replace('"DEV_00000128ebcfe"', `"${number}"`),
            };
          },
        },
      ],
    });
    // Give the backlog (if any) a minute to drain, then read what arrived when.
    const deliveredAt = new Map<string, number>();
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      for (const m of tg.sent) for (const number of m.text.match(/\bE\d+\b/g) ?? []) if (!deliveredAt.has(number)) deliveredAt.set(number, m.at);
      if (deliveredAt.size >= postedAt.size) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const latencies = [...postedAt].filter(([n]) => deliveredAt.has(n)).map(([n, at]) => deliveredAt.get(n)! - at);
    return {
      rate: options.rate,
      chats: options.chats,
      checks: postedAt.size,
      delivered: latencies.length,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      messages: tg.sent.length,
    };
  } finally {
    await service.stop();
    await database.drop();
  }
}
