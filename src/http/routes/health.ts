import Router from '@koa/router';
import type { AppDeps } from '../app.js';

/**
 * `/healthz`: the process runs. `/readyz`: 200 while the database answers (and we are not
 * draining): ingest needs nothing else, so Telegram being down does not make it 503. Its body
 * says each part's state: `database` (`up`/`down`), `draining`, and `telegram` (`mode`:
 * polling or webhook; `state`: starting, reached or unreachable; `since`; `cause` while
 * unreachable), when the bot runs in this process.
 */
export function healthRoutes(deps: AppDeps): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { ok: true };
  });
  router.get('/readyz', async (ctx) => {
    const draining = deps.isDraining();
    const database = await deps.database.ping();
    const ready = !draining && database;
    ctx.status = ready ? 200 : 503;
    ctx.body = {
      ok: ready,
      database: database ? 'up' : 'down',
      draining,
      ...(deps.telegramState ? { telegram: deps.telegramState() } : {}),
    };
  });
  return router;
}
