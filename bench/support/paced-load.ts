import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { percentile } from './percentiles.js';
import type { LoadResult } from './load.js';

/**
 * An open-loop load at a fixed rate: requests ARRIVE at `rate` a second, independently of how
 * fast the answers come (as checks from many cash desks do), at random (Poisson) times from a
 * seeded generator, so every run offers the same arrivals. Each request's latency counts from
 * the moment it was due, not from when a connection was free to send it (no coordinated
 * omission): a server that falls behind shows it in the latency, not in a lower rate.
 *
 * Why not autocannon's `overallRate`: each of its connections sends its share of a second's
 * requests back to back as soon as the second begins and then waits for the next one, so 200/s
 * over 32 connections is a burst of 200 requests with 32 in flight at every second's start, then
 * nothing. Its latency is that of a burst (on this machine ~70 ms even for the bare baseline
 * route at saturation); postLoad with `rate` still measures that, reported beside for comparison.
 */
export async function pacedLoad(options: { url: string; body: string; seconds: number; rate: number; seed?: number; maxSockets?: number }): Promise<LoadResult> {
  const url = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 64 });
  const random = mulberry32(options.seed ?? 13);
  const latencies: number[] = [];
  const sendLags: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const inFlight = new Set<Promise<void>>();

  const send = (dueAt: number): Promise<void> =>
    new Promise<void>((resolve) => {
      const body = Buffer.from(options.body.replaceAll('[<id>]', randomUUID()));
      const req = http.request(
        { agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length } },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - dueAt);
            if (res.statusCode === undefined || res.statusCode < 200 || res.statusCode > 299) non2xx++;
            resolve();
          });
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(body);
      sendLags.push(performance.now() - dueAt);
    });

  const started = performance.now();
  const endAt = started + options.seconds * 1000;
  let due = started;
  while (true) {
    due += -Math.log(1 - random()) * (1000 / options.rate); // exponential gaps: Poisson arrivals
    if (due >= endAt) break;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const p = send(due).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  agent.destroy();
  if (process.env.PACED_DEBUG) console.error('send lag p50', percentile(sendLags, 50).toFixed(1), 'p99', percentile(sendLags, 99).toFixed(1), 'max', Math.max(...sendLags).toFixed(1));
  const elapsed = (performance.now() - started) / 1000;
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    rps: latencies.length / elapsed,
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    non2xx,
    errors,
    requests: latencies.length + errors,
  };
}

/** A small seeded generator of numbers in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
