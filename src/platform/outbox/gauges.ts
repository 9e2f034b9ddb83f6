import type { Executor } from '../db/client.js';
import type { Metrics } from '../observability/metrics.js';
import { outboxStats } from './outbox.js';

/** `AppDeps.refreshGauges`: outbox depth and the age of its oldest waiting message, read at scrape time. */
export function outboxGaugeRefresher(db: Executor, metrics: Metrics): () => Promise<void> {
  return async () => {
    const stats = await outboxStats(db);
    metrics.outboxDepth.set(stats.pending);
    metrics.outboxOldestAge.set(stats.oldestAgeSeconds);
  };
}
