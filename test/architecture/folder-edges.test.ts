import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The arrows issue 12 took out (ARCHITECTURE.md, "an import only points down"): each names a
 * source folder and the folders it must not import. Read from the real source files, so a new
 * import that brings an arrow back fails here.
 */
const SRC = resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** `from` folder (relative to src, e.g. `telegram/render`) → the folders of what it imports. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const targets = [...text.matchAll(/(?:import|export)\s[^;]*?from\s+'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
  return targets.map((target) => relative(SRC, resolve(dirname(file), target)).split(sep).join('/'));
}

function offending(fromFolder: string, forbidden: string[]): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(join(SRC, fromFolder))) {
    for (const target of importsOf(file)) {
      if (forbidden.some((folder) => target === folder || target.startsWith(`${folder}/`))) {
        found.push(`${relative(SRC, file)} → ${target}`);
      }
    }
  }
  return found;
}

describe('folder arrows point down', () => {
  it.each([
    ['settings', ['schedules']],
    ['delivery', ['access', 'telegram/render', 'checks', 'reports', 'schedules', 'settings', 'bot', 'app', 'http']],
    ['i18n', ['cashdesk', 'access', 'delivery', 'telegram', 'settings', 'schedules', 'reports', 'checks']],
    ['time', ['reports', 'schedules', 'settings', 'delivery', 'access', 'telegram', 'i18n', 'cashdesk']],
    ['schedules', ['settings']],
    ['access', ['telegram/render', 'notices', 'checks', 'schedules', 'settings', 'bot', 'app', 'http']],
  ])('%s imports none of %j', (folder, forbidden) => {
    expect(offending(folder, forbidden)).toEqual([]);
  });

  it.each(['settings', 'schedules', 'reports', 'delivery', 'access', 'checks', 'alerts'])(
    '%s leaves local-time arithmetic to time/ (no luxon of its own)',
    (folder) => {
      const users = sourceFiles(join(SRC, folder)).filter((file) => /from\s+'luxon'/.test(readFileSync(file, 'utf8')));
      expect(users.map((file) => relative(SRC, file))).toEqual([]);
    },
  );

  it('finds an import when there is one (the walker itself works)', () => {
    expect(offending('cashdesk', ['db'])).toContain('cashdesk/kinds.ts → db/check-kinds.js');
  });
});
