import type { Context } from 'koa';

export type BodyResult = { ok: true; bytes: Buffer } | { ok: false; status: 413 | 400 | 503; message: string };

/** How long the rest of a refused body is read and thrown away before the connection is cut. */
const DISCARD_MS = 10_000;

/** The default bound on webhook bodies held in memory at once, across all requests. */
export const BODIES_IN_FLIGHT_BYTES = 64 * 1024 * 1024;

/**
 * Bytes of request bodies being read or held, across requests: a body is admitted only while
 * the total stays within `limitBytes` (reserved by its Content-Length when declared, else as its
 * chunks arrive), so many large bodies at once cannot exhaust memory; the request that does not
 * fit is answered 503 at once (CashDesk retries). A body alone is always admitted, so a limit
 * below MAX_BODY_BYTES cannot refuse one forever. What a request reserved is given back when its
 * response closes, whatever the path (answer, error, client gone).
 */
export interface BodyBudget {
  readonly limitBytes: number;
  readonly inFlight: number;
  tryReserve(bytes: number): boolean;
  release(bytes: number): void;
}

export function createBodyBudget(limitBytes = BODIES_IN_FLIGHT_BYTES, onChange?: (inFlight: number) => void): BodyBudget {
  let inFlight = 0;
  return {
    limitBytes,
    get inFlight() {
      return inFlight;
    },
    tryReserve(bytes) {
      if (bytes <= 0) return true;
      if (inFlight > 0 && inFlight + bytes > limitBytes) return false;
      inFlight += bytes;
      onChange?.(inFlight);
      return true;
    },
    release(bytes) {
      if (bytes <= 0) return;
      inFlight = Math.max(0, inFlight - bytes);
      onChange?.(inFlight);
    },
  };
}

/**
 * The request body as bytes, refusing more than `limit` bytes without keeping them, and (503) a
 * body that does not fit in `budget`, what all requests may hold at once (unbounded without one).
 */
export async function readBody(ctx: Context, limit: number, budget: BodyBudget = createBodyBudget(Number.POSITIVE_INFINITY)): Promise<BodyResult> {
  // Answered once the client has sent the rest (discarded): see discardRest.
  const tooLarge = async (): Promise<BodyResult> => {
    await discardRest(ctx.req);
    return { ok: false, status: 413, message: `body over ${limit} bytes` };
  };
  const busy = async (): Promise<BodyResult> => {
    await discardRest(ctx.req);
    return { ok: false, status: 503, message: 'too many bodies in flight, retry later' };
  };
  const declared = Number(ctx.get('content-length') || NaN);
  if (Number.isFinite(declared) && declared > limit) return tooLarge();
  let reserved = 0;
  // Given back once, when the response is over (sent, failed or abandoned by the client).
  ctx.res.once('close', () => {
    budget.release(reserved);
    reserved = 0;
  });
  const reserveUpTo = (bytes: number): boolean => {
    if (bytes <= reserved) return true;
    if (!budget.tryReserve(bytes - reserved)) return false;
    reserved = bytes;
    return true;
  };
  if (Number.isFinite(declared) && !reserveUpTo(declared)) return busy();
  const read = await readChunks(ctx.req, limit, reserveUpTo);
  if (read === 'too_large') return tooLarge();
  if (read === 'busy') return busy();
  if (read === 'failed' || (Number.isFinite(declared) && read.length !== declared)) {
    return { ok: false, status: 400, message: 'could not read the request body' };
  }
  return { ok: true, bytes: read };
}

/**
 * Reads the stream to its end, asking `admit(total so far)` before keeping each chunk; stops at
 * the first chunk over `limit` or not admitted (the rest is left to discardRest).
 */
function readChunks(
  req: Context['req'],
  limit: number,
  admit: (total: number) => boolean,
): Promise<Buffer | 'too_large' | 'busy' | 'failed'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const done = (result: Buffer | 'too_large' | 'busy' | 'failed') => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onFail);
      req.off('close', onClose);
      if (typeof result === 'string') chunks.length = 0;
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) return done('too_large');
      if (!admit(total)) return done('busy');
      chunks.push(chunk);
    };
    const onEnd = () => done(Buffer.concat(chunks, total));
    const onFail = () => done('failed');
    const onClose = () => {
      if (!req.readableEnded) done('failed');
    };
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onFail);
    req.once('close', onClose);
  });
}

/**
 * Reads and drops what the client is still sending, resolving when it has sent it all, so that
 * the answer goes after it: a client that asked to close the connection (no keep-alive) has it
 * closed as soon as the answer is written, and closing on unread data resets the connection,
 * so the client, still uploading, saw an error instead of the 413 (the malformed-bodies drill,
 * once the token lookup no longer made every answer wait). A client that keeps sending past
 * DISCARD_MS is cut off.
 */
function discardRest(req: Context['req']): Promise<void> {
  if (req.readableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      req.socket.destroy();
      resolve();
    }, DISCARD_MS);
    timer.unref();
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    req.once('end', done);
    req.once('close', done);
    req.resume();
  });
}

/** A JSON object from bytes, or why not. */
export function parseJsonObject(bytes: Buffer): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, message: 'body is not JSON' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, message: 'body is not a JSON object' };
  }
  return { ok: true, value: value as Record<string, unknown> };
}
