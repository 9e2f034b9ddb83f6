/**
 * Builds the Mini App's client (web/ → web/dist/) with Vite and prints its size gzipped; fails
 * when it is over BUNDLE_LIMIT_BYTES. `--if-stale` (npm start's prestart) builds only when
 * web/dist is missing or older than a source it is built from, so an up-to-date start costs a
 * few file stats.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const WEB_DIST = join(ROOT, 'web', 'dist');
/** The limit for everything the page loads: 150 KB gzipped. */
export const BUNDLE_LIMIT_BYTES = 150 * 1024;

/** Files the client is built from: web/ (but its output) and the service files it imports. */
const SHARED_SOURCES = [
  'src/miniapp/api-contract.ts',
  'src/platform/money/format.ts',
  'src/platform/i18n/catalogue.ts',
  'src/platform/i18n/uk.ts',
  'src/platform/i18n/en.ts',
  'package-lock.json',
];

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

export function newestSourceMtime(root = ROOT): number {
  const files = [...walk(join(root, 'web')), ...SHARED_SOURCES.map((f) => join(root, f))];
  let newest = 0;
  for (const file of files) {
    try {
      newest = Math.max(newest, statSync(file).mtimeMs);
    } catch {
      /* a shared source that is not there is not newer */
    }
  }
  return newest;
}

/** True when `outDir` has no index.html or it is older than a source. */
export function isStale(outDir = WEB_DIST, root = ROOT): boolean {
  let built: number;
  try {
    built = statSync(join(outDir, 'index.html')).mtimeMs;
  } catch {
    return true;
  }
  return built < newestSourceMtime(root);
}

export interface BundleSize {
  files: Array<{ file: string; bytes: number; gzipBytes: number }>;
  gzipBytes: number;
}

/** What a first visit downloads: every file of the build, each gzipped. */
export function bundleSize(outDir = WEB_DIST): BundleSize {
  const files: BundleSize['files'] = [];
  const stack = [outDir];
  while (stack.length) {
    const dir = stack.pop()!;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else {
        const bytes = readFileSync(path);
        files.push({ file: relative(outDir, path), bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length });
      }
    }
  }
  files.sort((a, b) => a.file.localeCompare(b.file));
  return { files, gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0) };
}

export async function buildWeb(options: { outDir?: string; quiet?: boolean } = {}): Promise<BundleSize> {
  const { build } = await import('vite');
  const outDir = options.outDir ?? WEB_DIST;
  await build({
    configFile: join(ROOT, 'web', 'vite.config.ts'),
    logLevel: options.quiet ? 'silent' : 'warn',
    build: { outDir },
  });
  const size = bundleSize(outDir);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  if (!options.quiet) {
    for (const f of size.files) console.log(`  ${f.file.padEnd(32)} ${kb(f.bytes).padStart(9)}  gzip ${kb(f.gzipBytes).padStart(8)}`);
    console.log(`Mini App bundle: ${kb(size.gzipBytes)} gzipped (limit ${kb(BUNDLE_LIMIT_BYTES)}) → ${relative(ROOT, outDir)}/`);
  }
  if (size.gzipBytes > BUNDLE_LIMIT_BYTES) {
    throw new Error(`Mini App bundle is ${kb(size.gzipBytes)} gzipped, over the ${kb(BUNDLE_LIMIT_BYTES)} limit`);
  }
  return size;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ifStale = process.argv.includes('--if-stale');
  if (ifStale && !isStale()) process.exit(0);
  buildWeb().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
