import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBusiness, postCheck } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { fixture } from '../support/fixtures.js';

/**
 * Failures a deployer can see: the real service (`src/main.ts`) in a child process, against a
 * fake Bot API that refuses the token, a TCP server that accepts and never answers, and a host
 * name that does not resolve. PostgreSQL when TEST_DATABASE_URL is set (the test then also posts
 * a check), else the embedded database in a temporary DATA_DIR.
 */
const OTHER_TOKEN = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef';

interface Child {
  process: ChildProcess;
  output(): string;
  /** The service's JSON log lines so far. */
  logs(): Array<Record<string, unknown>>;
  exited: Promise<number | null>;
}

let children: Child[] = [];
let database: TestDatabase | undefined;
let tg: FakeTelegram | undefined;
let silent: net.Server | undefined;
const silentSockets: net.Socket[] = [];
let dataDir: string | undefined;
afterEach(async () => {
  for (const child of children) {
    if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
    await child.exited;
  }
  children = [];
  await tg?.close();
  for (const socket of silentSockets.splice(0)) socket.destroy();
  await new Promise<void>((resolve) => (silent ? silent.close(() => resolve()) : resolve()));
  await database?.destroy();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  tg = undefined;
  silent = undefined;
  database = undefined;
  dataDir = undefined;
});

async function databaseEnv(): Promise<Record<string, string>> {
  if (process.env.TEST_DATABASE_URL) {
    database = await createTestDatabase('postgres');
    return { DATABASE_URL: database.url! };
  }
  dataDir = mkdtempSync(path.join(tmpdir(), 'trust-'));
  return { DATA_DIR: dataDir };
}

async function startMain(env: Record<string, string>): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH,
      DOTENV_CONFIG_PATH: '/nonexistent',
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      PUBLIC_URL: 'https://shop.example.com',
      ...(await databaseEnv()),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const started: Child = {
    process: child,
    output: () => output,
    logs: () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    exited,
  };
  children.push(started);
  return started;
}

/** Waits until `test` holds, or fails with the child's output. */
async function until<T>(child: Child, what: string, test: () => T | undefined, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = test();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen in ${ms} ms; output:\n${child.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const listening = (child: Child) =>
  until(child, 'listening', () => child.logs().find((l) => l.msg === 'listening')?.address as string | undefined, 90_000);

describe('failures a deployer can see (the real service in a child process)', () => {
  it('a wrong BOT_TOKEN (Telegram answers 401): exit 1 at once with one line naming BOT_TOKEN, no stack, no retry', { timeout: 120_000 }, async () => {
    tg = await startFakeTelegram();
    const child = await startMain({ BOT_TOKEN: OTHER_TOKEN, TELEGRAM_API_ROOT: tg.url });
    const code = await Promise.race([child.exited, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 90_000))]);
    expect(code, child.output()).toBe(1);
    const lines = child.output().split('\n').filter((l) => /BOT_TOKEN/.test(l));
    expect(lines).toEqual(["Configuration error: BOT_TOKEN: Telegram refused the bot's token (401 Unauthorized); copy the token again from @BotFather"]);
    expect(child.output()).not.toMatch(/\n\s+at /);
    expect(child.output()).not.toContain(OTHER_TOKEN);
    expect(tg.requests.filter((r) => r.method === 'getMe')).toHaveLength(1);
  });

  it('a server that accepts and never answers: a warning within 10 s naming the API root and the cause, repeated; /readyz 200 and says since when; ingest goes on', { timeout: 150_000 }, async () => {
    silent = net.createServer((socket) => {
      silentSockets.push(socket);
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => silent!.listen(0, '127.0.0.1', () => resolve()));
    const apiRoot = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
    const child = await startMain({ BOT_TOKEN: OTHER_TOKEN, TELEGRAM_API_ROOT: apiRoot });
    const address = await listening(child);
    const listenedAt = Date.now();

    const unreachable = () => child.logs().filter((l) => l.level === 40 && typeof l.msg === 'string' && l.msg.startsWith('Telegram unreachable'));
    const first = await until(child, 'the first warning', () => unreachable()[0], 10_000);
    expect(Date.now() - listenedAt).toBeLessThan(10_000);
    expect(first.msg).toContain(apiRoot);
    expect(first.msg).toMatch(/no answer within 5 s/);

    const ready = await fetch(`${address}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { database: string; telegram: { mode: string; state: string; since: string; cause: string } };
    expect(body.database).toBe('up');
    expect(body.telegram).toMatchObject({ mode: 'polling', state: 'unreachable', cause: 'no answer within 5 s' });
    expect(Date.parse(body.telegram.since)).toBeLessThanOrEqual(Date.now());

    if (database) {
      const business = await createBusiness(database);
      expect((await postCheck(address, business.webhookToken, fixture('sale-cash'))).status).toBe(200);
    }
    // Repeated, with backoff: the second try waits before it starts.
    const second = await until(child, 'the second warning', () => unreachable()[1], 30_000);
    expect(second.retryInMs).toBeGreaterThan(first.retryInMs as number);
    expect(child.output()).not.toContain(OTHER_TOKEN);
  });

  it('a host name that does not resolve: the warning names the API root and the DNS failure', { timeout: 120_000 }, async () => {
    const apiRoot = 'http://api.telegram.invalid';
    const child = await startMain({ BOT_TOKEN: OTHER_TOKEN, TELEGRAM_API_ROOT: apiRoot });
    await listening(child);
    const warning = await until(child, 'the warning', () => child.logs().find((l) => typeof l.msg === 'string' && l.msg.startsWith('Telegram unreachable')), 10_000);
    expect(warning.msg).toContain(apiRoot);
    expect(warning.msg, JSON.stringify(warning)).toMatch(/ENOTFOUND|EAI_AGAIN/);
    expect(child.output()).not.toContain(OTHER_TOKEN);
  });

  it('Telegram reached: one line "open https://t.me/<bot> and send /start"; /readyz says reached and polling; a localhost PUBLIC_URL is warned of once', { timeout: 120_000 }, async () => {
    tg = await startFakeTelegram();
    const child = await startMain({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.url, PUBLIC_URL: 'http://localhost:3000' });
    const address = await listening(child);
    await until(child, 'the open line', () => child.logs().find((l) => typeof l.msg === 'string' && l.msg.includes(`open https://t.me/${tg!.botInfo.username} and send /start`)), 30_000);
    const body = (await (await fetch(`${address}/readyz`)).json()) as { telegram: { mode: string; state: string } };
    expect(body.telegram).toMatchObject({ mode: 'polling', state: 'reached' });
    expect(child.logs().filter((l) => typeof l.msg === 'string' && l.msg.startsWith('PUBLIC_URL'))).toHaveLength(1);
    expect((await fetch(`${address}/metrics`)).status).toBe(200);
    expect(await (await fetch(`${address}/metrics`)).text()).toMatch(/^telegram_reachable 1$/m);
  });
});
