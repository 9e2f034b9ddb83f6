import type { Bot } from 'grammy';
import { loadConfig, type Config } from '../../src/platform/config/config.js';
import { createLogger } from '../../src/platform/observability/logger.js';
import { createBot, type BotContext, type BotDeps } from '../../src/bot/bot.js';
import { startBot, type RunningBot } from '../../src/bot/run.js';
import { parseCheck } from '../../src/features/ingest/normalise.js';
import { ingestCheck } from '../../src/features/ingest/ingest.js';
import { findBusinessById, type Business } from '../../src/features/shops/businesses.js';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './databases.js';
import { startFakeTelegram, type FakeTelegram, type SentMessage, type UserMessageOptions } from './fake-telegram.js';
import { fixture } from './fixtures.js';

export const PUBLIC_URL = 'https://shop.example.com';
/** 27.11.2026 12:00 in Kyiv: the fixtures' day. */
export const NOW = new Date('2026-11-27T10:00:00Z');

export interface BotHarness {
  tg: FakeTelegram;
  database: TestDatabase;
  config: Config;
  bot: Bot<BotContext>;
  /** A user writes `text` in a chat; resolves with the bot's next message there. */
  say(chatId: number, text: string, options?: Partial<UserMessageOptions>): Promise<SentMessage>;
  close(): Promise<void>;
}

/** The real grammY bot, long polling the fake Telegram, over a fresh database (or a shared one, left open). */
export async function startBotHarness(
  kind: DatabaseKind,
  env: Record<string, string> = {},
  shared?: TestDatabase,
  botDeps: Partial<BotDeps> = {},
): Promise<BotHarness> {
  const database = shared ?? (await createTestDatabase(kind));
  const tg = await startFakeTelegram();
  // Most tests register several shops on one database: sign-up open unless a test says otherwise.
  const config = loadConfig({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.url, PUBLIC_URL, SIGNUP: 'open', ...env });
  const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const bot = createBot({ config, db: database.db, logger, botInfo: tg.botInfo, now: () => NOW, ...botDeps });
  const running: RunningBot = await startBot(bot, { config, logger });
  return {
    tg,
    database,
    config,
    bot,
    async say(chatId, text, options = {}) {
      const reply = tg.waitForReply(chatId);
      tg.userMessage({ chatId, text, ...options });
      return reply;
    },
    async close() {
      await running.stop();
      await tg.close();
      if (!shared) await database.destroy();
    },
  };
}

/** The owner registers with /start in a private chat; the business as stored. */
export async function registerOwner(h: BotHarness, ownerId: number, languageCode = 'uk'): Promise<Business> {
  const reply = await h.say(ownerId, '/start', { languageCode });
  const token = /\/webhooks\/cashdesk\/([A-Za-z0-9_-]+)/.exec(reply.text)?.[1];
  if (!token) throw new Error(`no webhook URL in: ${reply.text}`);
  const { findBusinessByToken } = await import('../../src/features/shops/businesses.js');
  const business = await findBusinessByToken(h.database.db, token);
  if (!business) throw new Error('the URL shown names no business');
  return business;
}

/** The owner asks for an invite; the one-time code from its link. */
export async function inviteCode(h: BotHarness, ownerId: number): Promise<string> {
  const reply = await h.say(ownerId, '/invite');
  const code = /\?start=([A-Za-z0-9_-]+)/.exec(reply.text)?.[1];
  if (!code) throw new Error(`no invite link in: ${reply.text}`);
  return code;
}

/**
 * The owner invites, and `chatId` joins with the code: `/start <code>` in a private chat, or
 * `/start@bot <code>` in a group (pass its chatType, fromId…). Resolves with the bot's answer.
 */
export async function joinWithInvite(
  h: BotHarness,
  ownerId: number,
  chatId: number,
  options: Partial<UserMessageOptions> = {},
): Promise<SentMessage> {
  const code = await inviteCode(h, ownerId);
  const command = chatId < 0 ? `/start@${h.tg.botInfo.username} ${code}` : `/start ${code}`;
  return h.say(chatId, command, options);
}

/** Stores a CashDesk check for a business, as the webhook would. */
export async function storeCheck(h: BotHarness, businessId: number, body: Record<string, unknown>): Promise<number> {
  const parsed = parseCheck(body, h.config.businessTz, h.config.businessDayStart);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  const business = (await findBusinessById(h.database.db, businessId))!;
  return (await ingestCheck(h.database.db, business, parsed.check)).checkId;
}

export { fixture };
