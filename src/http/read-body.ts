import getRawBody from 'raw-body';
import type { Context } from 'koa';

export type BodyResult = { ok: true; bytes: Buffer } | { ok: false; status: 413 | 400; message: string };

/** How long the rest of a refused body is read and thrown away before the connection is cut. */
const DISCARD_MS = 10_000;

/** The request body as bytes, refusing more than `limit` bytes without keeping them. */
export async function readBody(ctx: Context, limit: number): Promise<BodyResult> {
  const tooLarge = (): BodyResult => {
    discardRest(ctx.req);
    return { ok: false, status: 413, message: `body over ${limit} bytes` };
  };
  const declared = Number(ctx.get('content-length') || NaN);
  if (Number.isFinite(declared) && declared > limit) return tooLarge();
  try {
    const bytes = await getRawBody(ctx.req, { limit });
    return { ok: true, bytes };
  } catch (err) {
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large') return tooLarge();
    return { ok: false, status: 400, message: 'could not read the request body' };
  }
}

/**
 * Reads and drops what the client is still sending, so it can finish its upload and read our
 * answer (closing on unread data resets the connection, and the client sees an error instead
 * of the 413). A client that keeps sending past DISCARD_MS is cut off.
 */
function discardRest(req: Context['req']): void {
  if (req.readableEnded) return;
  const timer = setTimeout(() => req.socket.destroy(), DISCARD_MS);
  timer.unref();
  req.once('end', () => clearTimeout(timer));
  req.once('close', () => clearTimeout(timer));
  req.resume();
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
