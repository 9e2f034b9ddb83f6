/**
 * Start time of the service on the embedded default (no DATABASE_URL), compiled as in
 * production: from spawning the process to /healthz answering, on a fresh DATA_DIR (initdb, the
 * first start of the cluster, every migration) and again on the same DATA_DIR (the cluster
 * started from its files); and how long its SIGTERM takes (the cluster's shutdown included).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startChild } from './support/processes.js';
import { freePort, productionNodeArgs, waitHealthy } from './support/service.js';

export interface StartupFigures {
  freshMs: number;
  existingMs: number;
  stopMs: number;
}

export async function benchStartup(telegram: { url: string; token: string }): Promise<StartupFigures> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-start-'));
  try {
    const once = async () => {
      const port = await freePort();
      const started = Date.now();
      const child = startChild(
        'dist/src/main.js',
        { BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.url, DATABASE_URL: '', DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'production' },
        productionNodeArgs(),
      );
      await waitHealthy(`http://127.0.0.1:${port}`, child, 180_000);
      const startMs = Date.now() - started;
      const stopping = Date.now();
      await child.stop();
      return { startMs, stopMs: Date.now() - stopping };
    };
    const fresh = await once();
    const existing = await once();
    return { freshMs: fresh.startMs, existingMs: existing.startMs, stopMs: existing.stopMs };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
