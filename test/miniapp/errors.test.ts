import { describe, expect, it } from 'vitest';
import Koa from 'koa';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { z } from 'zod';
import { apiError, badRequest } from '../../src/miniapp/errors.js';

function context() {
  const req = new IncomingMessage(new Socket());
  const res = new ServerResponse(req);
  return new Koa().createContext(req, res);
}

describe('apiError', () => {
  it('the one error shape, its status, and never cached', () => {
    const ctx = context();
    apiError(ctx, 403, 'not_linked', 'This Telegram account is not linked to a shop.');
    expect(ctx.status).toBe(403);
    expect(ctx.body).toEqual({ error: { code: 'not_linked', message: 'This Telegram account is not linked to a shop.' } });
    expect(ctx.response.get('cache-control')).toBe('no-store');
  });
});

describe('badRequest', () => {
  const schema = z.object({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD'), limit: z.number().int().max(100, 'at most 100'), nested: z.object({ id: z.number() }) });

  it('a 400 naming each field refused by its path, joined by semicolons', () => {
    const ctx = context();
    const parsed = schema.safeParse({ from: 'yesterday', limit: 101, nested: { id: 'x' } });
    expect(parsed.success).toBe(false);
    badRequest(ctx, parsed.error!);
    expect(ctx.status).toBe(400);
    expect(ctx.response.get('cache-control')).toBe('no-store');
    const { error } = ctx.body as { error: { code: string; message: string } };
    expect(error.code).toBe('bad_request');
    expect(error.message.split('; ').map((part) => part.split(':')[0])).toEqual(['from', 'limit', 'nested.id']);
    expect(error.message).toContain('from: expected YYYY-MM-DD; limit: at most 100; nested.id: ');
  });

  it('an issue about the whole input is said of the request', () => {
    const ctx = context();
    badRequest(ctx, schema.safeParse('not an object').error!);
    expect((ctx.body as { error: { message: string } }).error.message).toMatch(/^request: /);
  });
});
