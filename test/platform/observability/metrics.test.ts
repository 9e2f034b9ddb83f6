import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../../src/platform/observability/metrics.js';

describe('createMetrics', () => {
  it('exposes the metrics operators read, by their names', async () => {
    const metrics = createMetrics();
    const names = (await metrics.registry.getMetricsAsJSON()).map((m) => m.name).sort();
    expect(names).toEqual(
      [
        'cashdesk_rejected_bodies_total',
        'cashdesk_watchdog_alerts_total',
        'cashdesk_webhook_body_bytes_in_flight',
        'cashdesk_webhook_duration_seconds',
        'cashdesk_webhooks_total',
        'daily_summaries_total',
        'delivery_latency_seconds',
        'housekeeping_pruned_rows_total',
        'outbox_dead_letters_total',
        'outbox_oldest_pending_age_seconds',
        'outbox_pending_jobs',
        'telegram_reachable',
        'telegram_sends_total',
      ].sort(),
    );
  });

  it("one registry per call: one app's counts are not another's", async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.webhooks.inc({ outcome: 'stored' });
    a.webhooks.inc({ outcome: 'stored' });
    expect(await a.registry.getSingleMetricAsString('cashdesk_webhooks_total')).toContain('cashdesk_webhooks_total{outcome="stored"} 2');
    expect(await b.registry.getSingleMetricAsString('cashdesk_webhooks_total')).not.toContain('outcome="stored"');
  });

  it("the process's default metrics only when asked", async () => {
    const plain = (await createMetrics().registry.getMetricsAsJSON()).map((m) => m.name);
    const full = (await createMetrics({ defaultMetrics: true }).registry.getMetricsAsJSON()).map((m) => m.name);
    expect(plain).not.toContain('process_cpu_user_seconds_total');
    expect(full).toContain('process_cpu_user_seconds_total');
  });

  it('the webhook answer time in buckets from 2 ms to 2.5 s', async () => {
    const metrics = createMetrics();
    metrics.webhookDuration.observe(0.003);
    const text = await metrics.registry.getSingleMetricAsString('cashdesk_webhook_duration_seconds');
    expect(text).toContain('cashdesk_webhook_duration_seconds_bucket{le="0.002"} 0');
    expect(text).toContain('cashdesk_webhook_duration_seconds_bucket{le="0.005"} 1');
    expect(text).toContain('cashdesk_webhook_duration_seconds_bucket{le="2.5"} 1');
  });
});
