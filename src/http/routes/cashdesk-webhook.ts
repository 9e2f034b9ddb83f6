import Router from '@koa/router';
import type { Context } from 'koa';
import { createTokenLookup, type Business } from '../../features/shops/businesses.js';
import { parseCheck } from '../../features/ingest/normalise.js';
import { createIngestQueue } from '../../features/ingest/ingest-queue.js';
import { storeRejected } from '../../features/ingest/rejected.js';
import { isPermanentDataError, sqlState } from '../../platform/db/errors.js';
import { BODIES_IN_FLIGHT_BYTES, BODIES_IN_FLIGHT_SHARE, createBodyBudget, discardBody, readBody, parseJsonObject } from '../../platform/http/read-body.js';
import type { AppDeps } from '../app.js';

/**
 * busy: more webhook bodies in memory than allowed at once, in all or of this shop (503, retried);
 * too_slow: the body did not come within the deadline at the minimum rate (408, connection closed).
 */
type Outcome = 'stored' | 'duplicate' | 'bad_json' | 'unknown_token' | 'too_large' | 'too_slow' | 'invalid' | 'unavailable' | 'busy';

/** `POST /webhooks/cashdesk/:token`: one CashDesk check, answered after it is committed (with others arriving meanwhile). */
export function cashdeskWebhookRoutes(deps: AppDeps): Router {
  const router = new Router();
  const { db } = deps.database;
  // Group commit: concurrent checks share one transaction (ingest-queue.ts); two batches at once
  // let one be built while the other commits.
  const queue = createIngestQueue(db, {
    maxInFlight: 2,
    maxCashDesks: deps.config.maxCashDesksPerShop,
    ...deps.ingestQueue,
  });
  const tokens = createTokenLookup(db);
  const budgetBytes = deps.bodiesInFlightBytes ?? BODIES_IN_FLIGHT_BYTES;
  const bodyBudget = createBodyBudget(
    budgetBytes,
    (bytes) => deps.metrics.webhookBodyBytesInFlight.set(bytes),
    deps.bodiesInFlightPerShopBytes ?? Math.floor(budgetBytes * BODIES_IN_FLIGHT_SHARE),
  );

  router.post('/webhooks/cashdesk/:token', async (ctx) => {
    const started = performance.now();
    const finish = (outcome: Outcome, status: number, body: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
      ctx.status = status;
      ctx.body = body;
      const ms = performance.now() - started;
      deps.metrics.webhooks.inc({ outcome });
      deps.metrics.webhookDuration.observe(ms / 1000);
      deps.logger.info({ outcome, status, ms: Math.round(ms * 10) / 10, ...extra }, 'cashdesk webhook');
    };

    if (deps.isDraining()) return finish('unavailable', 503, { ok: false, error: 'shutting down, retry later' });

    const token = ctx.params.token ?? '';
    let business: Business | undefined;
    try {
      business = await tokens.find(token);
    } catch (err) {
      deps.logger.warn({ err }, 'database unavailable for token lookup');
      return finish('unavailable', 503, { ok: false, error: 'temporarily unavailable, retry later' });
    }
    if (!business) {
      // Answered after the body (dropped, at the body pace): a slow one cannot hold the connection.
      await discardBody(ctx, deps.bodyPace);
      return finish('unknown_token', 404, { ok: false, error: 'not found' });
    }

    const shopKey = String(business.id);
    const body = await readBody(ctx, deps.config.maxBodyBytes, { budget: bodyBudget, key: shopKey, ...(deps.bodyPace ? { pace: deps.bodyPace } : {}) });
    if (!body.ok && body.status === 503) {
      ctx.set('Retry-After', '5');
      return finish('busy', 503, { ok: false, error: body.message }, {
        business: business.id,
        inFlight: bodyBudget.inFlight,
        shopInFlight: bodyBudget.inFlightOf(shopKey),
      });
    }
    if (!body.ok) {
      const outcome = body.status === 413 ? 'too_large' : body.status === 408 ? 'too_slow' : 'bad_json';
      return finish(outcome, body.status, { ok: false, error: body.message }, { business: business.id });
    }
    const json = parseJsonObject(body.bytes);
    if (!json.ok) {
      return rejectWith(ctx, token, 400, 'bad_json', [json.message], body.bytes, finish);
    }
    const parsed = parseCheck(json.value, deps.config.businessTz, deps.config.businessDayStart);
    if (!parsed.ok) {
      return rejectWith(ctx, token, 422, 'invalid', parsed.problems, body.bytes, finish);
    }

    try {
      const result = await queue.ingest(business, parsed.check, { tokenHash: business.webhookTokenHash });
      if (result.status === 'revoked') {
        tokens.forget(token);
        return finish('unknown_token', 404, { ok: false, error: 'not found' }, { business: business.id });
      }
      // A new cash desk beyond the shop's limit: refused at once, its body kept as any 422's; the
      // owner was told once by ingest, so the rejection adds no notice of its own.
      if (result.status === 'refused') {
        if (result.jobs > 0) deps.onOutboxWritten?.();
        return rejectWith(ctx, token, 422, 'invalid', [result.problem], body.bytes, finish, { error: 'too many cash desks', tell: false });
      }
      if (result.status === 'stored' && result.jobs > 0) deps.onOutboxWritten?.();
      if (result.status === 'stored') for (const kind of result.watchdog) deps.metrics.watchdogAlerts.inc({ kind });
      return finish(result.status, 200, { ok: true }, { business: business.id, uuid: parsed.check.uuid, bytes: body.bytes.length });
    } catch (err) {
      deps.logger.error({ err, business: business.id, uuid: parsed.check.uuid }, 'could not store check');
      // The database says this check can never be stored (a value it cannot take): refuse it at
      // once like any 422 (body kept, owner told), rather than a 503 repeated for 24 hours.
      if (isPermanentDataError(err)) {
        const problem = `check: the database cannot store it (SQLSTATE ${sqlState(err) ?? 'unknown'})`;
        return rejectWith(ctx, token, 422, 'invalid', [problem], body.bytes, finish);
      }
      return finish('unavailable', 503, { ok: false, error: 'temporarily unavailable, retry later' }, { business: business.id });
    }
  });

  /**
   * 400/422: keep the body for the owner, then answer; if even that fails, 503 so it comes again.
   * The token is looked up afresh (a remembered one may have been rotated): the body of a
   * rotated token is not the owner's to see, and is answered 404.
   */
  async function rejectWith(
    ctx: Context,
    token: string,
    status: 400 | 422,
    outcome: Outcome,
    problems: string[],
    bytes: Buffer,
    finish: (o: Outcome, s: number, b: Record<string, unknown>, e?: Record<string, unknown>) => void,
    why: { error: string; tell: boolean } = { error: 'not a CashDesk check', tell: true },
  ) {
    let business: Business | undefined;
    try {
      business = await tokens.find(token, { fresh: true });
    } catch (err) {
      deps.logger.warn({ err }, 'database unavailable for token lookup');
      return finish('unavailable', 503, { ok: false, error: 'temporarily unavailable, retry later' });
    }
    if (!business) return finish('unknown_token', 404, { ok: false, error: 'not found' });
    try {
      const kept = await storeRejected(db, { businessId: business.id, status, problems, contentType: ctx.get('content-type') || null, body: bytes, tell: why.tell });
      deps.metrics.rejectedBodies.inc({ stored: kept.kept ? 'true' : 'false' });
      if (kept.notified) deps.onOutboxWritten?.();
    } catch (err) {
      deps.logger.error({ err, business: business.id }, 'could not keep rejected body');
      return finish('unavailable', 503, { ok: false, error: 'temporarily unavailable, retry later' }, { business: business.id });
    }
    const error = status === 400 ? problems[0] : why.error;
    return finish(outcome, status, status === 422 ? { ok: false, error, fields: problems } : { ok: false, error }, {
      business: business.id,
      problems: problems.slice(0, 5),
    });
  }

  return router;
}
