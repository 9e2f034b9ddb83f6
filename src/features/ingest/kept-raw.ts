/**
 * How much of a check's payload is kept as its raw JSON (checks.raw): at most MAX_RAW_BYTES of
 * JSON text. The fields the service reads (USED below: what normalise.ts turns into columns)
 * are always kept whole, however long; anything else CashDesk sent (unknown fields, fields we
 * parse but do not use) is kept smallest first while it fits, a string that does not fit is cut,
 * and the rest is dropped (a `pdf` that was no PDF is never cut: kept whole or dropped). What was cut or dropped is named under RAW_CAPPED_KEY, with the size
 * of the payload as it came. Without the cap one shop posting a 9 MB unknown field grew the
 * database by 162 MB in 5 seconds. Pure.
 */
export const MAX_RAW_BYTES = 64 * 1024;
/** The key that says what was left out of a capped payload: { bytes, dropped, truncated } (paths, at most MAX_NAMED each). */
export const RAW_CAPPED_KEY = '__raw_capped';
const MAX_NAMED = 20;
/** Room kept for RAW_CAPPED_KEY's own note. */
const NOTE_BYTES = 2 * 1024;
/** A string is cut only when at least this much of it would be kept; else it is dropped. */
const MIN_CUT_BYTES = 256;

type Json = Record<string, unknown>;

const USED_TOP = new Set(['uuid', 'num_fiscal', 'check_type', 'hash', 'ORDERNUM', 'ORDERDATE', 'ORDERTIME', 'is_offline', 'link', 'local_number', 'cash_in_box']);
const USED_DATA = new Set(['total_sum', 'local_number', 'round_sum', 'global_discount']);
const USED_PRODUCT = new Set(['code', 'unit_name', 'amount', 'name', 'price', 'cost', 'sum_discount', 'bar_code']);
const USED_PAYMENT = new Set(['code', 'name', 'sum', 'sum_provided', 'sum_remains']);

interface Extra {
  into: Json;
  key: string;
  value: unknown;
  path: string;
  bytes: number;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const jsonBytes = (v: unknown): number => Buffer.byteLength(JSON.stringify(v) ?? 'null', 'utf8');

/** Sets a key as data (a "__proto__" key stays a key, as in storable-json.ts). */
function put(into: Json, key: string, value: unknown): void {
  Object.defineProperty(into, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `raw` (already storable, without the PDF) within MAX_RAW_BYTES but for the fields the service uses. */
export function keptRaw(raw: Json, maxBytes = MAX_RAW_BYTES): Json {
  const size = jsonBytes(raw);
  if (size <= maxBytes) return raw;

  const extras: Extra[] = [];
  const split = (from: Json, used: Set<string>, path: string, nested: Record<string, (v: unknown, p: string) => unknown> = {}): Json => {
    const out: Json = {};
    for (const [key, value] of Object.entries(from)) {
      const p = path ? `${path}.${key}` : key;
      const inner = nested[key];
      if (inner) put(out, key, inner(value, p));
      else if (used.has(key)) put(out, key, value);
      else extras.push({ into: out, key, value, path: p, bytes: jsonBytes(key) + 1 + jsonBytes(value) + 1 });
    }
    return out;
  };
  const list = (used: Set<string>) => (value: unknown, path: string) =>
    Array.isArray(value) ? value.map((v, i) => (isObject(v) ? split(v, used, `${path}[${i}]`) : v)) : value;
  const kept = split(raw, USED_TOP, '', {
    check_data: (v, p) =>
      isObject(v) ? split(v, USED_DATA, p, { products: list(USED_PRODUCT), payments: list(USED_PAYMENT) }) : v,
  });

  let room = maxBytes - NOTE_BYTES - jsonBytes(kept);
  const dropped: string[] = [];
  const truncated: string[] = [];
  for (const extra of extras.sort((a, b) => a.bytes - b.bytes)) {
    if (extra.bytes <= room) {
      put(extra.into, extra.key, extra.value);
      room -= extra.bytes;
      continue;
    }
    const keyBytes = jsonBytes(extra.key) + 2;
    if (typeof extra.value === 'string' && extra.path !== 'pdf' && room - keyBytes >= MIN_CUT_BYTES) {
      const cut = cutString(extra.value, room - keyBytes);
      put(extra.into, extra.key, cut);
      room -= keyBytes + jsonBytes(cut);
      truncated.push(extra.path);
      continue;
    }
    dropped.push(extra.path);
  }
  put(kept, RAW_CAPPED_KEY, {
    bytes: size,
    dropped: dropped.slice(0, MAX_NAMED),
    truncated: truncated.slice(0, MAX_NAMED),
    ...(dropped.length > MAX_NAMED ? { droppedMore: dropped.length - MAX_NAMED } : {}),
  });
  return kept;
}

/** The beginning of `text` whose JSON form takes at most `maxBytes`, never ending inside a surrogate pair. */
function cutString(text: string, maxBytes: number): string {
  // UTF-8 takes at most 3 bytes per UTF-16 unit, an escape at most 6: halve until it fits.
  let length = Math.min(text.length, maxBytes);
  for (;;) {
    let cut = text.slice(0, length);
    if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
    if (jsonBytes(cut) <= maxBytes) return cut;
    length = Math.floor(length / 2);
  }
}
