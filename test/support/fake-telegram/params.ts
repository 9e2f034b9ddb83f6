/** Typed access to request parameters, coercing form-data strings like the Bot API does. */
import { badRequest } from './errors.js';
import { UploadedFile } from './multipart.js';
import type { Params } from './types.js';

const isAbsent = (v: unknown): boolean => v === undefined || v === null;

export function getString(params: Params, name: string): string | undefined {
  const v = params[name];
  if (isAbsent(v)) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw badRequest(`field "${name}" must be of type String`);
}

export function getInt(params: Params, name: string): number | undefined {
  const v = params[name];
  if (isAbsent(v) || v === '') return undefined;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v)) return Number(v.trim());
  throw badRequest(`field "${name}" must be of type Integer`);
}

export function getBool(params: Params, name: string): boolean | undefined {
  const v = params[name];
  if (isAbsent(v) || v === '') return undefined;
  if (v === true || v === 'true' || v === 1 || v === '1' || v === 'True') return true;
  if (v === false || v === 'false' || v === 0 || v === '0' || v === 'False') return false;
  throw badRequest(`field "${name}" must be of type Boolean`);
}

/** A JSON-serialized parameter: accepts the parsed value (JSON bodies) or a JSON string (form bodies). */
export function getJson(params: Params, name: string, parseError: string): unknown {
  const v = params[name];
  if (isAbsent(v) || v === '') return undefined;
  if (v instanceof UploadedFile) throw badRequest(parseError);
  if (typeof v === 'string') {
    try {
      return JSON.parse(v) as unknown;
    } catch {
      throw badRequest(parseError);
    }
  }
  return v;
}

export function getStringArray(params: Params, name: string): string[] | undefined {
  const v = getJson(params, name, `can't parse ${name} JSON array`);
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    throw badRequest(`field "${name}" must be an Array of Strings`);
  }
  return v as string[];
}
