/**
 * vitest globalSetup: every database test runs on real PostgreSQL. TEST_DATABASE_URL when set;
 * else ONE embedded cluster (src/platform/db/embedded-cluster.ts, the service's own embedded default)
 * started here once in a temporary folder, on a free loopback port, which every test file shares
 * through TEST_DATABASE_URL (each file or test makes a fresh database on it). So `npm test`
 * needs no PostgreSQL server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedCluster, type EmbeddedCluster } from '../../src/platform/db/embedded-cluster.js';

let cluster: EmbeddedCluster | undefined;
let dataDir: string | undefined;

export async function setup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) return;
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'cashdesk-test-pg-'));
  const port = await freePort();
  cluster = await startEmbeddedCluster({ dataDir, tcpPort: port, maxConnections: 300 });
  // The workers are forked after this and inherit it.
  process.env.TEST_DATABASE_URL = `postgres://postgres@127.0.0.1:${port}/postgres`;
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}
