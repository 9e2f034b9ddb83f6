/**
 * Benchmark 8: nobody can stall the bot for everyone. Another group floods 50 `/today@bot`; how
 * long does the owner's `/today` in a private chat take to be answered, against the same
 * `/today` without a flood (baseline, same run)? Two floods: from a group linked to no business
 * (one "not connected" answer, the rest ignored) and from the shop's own group (its answers go
 * through the outbox at the group's 20 a minute). The real service in a child process on
 * PostgreSQL, polling the fake Telegram that keeps Telegram's limits.
 */
import { openDatabase } from '../src/platform/db/client.js';
import { ensureBusiness } from '../src/features/shops/businesses.js';
import { chats } from '../src/platform/db/schema.js';
import { freshDatabase } from './support/databases.js';
import { percentile } from './support/percentiles.js';
import { startService } from './support/service.js';
import type { FakeTelegram } from '../test/support/fake-telegram.js';

export interface BotFloodFigures {
  baselineP50Ms: number;
  strangerFloodMaxMs: number;
  memberFloodMaxMs: number;
  floodMaxMs: number;
}

const FLOOD = 50;
const ROUNDS = 3;
const OWNER = 900_001;
const SHOP_GROUP = -1_009_990_001;
/** The owner's private budget (burst 3, about 1 a second) is full again after this. */
const REFILL_MS = 3_500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function benchBotFlood(tg: FakeTelegram): Promise<BotFloodFigures> {
  const database = await freshDatabase('bench_flood');
  const service = await startService({ databaseUrl: database.url, telegramUrl: tg.url, botToken: tg.token });
  // The shop's own group, linked to the business startService made.
  const db = await openDatabase({ databaseUrl: database.url });
  const { business } = await ensureBusiness(db.db, { ownerUserId: OWNER, ownerChatId: OWNER, chatType: 'private', defaultLowCashKop: 0 });
  await db.db.insert(chats).values({ chatId: SHOP_GROUP, businessId: business.id, type: 'supergroup', role: 'member' });
  await db.close();
  const bot = tg.botInfo.username;
  try {
    const ownersToday = async () => {
      const reply = tg.waitForReply(OWNER, 120_000);
      const started = Date.now();
      tg.userMessage({ chatId: OWNER, text: '/today', languageCode: 'uk' });
      await reply;
      return Date.now() - started;
    };
    const flood = (chatId: number) => {
      for (let i = 0; i < FLOOD; i++) tg.userMessage({ chatId, fromId: 700_001, text: `/today@${bot}`, chatType: 'supergroup', chatTitle: 'Flood' });
    };

    await ownersToday(); // warm-up: the first answer compiles and connects
    await sleep(REFILL_MS);
    const baseline: number[] = [];
    for (let i = 0; i < 5; i++) {
      baseline.push(await ownersToday());
      await sleep(1_200);
    }
    const stranger: number[] = [];
    const member: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await sleep(REFILL_MS);
      flood(-1_009_980_001 - round); // a new stranger group each round: one answer each
      stranger.push(await ownersToday());
      await sleep(REFILL_MS);
      flood(SHOP_GROUP);
      member.push(await ownersToday());
    }
    return {
      baselineP50Ms: percentile(baseline, 50),
      strangerFloodMaxMs: Math.max(...stranger),
      memberFloodMaxMs: Math.max(...member),
      floodMaxMs: Math.max(...stranger, ...member),
    };
  } finally {
    await service.stop();
    await database.drop();
  }
}
