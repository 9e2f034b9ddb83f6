/**
 * Benchmark 4: one check fans out to 1 000 chats; how fast do the messages actually go out, and
 * is any second above Telegram's 30? The fake Telegram answers 429 past its real limits.
 */
import { checkTemplate } from './support/bodies.js';
import { freshDatabase } from './support/databases.js';
import { busiestWindow } from './support/percentiles.js';
import { startService } from './support/service.js';
import type { FakeTelegram } from '../test/support/fake-telegram.js';

export interface FanoutFigures {
  chats: number;
  delivered: number;
  msgsPerSecond: number;
  maxIn1s: number;
  tooManyRequests: number;
}

export async function benchFanout(tg: FakeTelegram, chats = 1000): Promise<FanoutFigures> {
  const database = await freshDatabase('bench_fanout');
  const service = await startService({ databaseUrl: database.url, telegramUrl: tg.url, botToken: tg.token, compiled: true, extraChats: chats - 1 });
  tg.reset();
  try {
    const res = await fetch(`${service.url}/webhooks/cashdesk/${service.token}`, {
      method: 'POST',
      body: checkTemplate().replace('[<id>]', 'fanout'),
    });
    if (!res.ok) throw new Error(`webhook answered ${res.status}`);
    const deadline = Date.now() + (chats / 20) * 1000 + 30_000;
    while (Date.now() < deadline && tg.sent.length < chats) await new Promise((r) => setTimeout(r, 200));
    const times = tg.sent.map((m) => m.at);
    const spanS = (Math.max(...times) - Math.min(...times)) / 1000;
    return {
      chats,
      delivered: tg.sent.length,
      // n messages over the span from the first to the last: (n − 1) intervals
      msgsPerSecond: Math.round(((tg.sent.length - 1) / spanS) * 10) / 10,
      maxIn1s: busiestWindow(times, 1000),
      tooManyRequests: tg.requests.filter((r) => r.status === 429).length,
    };
  } finally {
    await service.stop();
    await database.drop();
  }
}
