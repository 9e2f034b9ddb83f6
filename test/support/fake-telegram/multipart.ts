/**
 * A small, strict multipart/form-data parser (RFC 7578) working on a fully buffered body.
 * Tolerates grammY's compact headers (`content-disposition:form-data;name="x";filename=a.pdf`).
 */

export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MultipartError';
  }
}

/** A file part of a multipart request. */
export class UploadedFile {
  constructor(
    readonly fieldName: string,
    readonly filename: string,
    readonly contentType: string,
    readonly bytes: Buffer,
  ) {}
}

export interface MultipartPart {
  name: string;
  filename: string | undefined;
  contentType: string | undefined;
  headers: Record<string, string>;
  data: Buffer;
}

const CRLF = Buffer.from('\r\n');

/** Extracts the boundary from a Content-Type header value. */
export function getBoundary(contentType: string): string | undefined {
  const m = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** Parses `type; a="x"; b=y; c*=UTF-8''z` into its parameters (names lower-cased). */
export function parseHeaderParams(value: string): Record<string, string> {
  const params: Record<string, string> = {};
  const re = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  for (let m = re.exec(value); m !== null; m = re.exec(value)) {
    const name = (m[1] as string).toLowerCase();
    let v = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '').trim();
    if (name.endsWith('*')) {
      const ext = /^([^']*)'[^']*'(.*)$/.exec(v);
      if (ext) {
        try {
          v = decodeURIComponent(ext[2] as string);
        } catch {
          /* keep raw */
        }
      }
      params[name.slice(0, -1)] = v;
      continue;
    }
    if (!(name in params)) params[name] = v;
  }
  return params;
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.split('\r\n')) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MultipartError(`malformed part header "${line}"`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  if (boundary === '' || boundary.length > 200) throw new MultipartError('invalid boundary');
  const delimiter = Buffer.from(`--${boundary}`);
  const innerDelimiter = Buffer.concat([CRLF, delimiter]);
  const parts: MultipartPart[] = [];

  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new MultipartError('missing initial boundary');
  pos += delimiter.length;

  for (;;) {
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts; // closing "--"
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++; // transport padding
    if (body[pos] !== 0x0d || body[pos + 1] !== 0x0a) throw new MultipartError('malformed boundary line');
    pos += 2;

    let headerEnd: number;
    let dataStart: number;
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) {
      headerEnd = pos;
      dataStart = pos + 2;
    } else {
      headerEnd = body.indexOf('\r\n\r\n', pos, 'latin1');
      if (headerEnd < 0) throw new MultipartError('unterminated part headers');
      dataStart = headerEnd + 4;
    }
    const headers = parseHeaders(body.subarray(pos, headerEnd).toString('utf8'));
    const next = body.indexOf(innerDelimiter, dataStart);
    if (next < 0) throw new MultipartError('missing closing boundary');

    const disposition = headers['content-disposition'];
    if (disposition === undefined || !/^\s*form-data\s*(;|$)/i.test(disposition)) {
      throw new MultipartError('part without "Content-Disposition: form-data"');
    }
    const params = parseHeaderParams(disposition);
    const name = params['name'];
    if (name === undefined || name === '') throw new MultipartError('part without a name');
    parts.push({
      name,
      filename: params['filename'],
      contentType: headers['content-type'],
      headers,
      data: Buffer.from(body.subarray(dataStart, next)),
    });
    pos = next + innerDelimiter.length;
  }
}
