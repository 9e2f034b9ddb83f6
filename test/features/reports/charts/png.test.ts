import { describe, expect, it } from 'vitest';
import { svgToPng } from '../../../../src/features/reports/charts/png.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('svgToPng', () => {
  it('a PNG of the SVG\'s size', () => {
    const png = svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#2563eb"/></svg>');
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(40);
    expect(png.readUInt32BE(20)).toBe(20);
  });

  it('text in Cyrillic and the hryvnia sign is drawn with the bundled font, the same on every machine', () => {
    const svg = (text: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="5" y="30" font-family="DejaVu Sans" font-size="20">${text}</text></svg>`;
    const drawn = svgToPng(svg('Каса 1 ₴'));
    expect(drawn.equals(svgToPng(svg('Каса 1 ₴')))).toBe(true);
    expect(drawn.equals(svgToPng(svg('')))).toBe(false);
  });

  it('refuses what is not an SVG', () => {
    expect(() => svgToPng('not svg')).toThrow();
  });
});
