import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Every metric of the service, in one registry per process (a fresh one per test app). */
export function createMetrics(options: { defaultMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry });

  return {
    registry,
    webhooks: new Counter({
      name: 'cashdesk_webhooks_total',
      help: 'CashDesk webhook requests by outcome',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    webhookDuration: new Histogram({
      name: 'cashdesk_webhook_duration_seconds',
      help: 'Time to answer a CashDesk webhook',
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    telegramSends: new Counter({
      name: 'telegram_sends_total',
      help: 'Bot API calls that send messages, by result',
      labelNames: ['method', 'result'] as const,
      registers: [registry],
    }),
    deliveryLatency: new Histogram({
      name: 'delivery_latency_seconds',
      help: 'From the webhook that caused a message to Telegram accepting it',
      labelNames: ['kind'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600],
      registers: [registry],
    }),
    telegramReachable: new Gauge({
      name: 'telegram_reachable',
      help: '1 while the Bot API answers the bot (getMe, getUpdates, setWebhook), 0 while it does not',
      registers: [registry],
    }),
    outboxDepth: new Gauge({
      name: 'outbox_pending_jobs',
      help: 'Messages waiting to be sent',
      registers: [registry],
    }),
    outboxOldestAge: new Gauge({
      name: 'outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest message waiting to be sent',
      registers: [registry],
    }),
    outboxDead: new Counter({
      name: 'outbox_dead_letters_total',
      help: 'Messages given up on after retrying for 24 hours',
      registers: [registry],
    }),
    summariesSent: new Counter({
      name: 'daily_summaries_total',
      help: 'Daily Z summaries enqueued, one per business per day',
      registers: [registry],
    }),
    // Bounded storage and memory (h4).
    rejectedBodies: new Counter({
      name: 'cashdesk_rejected_bodies_total',
      help: 'Refused webhook bodies (400/422): kept (their first 64 KiB), or only counted over the daily cap',
      labelNames: ['stored'] as const,
      registers: [registry],
    }),
    pruned: new Counter({
      name: 'housekeeping_pruned_rows_total',
      help: 'Rows deleted by the nightly housekeeping, by table',
      labelNames: ['table'] as const,
      registers: [registry],
    }),
    // The watchdog (src/features/watchdog/kinds.ts names the kinds; observability imports nothing above it).
    watchdogAlerts: new Counter({
      name: 'cashdesk_watchdog_alerts_total',
      help: 'Watchdog alerts decided (once per alert, whatever the number of chats told), by kind',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    webhookBodyBytesInFlight: new Gauge({
      name: 'cashdesk_webhook_body_bytes_in_flight',
      help: 'Bytes of webhook bodies being read or held by requests in progress',
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
