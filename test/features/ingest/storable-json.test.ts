import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, storableString, toStorableJson } from '../../../src/features/ingest/storable-json.js';
import { parseCheck } from '../../../src/features/ingest/normalise.js';
import { fixture } from '../../support/fixtures.js';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

describe('JSON PostgreSQL can store', () => {
  it('turns NUL and lone surrogates into U+FFFD and keeps everything else, pairs included', () => {
    expect(storableString('a\u0000b')).toBe('a\uFFFDb');
    expect(storableString('x\uD800y\uDC00')).toBe('x\uFFFDy\uFFFD');
    expect(storableString('Хліб 🍞 "ok"')).toBe('Хліб 🍞 "ok"');
  });

  it('cleans keys and nested strings, leaves numbers, booleans and nulls', () => {
    expect(toStorableJson({ 'k\u0000': ['v\uD800', 1, true, null, { n: 'ok' }] })).toEqual({
      ok: true,
      value: { 'k\uFFFD': ['v\uFFFD', 1, true, null, { n: 'ok' }] },
    });
  });

  it(`refuses nesting deeper than ${MAX_JSON_DEPTH} levels without overflowing the stack`, () => {
    expect(toStorableJson({ a: nested(MAX_JSON_DEPTH - 2) }).ok).toBe(true);
    expect(toStorableJson({ a: nested(100_000) })).toEqual({ ok: false, problem: `body: nested deeper than ${MAX_JSON_DEPTH} levels` });
  });

  it('keeps a "__proto__" key as a key: stored, and never read as the check\'s own fields', () => {
    const body = JSON.parse(`{"__proto__": {"uuid": "from-proto"}, ${JSON.stringify(fixture('sale-cash')).slice(1)}`) as Record<string, unknown>;
    const parsed = parseCheck(body, 'Europe/Kyiv');
    expect(parsed.ok && JSON.parse(JSON.stringify(parsed.check.raw)).__proto__).toEqual({ uuid: 'from-proto' });
    const bare = JSON.parse('{"__proto__": {"uuid": "u-1", "num_fiscal": "1"}}') as Record<string, unknown>;
    const refused = parseCheck(bare, 'Europe/Kyiv');
    expect(refused.ok ? [] : refused.problems.map((p) => p.split(':')[0])).toEqual(expect.arrayContaining(['uuid', 'num_fiscal']));
  });

  it('a check with a NUL in a product name parses, with the name made storable', () => {
    const check = fixture('sale-cash');
    check.check_data.products[0].name = 'Хліб\u0000';
    const parsed = parseCheck(check, 'Europe/Kyiv');
    expect(parsed.ok && parsed.check.items[0]!.name).toBe('Хліб\uFFFD');
    expect(JSON.stringify(parsed.ok && parsed.check.raw)).not.toContain('\\u0000');
  });

  it('a check with a deeply nested unknown field is refused with a named problem', () => {
    const check = fixture('sale-cash');
    check.extra = nested(5_000);
    expect(parseCheck(check, 'Europe/Kyiv')).toEqual({ ok: false, problems: [`body: nested deeper than ${MAX_JSON_DEPTH} levels`] });
  });
});
