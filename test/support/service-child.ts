import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeliveryOptions } from '../../src/platform/outbox/delivery.js';

const ENTRY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'service-process.ts');

export interface ServiceChild {
  url: string;
  process: ChildProcess;
  /** Output so far, for failure messages. */
  output(): string;
  /** SIGKILL: no goodbye, nothing flushed. */
  kill(): Promise<void>;
  /** SIGTERM: the clean shutdown. */
  stop(): Promise<void>;
}

export interface ServiceChildOptions {
  databaseUrl: string;
  botToken: string;
  telegramApiRoot: string;
  delivery?: DeliveryOptions;
  env?: Record<string, string>;
}

/** Starts the real service (`node --import tsx`) in a child process and waits until it listens. */
export async function spawnService(options: ServiceChildOptions): Promise<ServiceChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      BOT_TOKEN: options.botToken,
      TELEGRAM_API_ROOT: options.telegramApiRoot,
      DATABASE_URL: options.databaseUrl,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      TEST_DELIVERY_OPTIONS: JSON.stringify(options.delivery ?? {}),
      // Only the delivery path is under test here, and several of these poll one bot otherwise.
      TEST_RENDERER: 'uuid',
      TEST_WITHOUT_BOT: '1',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start in 30 s:\n${output}`)), 30_000);
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      const ready = /READY (\S+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`service exited with ${code} before it was ready:\n${output}`));
    });
  });
  return {
    url,
    process: child,
    output: () => output,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
