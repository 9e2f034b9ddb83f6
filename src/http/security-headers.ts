import type { Middleware } from 'koa';

/**
 * Headers every answer carries, whatever the route and status (set before the route runs, so
 * errors and 404s have them too): `X-Content-Type-Options: nosniff`, so a browser takes a body
 * only as its declared type (a check's PDF, a JSON answer or a kept body never runs as a page or
 * a script), and `Referrer-Policy: no-referrer` (URLs here carry secrets: webhook tokens). The
 * Mini App's pages add their Content-Security-Policy (miniapp/static-files.ts).
 */
export function securityHeaders(): Middleware {
  return async (ctx, next) => {
    ctx.set('x-content-type-options', 'nosniff');
    ctx.set('referrer-policy', 'no-referrer');
    await next();
  };
}
