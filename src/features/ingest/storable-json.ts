/**
 * JSON that JavaScript parses but PostgreSQL cannot store: a NUL character (\u0000) has no place
 * in `text` or `jsonb`, a lone UTF-16 surrogate is not Unicode, and jsonb's parser gives up on
 * nesting a few thousand levels deep. A check carrying one of these failed its insert on every
 * try: 503 for 24 hours of CashDesk's retries, then lost, and nothing kept for the owner (found
 * by the malformed-bodies drill). So strings (and keys) are made storable, NUL and lone
 * surrogates becoming U+FFFD, and nesting deeper than MAX_JSON_DEPTH is refused (422, body kept).
 */
export const MAX_JSON_DEPTH = 1000;

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function storableString(text: string): string {
  // Nearly every string is storable already: two native scans, no copy (the pattern over a
  // check's 40 KB PDF text was a tenth of a millisecond).
  if (text.indexOf('\u0000') === -1 && (text as string & { isWellFormed(): boolean }).isWellFormed()) return text;
  return text.replace(UNSTORABLE, '\uFFFD');
}

export type StorableResult = { ok: true; value: unknown } | { ok: false; problem: string };

/** A copy of `value` that PostgreSQL can store, or why not. Pure; recursion is bounded by the depth limit. */
export function toStorableJson(value: unknown, depth = 0): StorableResult {
  if (typeof value === 'string') return { ok: true, value: storableString(value) };
  if (value === null || typeof value !== 'object') return { ok: true, value };
  if (depth >= MAX_JSON_DEPTH) return { ok: false, problem: `body: nested deeper than ${MAX_JSON_DEPTH} levels` };
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      const r = toStorableJson(item, depth + 1);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return { ok: true, value: out };
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const r = toStorableJson(item, depth + 1);
    if (!r.ok) return r;
    // Defined, not assigned: a "__proto__" key stays a key (assigning it would set the copy's
    // prototype, dropping the key from what is stored and lending its fields to the parser).
    Object.defineProperty(out, storableString(key), { value: r.value, enumerable: true, writable: true, configurable: true });
  }
  return { ok: true, value: out };
}
