import { describe, expect, it } from 'vitest';
import Koa from 'koa';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { createBodyBudget, discardBody, parseJsonObject, readBody, type BodyPace } from '../../../src/platform/http/read-body.js';

/** A request whose body is `chunks` (pushed as they are, then the end unless `open`), in a Koa context. */
function request(chunks: Array<string | Buffer>, headers: Record<string, string> = {}, open = false) {
  const req = new IncomingMessage(new Socket());
  req.headers = headers;
  const res = new ServerResponse(req);
  const ctx = new Koa().createContext(req, res);
  setImmediate(() => {
    for (const chunk of chunks) req.push(chunk);
    if (!open) req.push(null);
  });
  return ctx;
}

const quick: BodyPace = { deadlineMs: 60, graceMs: 0, minBytesPerSecond: 1_000_000 };

describe('readBody', () => {
  it('the bytes as sent, in one buffer', async () => {
    const result = await readBody(request(['{"a":', Buffer.from('1}')], { 'content-length': '7' }), 100);
    expect(result).toEqual({ ok: true, bytes: Buffer.from('{"a":1}') });
  });

  it('an empty body is an empty buffer', async () => {
    expect(await readBody(request([]), 100)).toEqual({ ok: true, bytes: Buffer.alloc(0) });
  });

  it('up to the limit exactly; one byte more is a 413, whether declared or not', async () => {
    expect(await readBody(request(['x'.repeat(10)]), 10)).toEqual({ ok: true, bytes: Buffer.from('x'.repeat(10)) });
    expect(await readBody(request(['x'.repeat(6), 'x'.repeat(5)]), 10)).toEqual({ ok: false, status: 413, message: 'body over 10 bytes' });
    expect(await readBody(request(['x'], { 'content-length': '11' }), 10)).toEqual({ ok: false, status: 413, message: 'body over 10 bytes' });
  });

  it('a body shorter or longer than its declared length is a 400', async () => {
    expect(await readBody(request(['abc'], { 'content-length': '5' }), 100)).toEqual({ ok: false, status: 400, message: 'could not read the request body' });
    expect(await readBody(request(['abcdef'], { 'content-length': '5' }), 100)).toEqual({ ok: false, status: 400, message: 'could not read the request body' });
  });

  it('a body that does not fit in the budget beside the others is a 503, and its hold is given back', async () => {
    const budget = createBodyBudget(10, undefined, 10);
    const other = budget.hold('other');
    expect(other.growTo(8)).toBe(true);
    const ctx = request(['abcde'], {}, false);
    expect(await readBody(ctx, 100, { budget, key: 'shop' })).toEqual({ ok: false, status: 503, message: 'too many bodies in flight, retry later' });
    ctx.res.emit('close');
    expect(budget.inFlight).toBe(8);
    expect(budget.inFlightOf('shop')).toBe(0);
  });

  it('counts a body against its key while the response is under way, then releases it', async () => {
    const budget = createBodyBudget(100, undefined, 100);
    const ctx = request(['abcde']);
    expect(await readBody(ctx, 100, { budget, key: 'shop' })).toEqual({ ok: true, bytes: Buffer.from('abcde') });
    expect(budget.inFlightOf('shop')).toBe(5);
    ctx.res.emit('close');
    expect(budget.inFlightOf('shop')).toBe(0);
  });

  it('a body that does not come in time is a 408, and the connection is to be closed', async () => {
    const ctx = request(['a'], {}, true);
    const result = await readBody(ctx, 100, { pace: quick });
    expect(result).toEqual({ ok: false, status: 408, message: 'body not received in time (within 0.06 s, at least 1000000 bytes/s after 0 s)' });
    expect(ctx.response.get('connection')).toBe('close');
  });
});

describe('discardBody', () => {
  it('reads a body to its end without keeping it; a slow one closes the connection', async () => {
    const done = request(['x'.repeat(1000)]);
    await discardBody(done, { deadlineMs: 5_000, graceMs: 1_000, minBytesPerSecond: 1 });
    expect(done.req.readableEnded).toBe(true);
    expect(done.response.get('connection')).toBeUndefined();
    const slow = request(['x'], {}, true);
    await discardBody(slow, quick);
    expect(slow.response.get('connection')).toBe('close');
  });
});

describe('parseJsonObject', () => {
  it('a JSON object, with or without a byte order mark', () => {
    expect(parseJsonObject(Buffer.from('{"uuid":"a","n":1}'))).toEqual({ ok: true, value: { uuid: 'a', n: 1 } });
    expect(parseJsonObject(Buffer.from('\uFEFF{"a":[1]}'))).toEqual({ ok: true, value: { a: [1] } });
    expect(parseJsonObject(Buffer.from(' {} '))).toEqual({ ok: true, value: {} });
  });

  it('JSON that is not an object', () => {
    for (const text of ['[]', '[{"a":1}]', 'null', '42', '"text"', 'true']) expect(parseJsonObject(Buffer.from(text)), text).toEqual({ ok: false, message: 'body is not a JSON object' });
  });

  it('not JSON at all', () => {
    for (const text of ['', '{', "{'a':1}", '{"a":1}}', '\uFEFF\uFEFF{}']) expect(parseJsonObject(Buffer.from(text)), text).toEqual({ ok: false, message: 'body is not JSON' });
  });
});
