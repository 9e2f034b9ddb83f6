import Router from '@koa/router';
import type { AppDeps } from '../app.js';

/** `/healthz`: the process runs. `/readyz`: the database answers (and we are not draining). */
export function healthRoutes(deps: AppDeps): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { ok: true };
  });
  router.get('/readyz', async (ctx) => {
    const ready = !deps.isDraining() && (await deps.database.ping());
    ctx.status = ready ? 200 : 503;
    ctx.body = { ok: ready };
  });
  return router;
}
