import { describe, expect, it } from 'vitest';
import { CAPTION_LIMIT, TEXT_LIMIT, cut } from '../../../src/platform/telegram/limits.js';

describe('cut', () => {
  it("keeps a text at or under the limit as it is", () => {
    expect(cut('', 0)).toBe('');
    expect(cut('', 5)).toBe('');
    expect(cut('abc', 3)).toBe('abc');
    expect(cut('abc', 4)).toBe('abc');
  });

  it('cuts a longer text to exactly the limit, the last unit being the ellipsis', () => {
    expect(cut('abcd', 3)).toBe('ab…');
    expect(cut('Каса № 50037129', 6)).toBe('Каса …');
    expect(cut('x'.repeat(5000), TEXT_LIMIT)).toHaveLength(TEXT_LIMIT);
    expect(cut('x'.repeat(5000), CAPTION_LIMIT)).toBe(`${'x'.repeat(CAPTION_LIMIT - 1)}…`);
  });

  it('never leaves half of a surrogate pair before the ellipsis', () => {
    // 'a' then U+1F600 (two UTF-16 units), then 'bcd': cut at 3 would end on the high surrogate.
    const text = 'a😀bcd';
    expect(text).toHaveLength(6);
    expect(cut(text, 3)).toBe('a…');
    // Cut right after the pair: it is kept whole.
    expect(cut(text, 4)).toBe('a😀…');
    for (let max = 1; max < text.length; max++) {
      const out = cut(text, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out.endsWith('…')).toBe(true);
      expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(out), `max ${max}`).toBe(false);
    }
  });

  it("counts as Telegram does, in UTF-16 units: an emoji is two", () => {
    expect(cut('😀😀', 4)).toBe('😀😀');
    expect(cut('😀😀😀', 4)).toBe('😀…');
  });

  it('states the limits Telegram documents', () => {
    expect(TEXT_LIMIT).toBe(4096);
    expect(CAPTION_LIMIT).toBe(1024);
  });
});
