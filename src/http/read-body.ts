import getRawBody from 'raw-body';
import type { Context } from 'koa';

export type BodyResult = { ok: true; bytes: Buffer } | { ok: false; status: 413 | 400; message: string };

/** The request body as bytes, refusing more than `limit` bytes without reading them all. */
export async function readBody(ctx: Context, limit: number): Promise<BodyResult> {
  const declared = Number(ctx.get('content-length') || NaN);
  if (Number.isFinite(declared) && declared > limit) {
    return { ok: false, status: 413, message: `body over ${limit} bytes` };
  }
  try {
    const bytes = await getRawBody(ctx.req, { limit });
    return { ok: true, bytes };
  } catch (err) {
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large') return { ok: false, status: 413, message: `body over ${limit} bytes` };
    return { ok: false, status: 400, message: 'could not read the request body' };
  }
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
