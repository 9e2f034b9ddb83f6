import Router from '@koa/router';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppDeps } from '../app.js';
import { isLoopbackAddress } from '../loopback.js';

/**
 * Prometheus text; outbox gauges are read from the database at scrape time. With METRICS_TOKEN
 * set, only a request bearing it (`Authorization: Bearer <token>`) gets an answer; others 401.
 * Without it, only a request from loopback (127.0.0.0/8, ::1) gets one; others 403. The address
 * is the socket's, or with TRUST_PROXY the one the proxy saw (ctx.ip, app.ts): behind a proxy on
 * the same machine every socket is loopback's, and without it X-Forwarded-For is anyone's claim.
 */
export function metricsRoutes(deps: AppDeps): Router {
  const router = new Router();
  const token = deps.config.metricsToken;
  router.get('/metrics', async (ctx) => {
    if (token !== undefined && !bearerMatches(ctx.get('authorization'), token)) {
      ctx.status = 401;
      ctx.set('WWW-Authenticate', 'Bearer realm="metrics"');
      ctx.body = { ok: false, error: 'unauthorized' };
      return;
    }
    if (token === undefined && !isLoopbackAddress(ctx.ip)) {
      ctx.status = 403;
      ctx.body = { ok: false, error: 'metrics answer on loopback only; set METRICS_TOKEN to scrape from elsewhere' };
      return;
    }
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

/**
 * Whether an Authorization header carries `Bearer <token>`. Both sides are hashed first, so the
 * comparison is constant-time and its length says nothing of the token's.
 */
function bearerMatches(header: string, token: string): boolean {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  const given = createHash('sha256')
    .update(match?.[1] ?? '')
    .digest();
  const expected = createHash('sha256').update(token).digest();
  return timingSafeEqual(given, expected) && match !== null;
}
