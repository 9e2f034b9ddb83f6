/** Reads a Bot API request's parameters from the query string and JSON / urlencoded / multipart body. */
import type { IncomingMessage } from 'node:http';
import { ApiError, badRequest } from './errors.js';
import { getBoundary, MultipartError, parseMultipart, UploadedFile } from './multipart.js';
import type { Params } from './types.js';

/** Telegram accepts uploads of up to 50 MB (plus some room for the other fields). */
export const MAX_BODY_BYTES = 50 * 1024 * 1024 + 256 * 1024;

export interface RequestParams {
  params: Params;
  /** File parts by field name (grammY refers to them as `attach://<name>`). */
  files: Map<string, UploadedFile>;
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) tooLarge = true;
    if (!tooLarge) chunks.push(buf);
  }
  if (tooLarge) throw new ApiError(413, 'Request Entity Too Large');
  return Buffer.concat(chunks);
}

export async function readRequestParams(req: IncomingMessage, url: URL): Promise<RequestParams> {
  const params: Params = {};
  const files = new Map<string, UploadedFile>();
  for (const [key, value] of url.searchParams) params[key] = value;

  const body = await readBody(req, MAX_BODY_BYTES);
  if (body.length === 0) return { params, files };

  const contentType = req.headers['content-type'] ?? '';
  const mime = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  if (mime === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw badRequest("can't parse JSON object");
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw badRequest('JSON object expected');
    }
    Object.assign(params, parsed);
  } else if (mime === 'application/x-www-form-urlencoded') {
    for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params[key] = value;
  } else if (mime === 'multipart/form-data') {
    const boundary = getBoundary(contentType);
    if (boundary === undefined) throw badRequest("can't parse multipart/form-data: boundary is missing");
    try {
      for (const part of parseMultipart(body, boundary)) {
        if (part.filename !== undefined) {
          const file = new UploadedFile(
            part.name,
            part.filename,
            part.contentType ?? 'application/octet-stream',
            part.data,
          );
          files.set(part.name, file);
          params[part.name] = file;
        } else {
          params[part.name] = part.data.toString('utf8');
        }
      }
    } catch (error) {
      if (error instanceof MultipartError) throw badRequest(`can't parse multipart/form-data: ${error.message}`);
      throw error;
    }
  }
  // Like Telegram, other content types are ignored (only query parameters are used).
  return { params, files };
}
