import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  requests: number;
}

/**
 * POSTs `body` (with `[<id>]` made unique per request) to `url` with autocannon.
 * `rate` fixes the offered load in requests per second (for latency at a fixed load);
 * without it, `connections` keep the server as busy as they can (throughput).
 */
export async function postLoad(options: { url: string; body: string; seconds: number; connections: number; rate?: number }): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: options.body,
    idReplacement: true,
    connections: options.connections,
    duration: options.seconds,
    ...(options.rate ? { overallRate: options.rate } : {}),
    timeout: 30,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    requests: result.requests.total,
  };
}
