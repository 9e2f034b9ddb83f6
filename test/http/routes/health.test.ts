import { describe, expect, it } from 'vitest';
import Koa from 'koa';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { healthRoutes } from '../../../src/http/routes/health.js';
import type { AppDeps } from '../../../src/http/app.js';
import type { TelegramState } from '../../../src/platform/telegram/telegram-status.js';

interface Health {
  draining?: boolean;
  databaseUp?: boolean;
  telegram?: TelegramState;
}

async function get(path: string, health: Health = {}) {
  const deps = {
    isDraining: () => health.draining ?? false,
    database: { ping: async () => health.databaseUp ?? true },
    ...(health.telegram ? { telegramState: () => health.telegram! } : {}),
  } as unknown as AppDeps;
  const req = new IncomingMessage(new Socket());
  req.method = 'GET';
  req.url = path;
  const ctx = new Koa().createContext(req, new ServerResponse(req));
  let passedOn = false;
  const routes = healthRoutes(deps).routes() as unknown as Koa.Middleware;
  await routes(ctx, async () => {
    passedOn = true;
  });
  return { status: ctx.status, body: ctx.body, passedOn };
}

describe('/healthz', () => {
  it('answers while the process runs, whatever the database says', async () => {
    expect(await get('/healthz', { databaseUp: false, draining: true })).toEqual({ status: 200, body: { ok: true }, passedOn: false });
  });
});

describe('/readyz', () => {
  it('ready while the database answers and the service is not draining', async () => {
    expect(await get('/readyz')).toEqual({ status: 200, body: { ok: true, database: 'up', draining: false }, passedOn: false });
  });

  it('503 with the database down, or while draining', async () => {
    expect(await get('/readyz', { databaseUp: false })).toEqual({ status: 503, body: { ok: false, database: 'down', draining: false }, passedOn: false });
    expect(await get('/readyz', { draining: true })).toEqual({ status: 503, body: { ok: false, database: 'up', draining: true }, passedOn: false });
  });

  it("Telegram's state is told but does not make it unready", async () => {
    const telegram: TelegramState = { mode: 'polling', state: 'unreachable', since: '2026-12-07T10:00:00.000Z', cause: 'ECONNREFUSED' };
    expect(await get('/readyz', { telegram })).toEqual({ status: 200, body: { ok: true, database: 'up', draining: false, telegram }, passedOn: false });
  });
});

describe('other paths', () => {
  it('are passed on, not answered here', async () => {
    const other = await get('/metrics');
    expect(other.passedOn).toBe(true);
    expect(other.body).toBeUndefined();
    expect((await get('/readyz')).passedOn).toBe(false);
  });
});
