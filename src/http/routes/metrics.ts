import Router from '@koa/router';
import type { AppDeps } from '../app.js';

/** Prometheus text; outbox gauges are read from the database at scrape time. */
export function metricsRoutes(deps: AppDeps): Router {
  const router = new Router();
  router.get('/metrics', async (ctx) => {
    try {
      await deps.refreshGauges?.();
    } catch (err) {
      deps.logger.warn({ err }, 'could not refresh outbox gauges');
    }
    ctx.type = deps.metrics.registry.contentType;
    ctx.body = await deps.metrics.registry.metrics();
  });
  return router;
}
