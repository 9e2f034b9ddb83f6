/**
 * A database that cannot be reached at start: one line that names DATABASE_URL (never its
 * password) and the cause, then exit 1; the real entry point, as a deployer starts it.
 */
import { describe, expect, it } from 'vitest';
import net from 'node:net';
import { runMainToExit } from '../support/main-process.js';

/** A loopback port nothing listens on. */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

describe('a database that cannot be reached at start', () => {
  it('exits 1 with one line naming DATABASE_URL and the cause, without the password', { timeout: 60_000 }, async () => {
    const port = await closedPort();
    const run = await runMainToExit({ BOT_TOKEN: '123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', DATABASE_URL: `postgres://shop:s3cret-pass@127.0.0.1:${port}/cashdesk` });
    expect(run.code, run.stderr).toBe(1);
    const lines = (run.stdout + run.stderr).split('\n').filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`DATABASE_URL \\(127\\.0\\.0\\.1:${port}/cashdesk\\).*ECONNREFUSED`));
    expect(lines[0]).not.toContain('s3cret-pass');
  });
});
