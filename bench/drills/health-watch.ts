/** Polls the service's /healthz (and /readyz) during a drill and keeps every answer. */
export interface HealthSample {
  at: number;
  path: '/healthz' | '/readyz';
  status: number | 'error';
  ms: number;
}

export interface HealthWatch {
  samples: HealthSample[];
  stop(): Promise<HealthSample[]>;
}

export function watchHealth(baseUrl: string, options: { intervalMs?: number; timeoutMs?: number; readyz?: boolean } = {}): HealthWatch {
  const intervalMs = options.intervalMs ?? 200;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const samples: HealthSample[] = [];
  let running = true;
  const probe = async (path: HealthSample['path']) => {
    const started = performance.now();
    let status: number | 'error';
    try {
      const res = await fetch(`${baseUrl}${path}`, { signal: AbortSignal.timeout(timeoutMs) });
      await res.arrayBuffer();
      status = res.status;
    } catch {
      status = 'error';
    }
    samples.push({ at: Date.now(), path, status, ms: performance.now() - started });
  };
  const loop = (async () => {
    while (running) {
      await Promise.all([probe('/healthz'), ...(options.readyz ? [probe('/readyz')] : [])]);
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    samples,
    async stop() {
      running = false;
      await loop;
      return samples;
    },
  };
}

/** `/healthz` answers that were not a 200, or took over `slowMs`. */
export function unhealthy(samples: readonly HealthSample[], slowMs = 2_000): HealthSample[] {
  return samples.filter((s) => s.path === '/healthz' && (s.status !== 200 || s.ms > slowMs));
}
