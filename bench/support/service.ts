import net from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/platform/db/client.js';
import { ensureBusiness } from '../../src/features/shops/businesses.js';
import { chats } from '../../src/platform/db/schema.js';
import { ROOT, startChild, type Child } from './processes.js';

/** The node flags of `npm run start:prod` (the Docker image's CMD has the same). */
export function productionNodeArgs(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = pkg.scripts['start:prod']!.split(/\s+/);
  if (words[0] !== 'node' || words.at(-1) !== 'dist/src/main.js') throw new Error(`start:prod is not "node [flags] dist/src/main.js": ${pkg.scripts['start:prod']}`);
  return words.slice(1, -1);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export async function waitHealthy(url: string, child: Child, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.process.exitCode !== null) throw new Error(`service exited ${child.process.exitCode}:\n${child.output().slice(-2000)}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} not healthy after ${timeoutMs} ms`);
}

export interface RunningService {
  child: Child;
  url: string;
  /** Webhook token of each business, in order; `token` is the first. */
  tokens: string[];
  token: string;
  /** Owner chat id of each business, in order. */
  ownerChatIds: number[];
  stop(): Promise<void>;
}

/**
 * The real service (src/main.ts) in a child process, on PostgreSQL (`databaseUrl`) or on a
 * fresh DATA_DIR (the embedded default), with one business whose owner chat is `ownerChatId` (plus `extraChats`).
 */
export async function startService(options: {
  databaseUrl?: string;
  telegramUrl: string;
  botToken: string;
  /** How many businesses, each with its owner's private chat (default 1). */
  businesses?: number;
  /** Extra chats for the first business. */
  extraChats?: number;
  env?: Record<string, string>;
  /**
   * Run the compiled service (dist/, `npm run build` first) as `npm run start:prod` and the
   * Docker image do, with their node flags, instead of the sources through tsx.
   */
  compiled?: boolean;
  /** Extra node flags, e.g. --cpu-prof to profile the service. */
  nodeArgs?: string[];
}): Promise<RunningService> {
  const dataDir = options.databaseUrl ? undefined : mkdtempSync(path.join(os.tmpdir(), 'bench-embedded-'));
  const db = await openDatabase({ databaseUrl: options.databaseUrl, dataDir });
  const tokens: string[] = [];
  const ownerChatIds: number[] = [];
  const firstBusinessIds: number[] = [];
  for (let i = 0; i < (options.businesses ?? 1); i++) {
    const ownerChatId = 900_001 + i;
    const { business } = await ensureBusiness(db.db, { ownerUserId: ownerChatId, ownerChatId, chatType: 'private', defaultLowCashKop: 0 });
    tokens.push(business.webhookToken);
    ownerChatIds.push(ownerChatId);
    firstBusinessIds.push(business.id);
  }
  if (options.extraChats) {
    await db.db.insert(chats).values(
      Array.from({ length: options.extraChats }, (_, i) => ({ chatId: 800_001 + i, businessId: firstBusinessIds[0]!, type: 'private', role: 'member' })),
    );
  }
  await db.close();

  const port = await freePort();
  const nodeArgs = [...(options.compiled ? productionNodeArgs() : []), ...(options.nodeArgs ?? [])];
  const child = startChild(options.compiled ? 'dist/src/main.js' : 'src/main.ts', {
    BOT_TOKEN: options.botToken,
    TELEGRAM_API_ROOT: options.telegramUrl,
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : { DATA_DIR: dataDir! }),
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    ...options.env,
  }, nodeArgs);
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, child);
  return {
    child,
    url,
    tokens,
    token: tokens[0]!,
    ownerChatIds,
    async stop() {
      await child.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
