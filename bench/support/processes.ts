import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Child {
  process: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** Peak resident memory so far (VmHWM), in MB. */
  peakRssMb(): number;
  /** SIGTERM, then SIGKILL after 15 s; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts an entry point in a child process: compiled JavaScript as it is, TypeScript through tsx.
 * `ownGroup`: in a process group of its own (with whatever it starts), for a kill of the group.
 */
export function startChild(entry: string, env: Record<string, string>, nodeArgs: string[] = [], options: { ownGroup?: boolean } = {}): Child {
  const loader = entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...nodeArgs, ...loader, path.join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.ownGroup ?? false,
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return {
    process: child,
    output: () => output,
    peakRssMb() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        return Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
      } catch {
        return 0;
      }
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
      }),
  };
}

/** Resolves when the child prints a line matching `pattern`; rejects if it exits first. */
export function waitForOutput(child: Child, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const m = pattern.exec(child.output());
      if (m) {
        clearInterval(poll);
        resolve(m);
      } else if (child.process.exitCode !== null || Date.now() - started > timeoutMs) {
        clearInterval(poll);
        reject(new Error(`no ${pattern} from child (exit ${child.process.exitCode}):\n${child.output().slice(-2000)}`));
      }
    }, 50);
  });
}
