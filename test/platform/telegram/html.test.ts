import { describe, expect, it } from 'vitest';
import { escapeHtml, fitMessage, htmlToPlain, visibleLength } from '../../../src/platform/telegram/html.js';
import { cut } from '../../../src/platform/telegram/limits.js';
import { parseHtml } from '../../support/fake-telegram.js';

describe('escapeHtml', () => {
  it('escapes the four characters Telegram HTML cares about and nothing else', () => {
    const raw = `Tom & Jerry <b>"bold"</b> *md* _x_ [a](b) \`c\``;
    const html = escapeHtml(raw);
    expect(html).toBe('Tom &amp; Jerry &lt;b&gt;&quot;bold&quot;&lt;/b&gt; *md* _x_ [a](b) `c`');
    expect(parseHtml(html).text).toBe(raw);
    expect(htmlToPlain(html)).toBe(raw);
  });

  it('counts visible characters, not markup', () => {
    expect(visibleLength('<b>a&amp;b</b>')).toBe(3);
  });
});

describe('cut (the one cut, platform/telegram/limits.ts)', () => {
  it('keeps short text and cuts long text to the limit with an ellipsis', () => {
    expect(cut('abc', 3)).toBe('abc');
    expect(cut('abcdef', 4)).toBe('abc…');
    expect(cut('abcdef', 4)).toHaveLength(4);
  });

  it('never splits a surrogate pair', () => {
    const short = cut('😀😀😀', 4);
    expect(short).toBe('😀…');
    expect(() => encodeURIComponent(short)).not.toThrow();
  });
});

describe('fitMessage', () => {
  const more = (n: number) => `…і ще ${n}`;

  it('joins everything when it fits', () => {
    const { html, omitted } = fitMessage({ head: ['H'], body: ['a', 'b'], tail: ['T'], limit: 100, more });
    expect(html).toBe('H\na\nb\nT');
    expect(omitted).toBe(0);
  });

  it('drops body blocks from the end, says how many, keeps head and tail, within the limit', () => {
    const body = Array.from({ length: 50 }, (_, i) => `item ${i} ${'x'.repeat(20)}`);
    const { html, omitted } = fitMessage({ head: ['<b>Head</b>'], body, tail: ['<b>Total: 5</b>'], limit: 300, more });
    expect(visibleLength(html)).toBeLessThanOrEqual(300);
    expect(omitted).toBeGreaterThan(0);
    expect(html.startsWith('<b>Head</b>\nitem 0')).toBe(true);
    expect(html.endsWith(`…і ще ${omitted}\n<b>Total: 5</b>`)).toBe(true);
    const kept = html.split('\n').filter((l) => l.startsWith('item')).length;
    expect(kept + omitted).toBe(50);
  });

  it('uses the room exactly: one more block would not fit', () => {
    const body = Array.from({ length: 20 }, () => 'x'.repeat(9));
    const { html, omitted } = fitMessage({ head: ['h'], body, tail: ['t'], limit: 60, more });
    const length = visibleLength(html);
    expect(length).toBeLessThanOrEqual(60);
    expect(length + 10).toBeGreaterThan(60);
    expect(omitted).toBe(20 - html.split('\n').filter((l) => l === 'x'.repeat(9)).length);
  });
});
