import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { CHART_FONT_FAMILY } from './bar-chart.js';

/**
 * SVG → PNG with resvg (a prebuilt binary inside its npm package: no system libraries), with the
 * DejaVu Sans font from the dejavu-fonts-ttf package (Cyrillic and ₴), system fonts not loaded:
 * the picture is the same on every machine.
 */
const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT_FILES = [join(fontDir, 'DejaVuSans.ttf'), join(fontDir, 'DejaVuSans-Bold.ttf')];

export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY },
    background: '#ffffff',
  });
  return Buffer.from(resvg.render().asPng());
}
