import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_LIMIT_BYTES, buildWeb, isStale } from '../../scripts/web-build.js';

/** The Mini App's client build: small enough (the 150 KB gzipped), self-contained, rebuilt when stale. */
const temp = mkdtempSync(path.join(tmpdir(), 'web-build-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('the Mini App client build', () => {
  it('is under 150 KB gzipped, with relative URLs and no script from elsewhere', async () => {
    const outDir = path.join(temp, 'dist');
    const size = await buildWeb({ outDir, quiet: true });
    expect(size.files.some((f) => f.file.endsWith('.js'))).toBe(true);
    expect(size.gzipBytes).toBeGreaterThan(0);
    expect(size.gzipBytes).toBeLessThan(BUNDLE_LIMIT_BYTES);
    const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref, ref).toMatch(/^(\.\/|data:)/);
    // The bundle asks nothing of telegram.org or any other host.
    for (const f of size.files.filter((f) => f.file.endsWith('.js'))) {
      const js = readFileSync(path.join(outDir, f.file), 'utf8');
      expect(js).not.toMatch(/<script[^>]+src=["']https?:/);
      expect(js).not.toContain('telegram.org/js');
    }
  });

  it('is stale when the output is missing or older than a source, fresh otherwise', () => {
    const root = path.join(temp, 'project');
    const dist = path.join(root, 'web', 'dist');
    mkdirSync(path.join(root, 'web', 'src'), { recursive: true });
    const source = path.join(root, 'web', 'src', 'main.tsx');
    writeFileSync(source, 'export {};');
    expect(isStale(dist, root)).toBe(true);
    mkdirSync(dist, { recursive: true });
    const index = path.join(dist, 'index.html');
    writeFileSync(index, '<!doctype html>');
    const t0 = new Date('2026-01-01T00:00:00Z');
    const t1 = new Date('2026-01-02T00:00:00Z');
    utimesSync(source, t0, t0);
    utimesSync(index, t1, t1);
    expect(isStale(dist, root)).toBe(false);
    utimesSync(source, t1, new Date('2026-01-03T00:00:00Z'));
    expect(isStale(dist, root)).toBe(true);
  });
});
