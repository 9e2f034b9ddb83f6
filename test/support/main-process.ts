import { spawn } from 'node:child_process';

/**
 * Runs the real entry point (src/main.ts) with these settings until it exits by itself, for
 * start-up failures: its exit code and what it wrote to stdout and stderr. Killed after `timeoutMs`.
 */
export async function runMainToExit(env: Record<string, string>, timeoutMs = 60_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    // A public https PUBLIC_URL, as a deployed service has: a localhost one is warned of at start,
    // a line of its own that these start-up failures are not about.
    env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', PUBLIC_URL: 'https://shop.example.com', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, stdout, stderr };
}
