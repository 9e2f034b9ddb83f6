import { describe, expect, it } from 'vitest';
import { parseCheck, type NormalisedCheck } from '../../../src/features/ingest/normalise.js';
import { keptRaw, MAX_RAW_BYTES, RAW_CAPPED_KEY } from '../../../src/features/ingest/kept-raw.js';
import { fixture, variant } from '../../support/fixtures.js';

/** The raw JSON kept per check: at most 64 KB, the fields the service uses always whole. */
const TZ = 'Europe/Kyiv';
const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v), 'utf8');

function ok(body: Record<string, unknown>): NormalisedCheck {
  const result = parseCheck(body, TZ);
  if (!result.ok) throw new Error(result.problems.join('; '));
  return result.check;
}

describe('the raw JSON kept per check', () => {
  it('a check with a 9 MB unknown field keeps 64 KB: every used field whole, the small unknown ones too', () => {
    const body = variant('sale-cash', 'raw-cap-1', (c) => {
      c.junk = 'x'.repeat(9 * 1024 * 1024);
      c.note = 'small and unknown';
      c.check_data.extra = { nested: 'y'.repeat(200_000) };
      c.check_data.products[0].vendor_field = 'kept';
    });
    const c = ok(body);
    expect(bytes(c.raw)).toBeLessThanOrEqual(MAX_RAW_BYTES);
    for (const key of ['uuid', 'num_fiscal', 'check_type', 'ORDERNUM', 'ORDERDATE', 'ORDERTIME', 'link', 'cash_in_box']) {
      expect(c.raw[key], key).toEqual(body[key]);
    }
    const data = c.raw.check_data as Record<string, any>;
    expect(data.total_sum).toEqual(body.check_data.total_sum);
    expect(data.payments).toEqual(body.check_data.payments);
    expect(data.products).toEqual(body.check_data.products);
    expect(c.raw.note).toBe('small and unknown');
    expect(c.raw[RAW_CAPPED_KEY]).toMatchObject({ bytes: expect.any(Number) });
    const note = c.raw[RAW_CAPPED_KEY] as { dropped: string[]; truncated: string[] };
    expect([...note.dropped, ...note.truncated].sort()).toEqual(['check_data.extra', 'junk']);
  });

  it('a long cut string stays storable and within the cap; a check under the cap is kept as it came', () => {
    const emoji = '😀'.repeat(100_000);
    const raw = keptRaw({ uuid: 'u', text: emoji, quoted: '"\\'.repeat(50_000) });
    expect(bytes(raw)).toBeLessThanOrEqual(MAX_RAW_BYTES);
    expect((raw.text as string & { isWellFormed(): boolean }).isWellFormed()).toBe(true);
    expect((raw as Record<string, any>)[RAW_CAPPED_KEY].truncated.length).toBeGreaterThan(0);
    const small = ok(fixture('sale-cash'));
    expect(small.raw).not.toHaveProperty(RAW_CAPPED_KEY);
    expect(small.raw).toHaveProperty('text_print');
  });

  it('a check whose used fields alone pass 64 KB (2 000 lines) keeps them all whole, and drops what it does not use', () => {
    const body = variant('sale-cash', 'raw-cap-2', (c) => {
      const line = c.check_data.products[0];
      c.check_data.products = Array.from({ length: 2000 }, (_, i) => ({ ...line, name: `Товар ${i} ${'з'.repeat(40)}`, unknown_per_line: 'u'.repeat(50) }));
      c.check_data.total_sum = (Number(line.cost) * 2000).toFixed(2);
      c.check_data.payments = [{ code: 1, name: 'КАРТКА', sum: c.check_data.total_sum }];
      c.check_data.round_sum = 0;
    });
    const c = ok(body);
    const products = (c.raw.check_data as Record<string, any>).products as Array<Record<string, unknown>>;
    expect(products).toHaveLength(2000);
    expect(products.map((p) => p.name)).toEqual(body.check_data.products.map((p: Record<string, unknown>) => p.name));
    expect(products.every((p) => !('unknown_per_line' in p))).toBe(true);
    expect(c.items).toHaveLength(2000);
  });

  it('a pdf that is no PDF (no %PDF- header) is stored as no PDF, and a large one is not kept in the raw JSON either', () => {
    const notPdf = Buffer.from('<html>' + 'a'.repeat(3 * 1024 * 1024) + '</html>').toString('base64');
    const c = ok(variant('sale-cash', 'raw-cap-3', (b) => (b.pdf = notPdf)));
    expect(c.pdfBase64).toBeNull();
    expect(c.raw).not.toHaveProperty('pdf');
    expect(bytes(c.raw)).toBeLessThanOrEqual(MAX_RAW_BYTES);
    expect((c.raw[RAW_CAPPED_KEY] as { dropped: string[] }).dropped).toContain('pdf');
  });
});
