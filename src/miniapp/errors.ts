import type { Context } from 'koa';
import type { ZodError } from 'zod';
import type { ApiError } from './api-contract.js';

/** The one error shape of the Mini App API: `{ error: { code, message } }`. */
export function apiError(ctx: Context, status: number, code: string, message: string): void {
  ctx.status = status;
  ctx.set('cache-control', 'no-store');
  ctx.body = { error: { code, message } } satisfies ApiError;
}

/** A 400 that names the fields a zod parse refused. */
export function badRequest(ctx: Context, error: ZodError): void {
  const message = error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'request'}: ${i.message}`).join('; ');
  apiError(ctx, 400, 'bad_request', message);
}
